import { addServerHandler, type Resolver } from '@nuxt/kit'
import type { Nuxt } from '@nuxt/schema'
import { DEVTOOLS_ROUTES } from '../runtime/shared/routes'

/** What Nuxt DevTools' `devtools:customTabs` hook takes (typed here so the module needs no @nuxt/devtools-kit). */
export interface DevtoolsCustomTab {
  name: string
  title: string
  icon: string
  view: { type: 'iframe', src: string }
}

/**
 * In `nuxt dev` only: a Nuxt DevTools tab with every tenant's connection (state, company, key hint, last check,
 * problem, newest events) and buttons that run `pleo-connect:verify` and `pleo-connect:rewrap`. Its routes answer
 * loopback requests only and are never part of a production build.
 */
export function addDevtoolsTab(nuxt: Nuxt, resolver: Resolver) {
  if (!nuxt.options.dev) return
  addServerHandler({ method: 'get', route: DEVTOOLS_ROUTES.page, handler: resolver.resolve('./runtime/server/devtools/page.get') })
  addServerHandler({ method: 'post', route: DEVTOOLS_ROUTES.run, handler: resolver.resolve('./runtime/server/devtools/run.post') })
  const hook = nuxt.hook as unknown as (name: string, listener: (tabs: DevtoolsCustomTab[]) => void) => void
  hook('devtools:customTabs', (tabs) => {
    tabs.push({ name: 'pleo-connect', title: 'Pleo Connect', icon: 'i-carbon-connect', view: { type: 'iframe', src: DEVTOOLS_ROUTES.page } })
  })
}
