import type { H3Event, Router } from 'h3'
import { eventHandler, getRequestHeader } from 'h3'
import { isLoopbackHost } from '../runtime/shared/loopback'
import type { FakeContext } from './context'
import { REDIRECT_TARGET } from './faults'
import { sendError, sendJson } from './respond'
import { keyBody, seedBody } from './schema'
import { keyHint, keyTable } from './table'

/**
 * Test-control routes (fake spec 3.7), on the root only. Nothing they answer contains a key, except
 * `/__fake/keys` for the initial (demo) keys, which exist to be shown to playground users.
 */
export function addControlRoutes(router: Router, ctx: FakeContext, actions: { reset(): void, setClockSkew(ms: number): void }): void {
  const { store } = ctx
  // Every control passes the same guard first.
  const control = (handle: (event: H3Event) => string) => eventHandler(event => refusedControl(event, ctx) ?? handle(event))

  router.post('/__fake/reset', control((event) => {
    actions.reset()
    return sendJson(event, 200, { data: { reset: true } })
  }))

  router.post('/__fake/clock', control((event) => {
    const skewMs = (readJson(event, ctx) as { skewMs?: unknown } | undefined)?.skewMs
    if (typeof skewMs !== 'number' || !Number.isFinite(skewMs)) return sendError(event, 400, 'The body must be { skewMs: number }.')
    actions.setClockSkew(skewMs)
    return sendJson(event, 200, { data: { skewMs } })
  }))

  router.post('/__fake/seed', control((event) => {
    const body = readJson(event, ctx)
    const parsed = seedBody.safeParse(body)
    if (!parsed.success) return sendError(event, 400, 'The body must be { keys?: FakeKey[], companies?: FakeCompany[] }.')
    store.add(parsed.data.keys, parsed.data.companies)
    return sendJson(event, 200, { data: { keys: parsed.data.keys.length, companies: parsed.data.companies.length } })
  }))

  for (const action of ['revoke', 'expire'] as const) {
    router.post(`/__fake/${action}`, control((event) => {
      const parsed = keyBody.safeParse(readJson(event, ctx))
      if (!parsed.success) return sendError(event, 400, 'The body must be { key: string }.')
      const key = store.findKey(parsed.data.key)
      if (!key) return sendError(event, 404, 'No such key.')
      store[action](key.key)
      return sendJson(event, 200, { data: { case: key.case, [action === 'revoke' ? 'revoked' : 'expired']: true } })
    }))
  }

  router.get('/__fake/state', control(event => sendJson(event, 200, {
    data: {
      keys: store.allKeys().map(({ key, ...rest }) => ({ key: keyHint(key), ...rest })),
      companies: store.allCompanies(),
      installations: store.listInstallations(),
    },
  })))

  router.get('/__fake/keys', control(event =>
    sendJson(event, 200, { data: keyTable(store.allKeys(), store.initialKeys) })))

  router.use(REDIRECT_TARGET, eventHandler(event =>
    sendJson(event, 200, { redirected: true, message: 'A Pleo client followed a redirect; it should not have.' })))
}

/**
 * The controls change what the fake answers, so a web page must not reach them: a loopback Host only (a page of
 * another site that resolves its name to 127.0.0.1 still sends its own Host), JSON for every POST (a cross-site
 * form or `text/plain` POST cannot send it without a preflight), and the token when one is set.
 */
function refusedControl(event: H3Event, ctx: FakeContext): string | undefined {
  const hostname = (getRequestHeader(event, 'host') ?? '').replace(/:\d+$/, '')
  if (!isLoopbackHost(hostname)) return sendError(event, 403, 'The fake\'s controls answer on a loopback host only.')
  if (ctx.options.controlToken && getRequestHeader(event, 'x-fake-pleo-token') !== ctx.options.controlToken) {
    return sendError(event, 403, 'The fake\'s controls need the x-fake-pleo-token header.')
  }
  if (event.method === 'POST' && !/^application\/json\s*(?:;|$)/i.test(getRequestHeader(event, 'content-type') ?? '')) {
    return sendError(event, 415, 'Send the control request as JSON (Content-Type: application/json).')
  }
  return undefined
}

function readJson(event: H3Event, ctx: FakeContext): unknown {
  const body = ctx.request(event).body
  return body.kind === 'json' ? body.value : undefined
}
