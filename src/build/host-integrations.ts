import { hasNuxtModule, useLogger } from '@nuxt/kit'
import type { Nuxt } from '@nuxt/schema'

/**
 * nuxt-security's CSRF check (nuxt-csurf) would refuse the module's requests, and its XSS validator reads the body
 * before the module's byte-counting reader (bypassing the body cap). The module's routes defend themselves (same
 * origin, JSON only), so both are turned off for them, whatever order the app lists its modules in.
 */
export function adaptToNuxtSecurity(nuxt: Nuxt, apiBase: string) {
  nuxt.hook('modules:done', () => {
    if (!hasNuxtModule('nuxt-security', nuxt)) return
    const route = `${apiBase}/**`
    const rules = nuxt.options.routeRules ||= {}
    const rule = (rules[route] ||= {}) as Record<string, unknown> & { security?: Record<string, unknown> }
    rule.csurf = false
    rule.security = { ...rule.security, xssValidator: false }
  })
}

// Deploy targets whose server keeps no files between requests (serverless functions, edge workers).
const STATELESS_PRESET = /^(?:aws-lambda|aws-amplify|azure|cloudflare|deno-deploy|firebase|netlify|vercel|zeabur|stormkit)/

/** The default `fs` storage on a serverless target would quietly lose every connection: say so at build time. */
export function warnOnStatelessStorage(nuxt: Nuxt, usesDefaultFsStorage: boolean) {
  if (!usesDefaultFsStorage) return
  nuxt.hook('nitro:init', (nitro) => {
    const preset = String(nitro.options.preset ?? '')
    if (nuxt.options.dev || !STATELESS_PRESET.test(preset)) return
    useLogger('pleo-connect').warn(`The "${preset}" deploy target keeps no files between requests, so the default \`fs\` storage would lose every Pleo connection. Set the \`pleoConnect.storage\` option to a shared store, for example \`{ driver: 'redis', url: process.env.REDIS_URL }\`.`)
  })
}
