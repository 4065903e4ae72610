import type { Nuxt } from '@nuxt/schema'
import { createHooks } from 'hookable'
import { describe, expect, it, vi } from 'vitest'

const warnings: string[] = []
vi.mock('@nuxt/kit', () => ({
  useLogger: () => ({ warn: (message: string) => warnings.push(message) }),
  hasNuxtModule: (name: string, nuxt: Nuxt) => (nuxt.options as unknown as { _installedModules: Array<{ meta: { name: string } }> })._installedModules.some(m => m.meta.name === name),
}))
const { adaptToNuxtSecurity, warnOnStatelessStorage } = await import('../../src/build/host-integrations')

/** Just enough of a Nuxt instance: options and a hook bus. */
function fakeNuxt(options: Record<string, unknown> = {}) {
  const hooks = createHooks()
  return { hooks, hook: hooks.hook.bind(hooks), callHook: hooks.callHook.bind(hooks), options: { dev: false, routeRules: {}, _installedModules: [], ...options } } as unknown as Nuxt & { callHook: (name: string, ...args: unknown[]) => Promise<void> }
}

describe('a serverless deploy target with the default fs storage', () => {
  it.each(['vercel', 'netlify', 'cloudflare-module', 'aws-lambda', 'deno-deploy'])('%s: the build warns and names the storage option', async (preset) => {
    warnings.length = 0
    const nuxt = fakeNuxt()
    warnOnStatelessStorage(nuxt, true)
    await nuxt.callHook('nitro:init', { options: { preset } })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`"${preset}" deploy target keeps no files`)
    expect(warnings[0]).toContain('`pleoConnect.storage`')
  })

  it('no warning on a server with a disk, with a storage option, or in development', async () => {
    warnings.length = 0
    for (const [preset, defaultStorage, dev] of [['node-server', true, false], ['vercel', false, false], ['vercel', true, true]] as const) {
      const nuxt = fakeNuxt({ dev })
      warnOnStatelessStorage(nuxt, defaultStorage)
      await nuxt.callHook('nitro:init', { options: { preset } })
    }
    expect(warnings).toEqual([])
  })
})

describe('nuxt-security', () => {
  it('when installed, the module\'s routes get the rule they need, keeping what the app set for them', async () => {
    const nuxt = fakeNuxt({ routeRules: { '/api/_pleo-connect/**': { security: { rateLimiter: false } } }, _installedModules: [{ meta: { name: 'nuxt-security' } }] })
    adaptToNuxtSecurity(nuxt, '/api/_pleo-connect')
    await nuxt.callHook('modules:done')
    expect(nuxt.options.routeRules).toEqual({ '/api/_pleo-connect/**': { csurf: false, security: { rateLimiter: false, xssValidator: false } } })
  })

  it('without it, no route rule is added', async () => {
    const nuxt = fakeNuxt()
    adaptToNuxtSecurity(nuxt, '/api/_pleo-connect')
    await nuxt.callHook('modules:done')
    expect(nuxt.options.routeRules).toEqual({})
  })
})
