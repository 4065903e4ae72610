import { getRequestHeader, getRequestURL, setResponseHeader, type H3Event } from 'h3'
import { PleoConnectError } from '../errors'

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Mutating requests must come from the app's own pages: `Sec-Fetch-Site` when the browser sends it, else the
 * `Origin` (then `Referer`) against the app's origin. Requests with neither come from non-browser clients,
 * which cannot ride on an admin's cookies.
 */
export function assertSameOrigin(event: H3Event, options: { allowSameSite: boolean, trustProxy: boolean }) {
  setResponseHeader(event, 'Vary', 'Sec-Fetch-Site, Origin')
  if (!MUTATING.has(event.method)) return
  const site = getRequestHeader(event, 'sec-fetch-site')
  if (site) {
    if (site === 'same-origin' || site === 'none' || (site === 'same-site' && options.allowSameSite)) return
    throw crossSite()
  }
  const source = getRequestHeader(event, 'origin') || getRequestHeader(event, 'referer')
  if (!source) return
  let sourceOrigin: string
  try {
    sourceOrigin = new URL(source).origin
  }
  catch {
    throw crossSite()
  }
  if (sourceOrigin !== ownOrigin(event, options.trustProxy)) throw crossSite()
}

/**
 * Only JSON may change state. h3 would otherwise parse url-encoded and multipart bodies, which any web page can
 * send cross-site without a preflight; a body-less request may omit the content type.
 */
export function assertJsonContentType(event: H3Event, { bodyRequired }: { bodyRequired: boolean }) {
  if (!MUTATING.has(event.method)) return
  const type = getRequestHeader(event, 'content-type')
  if (!type && !bodyRequired) return
  if (!type || !/^application\/json\s*(?:;|$)/i.test(type)) {
    throw new PleoConnectError('invalid_request', { statusCode: 415, variant: 'json_only' })
  }
}

/**
 * The connection view and the audit trail are for the app's own pages: another site's script must not read them
 * (a host app's `cors: true` route rule, or a policy hook that lets cookie-less requests in, would otherwise let it).
 * A page navigation may come from anywhere (Pleo's install dialog links here), and its server-side render reads
 * the view with the page's own headers, so navigations pass; every other cross-site or foreign-origin read is
 * refused, and no wildcard `Access-Control-Allow-Origin` is ever sent.
 */
export function assertOwnPagesRead(event: H3Event, options: { allowSameSite: boolean, trustProxy: boolean }) {
  setResponseHeader(event, 'Vary', 'Sec-Fetch-Site, Origin')
  for (const header of ['access-control-allow-origin', 'access-control-allow-credentials']) event.node.res.removeHeader(header)
  const site = getRequestHeader(event, 'sec-fetch-site')
  const navigation = getRequestHeader(event, 'sec-fetch-mode') === 'navigate'
  if (site && !navigation && !(site === 'same-origin' || site === 'none' || (site === 'same-site' && options.allowSameSite))) throw crossSite()
  const origin = getRequestHeader(event, 'origin')
  if (origin && origin !== ownOrigin(event, options.trustProxy)) throw crossSite()
}

function ownOrigin(event: H3Event, trustProxy: boolean): string {
  // Forwarded headers are the client's to write unless a trusted proxy sets them (option `trustProxy`).
  return getRequestURL(event, { xForwardedHost: trustProxy, xForwardedProto: trustProxy }).origin
}

function crossSite() {
  return new PleoConnectError('forbidden', { variant: 'cross_site' })
}
