import type { NuxtPage } from '@nuxt/schema'

export type SettingsPagePlacement
  = | { placed: 'top-level' }
    | { placed: 'nested', parentPath: string }
    | { placed: false, takenBy: string }

const segments = (path: string) => path.split('/').filter(Boolean)

/** A page's full path: children's paths are relative to their parent's. */
function fullPath(page: NuxtPage, parent: string): string {
  return page.path.startsWith('/') ? page.path : `${parent.replace(/\/$/, '')}/${page.path}`
}

/** The first page (children before their parent) whose full path matches; visits every page while none does. */
function findPage(pages: NuxtPage[], match: (path: string, page: NuxtPage) => boolean, parent = ''): { page: NuxtPage, path: string } | undefined {
  for (const page of pages) {
    const path = fullPath(page, parent)
    const inChildren = page.children?.length ? findPage(page.children, match, path) : undefined
    if (inChildren) return inChildren
    if (match(path, page)) return { page, path }
  }
  return undefined
}

/**
 * Adds the settings page where the app's own pages expect it: under the app's parent route whose path it extends
 * (an app's `pages/settings.vue` with its `<NuxtPage>` children), so it renders in the app's settings layout, else
 * at the top level. A page of the app at the same path wins: nothing is added, and the caller says so.
 */
export function placeSettingsPage(pages: NuxtPage[], page: NuxtPage & { path: string }): SettingsPagePlacement {
  const wanted = segments(page.path)
  const taken = findPage(pages, path => segments(path).join('/') === wanted.join('/'))
  if (taken) return { placed: false, takenBy: taken.page.file ?? taken.path }
  // The deepest parent route (one with children, so it renders a <NuxtPage>) whose path the page's path extends.
  let parent: { page: NuxtPage, path: string } | undefined
  findPage(pages, (path, candidate) => {
    const own = segments(path)
    const isAncestor = own.length < wanted.length && own.every((segment, index) => segment === wanted[index])
    if (isAncestor && candidate.children?.length && (!parent || own.length > segments(parent.path).length)) parent = { page: candidate, path }
    return false
  })
  if (!parent) {
    pages.push(page)
    return { placed: 'top-level' }
  }
  parent.page.children!.push({ ...page, path: wanted.slice(segments(parent.path).length).join('/') })
  return { placed: 'nested', parentPath: parent.path }
}
