import type { H3Event, Router } from 'h3'
import { eventHandler } from 'h3'
import type { FakeContext } from './context'
import { REDIRECT_TARGET } from './faults'
import { sendError, sendJson } from './respond'
import { keyBody, seedBody } from './schema'
import { keyHint, keyTable } from './table'

/**
 * Test-control routes (fake spec 3.7), on the root only. Nothing they answer contains a key, except
 * `/__fake/keys` for the initial (demo) keys, which exist to be shown to playground users.
 */
export function addControlRoutes(router: Router, ctx: FakeContext, actions: { reset(): void }): void {
  const { store } = ctx

  router.post('/__fake/reset', eventHandler((event) => {
    actions.reset()
    return sendJson(event, 200, { data: { reset: true } })
  }))

  router.post('/__fake/seed', eventHandler((event) => {
    const body = readJson(event, ctx)
    const parsed = seedBody.safeParse(body)
    if (!parsed.success) return sendError(event, 400, 'The body must be { keys?: FakeKey[], companies?: FakeCompany[] }.')
    store.add(parsed.data.keys, parsed.data.companies)
    return sendJson(event, 200, { data: { keys: parsed.data.keys.length, companies: parsed.data.companies.length } })
  }))

  for (const action of ['revoke', 'expire'] as const) {
    router.post(`/__fake/${action}`, eventHandler((event) => {
      const parsed = keyBody.safeParse(readJson(event, ctx))
      if (!parsed.success) return sendError(event, 400, 'The body must be { key: string }.')
      const key = store.findKey(parsed.data.key)
      if (!key) return sendError(event, 404, 'No such key.')
      store[action](key.key)
      return sendJson(event, 200, { data: { case: key.case, [action === 'revoke' ? 'revoked' : 'expired']: true } })
    }))
  }

  router.get('/__fake/state', eventHandler(event => sendJson(event, 200, {
    data: {
      keys: store.allKeys().map(({ key, ...rest }) => ({ key: keyHint(key), ...rest })),
      companies: store.allCompanies(),
      installations: store.listInstallations(),
    },
  })))

  router.get('/__fake/keys', eventHandler(event =>
    sendJson(event, 200, { data: keyTable(store.allKeys(), store.initialKeys) })))

  router.use(REDIRECT_TARGET, eventHandler(event =>
    sendJson(event, 200, { redirected: true, message: 'A Pleo client followed a redirect; it should not have.' })))
}

function readJson(event: H3Event, ctx: FakeContext): unknown {
  const body = ctx.request(event).body
  return body.kind === 'json' ? body.value : undefined
}
