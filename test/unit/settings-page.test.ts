// Where the module's settings page goes among the app's own pages.
import type { NuxtPage } from '@nuxt/schema'
import { describe, expect, it } from 'vitest'
import { placeSettingsPage } from '../../src/build/settings-page'

const ours = () => ({ name: 'pleo-connect-settings', path: '/settings/pleo', file: '/module/settings-pleo.vue' })

describe('placing the settings page', () => {
  it('nests under the app\'s /settings parent route, so it renders in the app\'s settings layout', () => {
    const pages: NuxtPage[] = [
      { path: '/', file: 'pages/index.vue' },
      { path: '/settings', file: 'pages/settings.vue', children: [{ path: '', file: 'pages/settings/index.vue' }, { path: 'members', file: 'pages/settings/members.vue' }] },
    ]
    expect(placeSettingsPage(pages, ours())).toEqual({ placed: 'nested', parentPath: '/settings' })
    expect(pages[1]!.children!.map(child => child.path)).toEqual(['', 'members', 'pleo'])
    expect(pages[1]!.children![2]).toMatchObject({ name: 'pleo-connect-settings', file: '/module/settings-pleo.vue' })
  })

  it('nests under the deepest parent, with the remaining path', () => {
    const pages: NuxtPage[] = [
      { path: '/admin', file: 'pages/admin.vue', children: [{ path: 'settings', file: 'pages/admin/settings.vue', children: [{ path: '', file: 'pages/admin/settings/index.vue' }] }] },
    ]
    expect(placeSettingsPage(pages, { ...ours(), path: '/admin/settings/integrations/pleo' })).toEqual({ placed: 'nested', parentPath: '/admin/settings' })
    expect(pages[0]!.children![0]!.children!.map(child => child.path)).toEqual(['', 'integrations/pleo'])
  })

  it('stays top-level when no parent route renders children (a plain settings page is a leaf, not a layout)', () => {
    const pages: NuxtPage[] = [{ path: '/settings', file: 'pages/settings.vue' }]
    expect(placeSettingsPage(pages, ours())).toEqual({ placed: 'top-level' })
    expect(pages.map(page => page.path)).toEqual(['/settings', '/settings/pleo'])
  })

  it('adds nothing where the app has its own page at the same path, and names it', () => {
    const pages: NuxtPage[] = [{ path: '/settings', file: 'pages/settings.vue', children: [{ path: 'pleo', file: 'pages/settings/pleo.vue' }] }]
    expect(placeSettingsPage(pages, ours())).toEqual({ placed: false, takenBy: 'pages/settings/pleo.vue' })
    expect(pages[0]!.children).toHaveLength(1)
  })
})
