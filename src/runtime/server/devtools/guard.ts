import { getRequestURL, type H3Event } from 'h3'
import { isLoopbackHost } from '../../shared/loopback'
import { PleoConnectError } from '../lib/errors'
import { assertJsonContentType, assertSameOrigin } from '../lib/http/request-checks'

/** The tab is for the developer's own machine: a loopback Host only, and changes only from its own page as JSON. */
export function assertLoopbackDevRequest(event: H3Event, { changing = false } = {}) {
  if (!isLoopbackHost(getRequestURL(event).hostname)) throw new PleoConnectError('forbidden')
  if (!changing) return
  assertSameOrigin(event, { allowSameSite: false, trustProxy: false })
  assertJsonContentType(event, { bodyRequired: true })
}
