import { defineEventHandler, setResponseHeaders, setResponseStatus, type H3Event } from 'h3'
import { resolveAccess, type PleoAccess } from './access-policy'
import { useModuleConfig } from '../config'
import { PleoConnectError, isPleoConnectError } from '../errors'
import { withRequestScope } from '../notify'
import { assertNoBody } from './request-body'
import { assertJsonContentType, assertOwnPagesRead, assertSameOrigin } from './request-checks'
import { VaultDecryptError } from '../vault/sealing'
import { logger } from '../logger'

export interface RouteOptions {
  /** `manage` routes change the connection: same-origin JSON only. */
  action: 'read' | 'manage'
  /** The route reads a JSON body. */
  hasBody?: boolean
}

/**
 * Every module route: never cached, always JSON, guarded against cross-site requests, authorised by the host
 * app's policy, and answering errors in one safe shape `{ statusCode, message, data: { code, message, action } }`.
 */
export function defineConnectionRoute<T>(options: RouteOptions, handler: (event: H3Event, access: PleoAccess) => Promise<T>) {
  return defineEventHandler(async (event) => {
    setResponseHeaders(event, {
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Type': 'application/json; charset=utf-8',
    })
    try {
      const { allowSameSite, trustProxy, bodyLimit } = useModuleConfig()
      if (options.action === 'manage') {
        assertSameOrigin(event, { allowSameSite, trustProxy })
        assertJsonContentType(event, { bodyRequired: options.hasBody === true })
      }
      else {
        assertOwnPagesRead(event, { allowSameSite, trustProxy })
      }
      const access = await resolveAccess(event, options.action)
      // Read after the policy, as the bodies of the other routes are: an anonymous visitor is told to sign in first.
      if (options.action === 'manage' && !options.hasBody) await assertNoBody(event, bodyLimit)
      return await withRequestScope(event, () => handler(event, access))
    }
    catch (error) {
      return sendRouteError(event, toRouteError(error))
    }
  })
}

function toRouteError(error: unknown): PleoConnectError {
  if (isPleoConnectError(error)) return error
  if (error instanceof VaultDecryptError) {
    logger.error('a stored key could not be decrypted with the configured encryption keys')
    return new PleoConnectError('not_configured', { variant: 'key_unreadable', hint: 'Developers: add the previous key to NUXT_PLEO_CONNECT_ENCRYPTION_KEY, or connect again with a new API Key.', hintIn: 'action' })
  }
  // Unknown failures get a generic answer; the log names the error type only (its message could hold anything).
  logger.error(`unexpected ${error instanceof Error ? error.name : typeof error} in a route`)
  return new PleoConnectError('internal_error')
}

function sendRouteError(event: H3Event, error: PleoConnectError) {
  setResponseStatus(event, error.statusCode)
  if (error.data.retryAfter) setResponseHeaders(event, { 'Retry-After': String(error.data.retryAfter) })
  return {
    statusCode: error.statusCode,
    statusMessage: error.code,
    message: error.data.message,
    data: error.data,
  }
}
