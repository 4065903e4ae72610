import { fileURLToPath } from 'node:url'
import { loadNuxt } from '@nuxt/kit'
import { describe, expect, it } from 'vitest'

// The module's setup, run by Nuxt itself on the basic fixture (no build): what it registers for the options.
const rootDir = fileURLToPath(new URL('../fixtures/basic', import.meta.url))

async function setUp(pleoConnect: Record<string, unknown>) {
  const nuxt = await loadNuxt({ cwd: rootDir, dev: false, ready: true, overrides: { pleoConnect } })
  try {
    return { nitro: nuxt.options.nitro, css: nuxt.options.css.filter(file => file.includes('pleo-connect')), publicConfig: (nuxt.options.runtimeConfig.public as { pleoConnect: { ui: Record<string, unknown> } }).pleoConnect }
  }
  finally {
    await nuxt.close()
  }
}

describe('what the module registers', () => {
  it('the background check runs hourly by default, as a Nitro scheduled task', { timeout: 60_000 }, async () => {
    const { nitro } = await setUp({})
    expect(nitro.scheduledTasks).toEqual({ '0 * * * *': ['pleo-connect:verify'] })
    expect(Object.keys(nitro.tasks ?? {})).toEqual(expect.arrayContaining(['pleo-connect:verify', 'pleo-connect:rewrap']))
    expect(nitro.experimental?.tasks).toBe(true)
  })

  it('follows healthCheck.schedule, and false schedules nothing; the page follows expiryWarningDays and askKeyExpiry', { timeout: 60_000 }, async () => {
    const custom = await setUp({ healthCheck: { schedule: '*/15 * * * *', expiryWarningDays: 30 }, askKeyExpiry: 'always' })
    expect(custom.nitro.scheduledTasks).toEqual({ '*/15 * * * *': ['pleo-connect:verify'] })
    expect(custom.publicConfig.ui).toMatchObject({ expiryWarningDays: 30, askKeyExpiry: 'always' })
    const none = await setUp({ healthCheck: { schedule: false } })
    expect(none.nitro.scheduledTasks ?? {}).toEqual({})
  })

  it('adds its CSS (tokens, then components), and none with ui.styles: false', { timeout: 60_000 }, async () => {
    const styled = await setUp({})
    expect(styled.css.map(file => file.split('/').pop())).toEqual(['pleo-connect.css', 'pleo-connect-components.css'])
    const unstyled = await setUp({ ui: { styles: false } })
    expect(unstyled.css).toEqual([])
    // Nuxt UI's tokens are added when @nuxt/ui is installed (not in this fixture) or when asked for.
    const nuxtUi = await setUp({ ui: { theme: 'nuxt-ui' } })
    expect(nuxtUi.css.map(file => file.split('/').pop())).toEqual(['pleo-connect.css', 'pleo-connect-components.css', 'pleo-connect-nuxt-ui.css'])
  })

  it('adds the DevTools tab and its routes in nuxt dev only', { timeout: 60_000 }, async () => {
    const tabsOf = async (dev: boolean) => {
      const nuxt = await loadNuxt({ cwd: rootDir, dev, ready: true, overrides: {} })
      try {
        const tabs: Array<{ name: string, view: { src: string } }> = []
        await (nuxt.callHook as unknown as (name: string, tabs: unknown[]) => Promise<void>)('devtools:customTabs', tabs)
        return { tabs, routes: nuxt.options.serverHandlers.map(handler => handler.route).filter(route => route?.startsWith('/__pleo-connect')) }
      }
      finally {
        await nuxt.close()
      }
    }
    expect(await tabsOf(true)).toEqual({ tabs: [expect.objectContaining({ name: 'pleo-connect', view: { type: 'iframe', src: '/__pleo-connect/devtools' } })], routes: ['/__pleo-connect/devtools', '/__pleo-connect/devtools/run'] })
    expect(await tabsOf(false)).toEqual({ tabs: [], routes: [] })
  })
})
