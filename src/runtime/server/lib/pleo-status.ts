import { PleoConnectError } from './errors'

/**
 * The one place that turns Pleo's answers into the module's error codes. Branches on the HTTP status only:
 * Pleo's error body shape is not documented.
 */
export function errorForPleoStatus(status: number, retryAfter?: number): PleoConnectError {
  if (status === 401) return new PleoConnectError('key_rejected')
  if (status === 403) return new PleoConnectError('key_lacks_permission')
  if (status === 429) return new PleoConnectError('pleo_rate_limited', retryAfter ? { retryAfter } : {})
  if (status >= 300 && status < 400) {
    // Redirects are never followed: the Authorization header must not travel to another host.
    return new PleoConnectError('pleo_unavailable', { message: 'Pleo answered in an unexpected way (a redirect).' })
  }
  return new PleoConnectError('pleo_unavailable')
}

/** `Retry-After` as seconds (delta or HTTP date), capped so a hostile value cannot park the app for days. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : (Date.parse(header) - now) / 1000
  if (!Number.isFinite(seconds) || seconds < 0) return undefined
  return Math.min(Math.ceil(seconds), 3600)
}
