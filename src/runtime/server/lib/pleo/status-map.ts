import { PleoConnectError } from '../errors'

/**
 * The one place that turns Pleo's answers into the module's error codes (activation, checks, disconnect and the
 * app's own calls all use it). Branches on the HTTP status only:
 * Pleo's error body shape is not documented. `request` says whose call it was: the module's own calls (the
 * installation, the company) treat any other 4xx as an unexpected answer; the app's own calls through
 * `usePleoClient` get `pleo_request_failed`, since a 400 or 404 there is about the request, not about Pleo's health.
 */
export interface PleoAnswerContext {
  retryAfter?: number
  /** The error body, for Pleo's own error code (only for the app's calls). */
  body?: unknown
  /** Whose call it was: the module's own, or the app's through `usePleoClient`. */
  request?: 'module' | 'app'
  /** A check of a working connection: a 429 there says the connection keeps working meanwhile. */
  whileConnected?: boolean
}

export function errorForPleoStatus(status: number, { retryAfter, body, request = 'module', whileConnected = false }: PleoAnswerContext = {}): PleoConnectError {
  if (status === 401) return new PleoConnectError('key_rejected')
  if (status === 403) return new PleoConnectError('key_lacks_permission')
  if (status === 429) return new PleoConnectError('pleo_rate_limited', { ...retryAfter && { retryAfter }, ...whileConnected && { variant: 'while_connected' } })
  if (status >= 300 && status < 400) {
    // Redirects are never followed: the Authorization header must not travel to another host.
    return new PleoConnectError('pleo_unavailable', { variant: 'redirect' })
  }
  if (request === 'app' && status >= 400 && status < 500) {
    const pleoCode = pleoErrorCode(body)
    return new PleoConnectError('pleo_request_failed', { status, ...pleoCode && { pleoCode } })
  }
  return new PleoConnectError('pleo_unavailable')
}

/** Pleo's own error code from an error body, when it has a short identifier-like one; never its free text. */
function pleoErrorCode(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined
  for (const field of ['code', 'errorCode', 'type', 'error']) {
    const value = (body as Record<string, unknown>)[field]
    if (typeof value === 'string' && /^[\w.-]{1,64}$/.test(value)) return value
  }
  return undefined
}

/** `Retry-After` as seconds (delta or HTTP date), capped so a hostile value cannot park the app for days. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : (Date.parse(header) - now) / 1000
  if (!Number.isFinite(seconds) || seconds < 0) return undefined
  return Math.min(Math.ceil(seconds), 3600)
}
