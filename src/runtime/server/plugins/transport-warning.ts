import { getRequestHeader, getRequestURL } from 'h3'
import { defineNitroPlugin } from 'nitropack/runtime'
import { useModuleConfig } from '../lib/config'
import { isLoopbackHost } from '../../shared/loopback'
import { logger } from '../lib/logger'

/**
 * A production app served over plain http sends API keys unencrypted from the admin's browser: say so once, at
 * the first such request (Nitro cannot know its public address before). Behind a proxy that terminates TLS the
 * request arrives as http with `X-Forwarded-Proto: https`, which counts only with the `trustProxy` option.
 */
export default defineNitroPlugin((nitroApp) => {
  if (import.meta.dev) return
  let warned = false
  nitroApp.hooks.hook('request', (event) => {
    if (warned) return
    const url = getRequestURL(event, { xForwardedProto: useModuleConfig().trustProxy })
    const forwarded = getRequestHeader(event, 'x-forwarded-proto')
    if (url.protocol !== 'http:' || isLoopbackHost(url.hostname) || (forwarded && !useModuleConfig().trustProxy)) return
    warned = true
    logger.warn(`This app answers over plain http (${url.host}): API keys typed on its pages would travel unencrypted. Serve it over https; behind a proxy that terminates TLS, set the pleoConnect.trustProxy option.`)
  })
})
