import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newEncryptionKey, sameOrigin, startApp, type AppServer } from '../support/app-server'
import { ROUTE } from '../support/scenario'

/**
 * A second, deliberately different Pleo stand-in: strict Basic auth, plain-text error bodies, no introspect,
 * no company names, installations in every status. The module must work from HTTP statuses alone, and every
 * request it sends must fit Pleo's OpenAPI spec (shared/pleo-openapi/app-marketplace.yml).
 */
const COMPANY = '5d0f2a4c-6e8b-4a1d-9c3e-7f5b9d1a3c20'
const STATUSES = ['ACTIVATED', 'INACTIVE', 'AUTHORIZED', 'PENDING_INTEGRATION', 'ERROR'] as const

interface Seen { method: string, path: string, query: URLSearchParams, authorization?: string, contentType?: string, body?: unknown }
const seen: Seen[] = []
/** Never cleared: the spec check covers every request of the file. */
const allSeen: Seen[] = []
const installations = new Map<string, { id: string, status: string, errorCode?: string }>()
// key → behaviour: 'status:<S>' (an installation in that status), 'none', 'stuck' (PUT never activates), 'garbage'
const keys = new Map<string, string>()
for (const status of STATUSES) keys.set(`independent-${status.toLowerCase()}-key-000`, `status:${status}`)
keys.set('independent-none-key-0000000', 'none')
keys.set('independent-stuck-key-000000', 'stuck')
keys.set('independent-garbage-key-00000', 'garbage')
keys.set('independent-entitle-key-00000', 'not-entitled')

function send(res: ServerResponse, status: number, body?: unknown) {
  if (body === undefined) {
    res.writeHead(status, { 'content-type': 'text/plain' })
    return res.end(status >= 400 ? 'request refused' : '')
  }
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}

function keyOf(req: IncomingMessage): string | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '')
  if (!match) return undefined
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  if (!decoded.endsWith(':') || decoded.indexOf(':') !== decoded.length - 1) return undefined
  const key = decoded.slice(0, -1)
  return keys.has(key) ? key : undefined
}

function installationOf(key: string) {
  if (!installations.has(key)) {
    const mode = keys.get(key)!
    if (mode.startsWith('status:')) installations.set(key, { id: crypto.randomUUID(), status: mode.slice(7), ...(mode === 'status:ERROR' && { errorCode: 'AUTH_ERROR' }) })
    if (mode === 'stuck') installations.set(key, { id: crypto.randomUUID(), status: 'INACTIVE' })
    if (mode === 'not-entitled') installations.set(key, { id: crypto.randomUUID(), status: 'ERROR', errorCode: 'NOT_ENTITLED' })
  }
  return installations.get(key)
}

function asResponse(installation: { id: string, status: string, errorCode?: string }) {
  return { id: installation.id, applicationId: '0e9c7a5b-3d1f-4b2a-8c6e-4f2d0b8a6c41', resource: `urn:pleo:company:${COMPANY}`, status: installation.status, metadata: {}, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...(installation.errorCode && { errorCode: installation.errorCode }) }
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url!, 'http://stand-in')
  let raw = ''
  for await (const chunk of req) raw += chunk
  let body: unknown
  try {
    body = raw ? JSON.parse(raw) : undefined
  }
  catch {
    body = '[not JSON]'
  }
  const record = { method: req.method!, path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, contentType: req.headers['content-type'], body }
  seen.push(record)
  allSeen.push(record)
  const key = keyOf(req)
  if (!key) return send(res, 401)
  if (url.pathname !== '/v1/installations/me') return send(res, url.pathname.startsWith('/v1/companies') ? 403 : 404)
  const mode = keys.get(key)!
  if (mode === 'garbage') return send(res, 200, '<html>maintenance</html>')
  const current = installationOf(key)
  if (req.method === 'GET') return current ? send(res, 200, asResponse(current)) : send(res, 404)
  if (req.method === 'POST') {
    const created = { id: crypto.randomUUID(), status: (body as { status?: string })?.status ?? 'ACTIVATED' }
    installations.set(key, created)
    return send(res, 200, asResponse(created))
  }
  if (req.method === 'PUT') {
    if (!current) return send(res, 404)
    if (mode !== 'stuck' && mode !== 'not-entitled') {
      current.status = (body as { status: string }).status
      delete current.errorCode
    }
    return send(res, 200, asResponse(current))
  }
  if (req.method === 'DELETE') {
    installations.delete(key)
    return send(res, 204)
  }
  return send(res, 405)
}

/** The operations Pleo's OpenAPI spec defines for these paths, and the request bodies it allows. */
const SPEC_OPERATIONS = new Set(['GET /v1/installations/me', 'POST /v1/installations/me', 'PUT /v1/installations/me', 'DELETE /v1/installations/me', 'GET /v1/introspect'])
function specViolations(request: Seen): string[] {
  const problems: string[] = []
  const operation = `${request.method} ${request.path}`
  if (!SPEC_OPERATIONS.has(operation) && !/^GET \/v1\/companies\/[\w-]+$/.test(operation)) problems.push(`unknown operation ${operation}`)
  if (!/^Basic [A-Za-z0-9+/]+=*$/.test(request.authorization ?? '')) problems.push('not Basic auth')
  for (const name of request.query.keys()) {
    if (!(operation === 'GET /v1/installations/me' && name === 'company_id')) problems.push(`query parameter ${name}`)
  }
  if (request.method === 'POST' || request.method === 'PUT') {
    if (request.contentType !== 'application/json;charset=UTF-8') problems.push(`content type ${request.contentType}`)
    const body = request.body as Record<string, unknown>
    const allowed = request.method === 'POST' ? ['status', 'metadata'] : ['status', 'errorCode', 'metadata']
    for (const field of Object.keys(body ?? {})) if (!allowed.includes(field)) problems.push(`body field ${field}`)
    if (request.method === 'PUT' && !body?.status) problems.push('PUT without status')
    if (body?.status !== undefined && !STATUSES.includes(body.status as typeof STATUSES[number])) problems.push('unknown status')
    for (const value of Object.values((body?.metadata ?? {}) as Record<string, unknown>)) if (typeof value !== 'string') problems.push('metadata value not a string')
  }
  else if (request.body !== undefined) {
    problems.push(`${request.method} with a body`)
  }
  return problems
}

let server: Server
let app: AppServer
const call = (method: string, path: string, body?: unknown) => app.request(path, sameOrigin(app, method, body))

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  app = await startApp({ NUXT_PLEO_CONNECT_BASE_URL: `http://127.0.0.1:${(server.address() as { port: number }).port}`, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey() })
})
afterAll(async () => {
  await app?.stop()
  server.closeAllConnections()
  server.close()
})

describe('against an independent Pleo stand-in', () => {
  it.each(STATUSES)('an installation in status %s ends up ACTIVATED and connected', async (status) => {
    const { status: http, body } = await call('POST', ROUTE, { apiKey: `independent-${status.toLowerCase()}-key-000` })
    expect(http).toBe(200)
    expect(body).toMatchObject({ state: 'connected', company: { id: COMPANY }, installation: { status: 'ACTIVATED' } })
    expect(body.company.name).toBeUndefined()
    expect(seen.some(r => r.method === 'PUT')).toBe(status !== 'ACTIVATED')
    await call('DELETE', ROUTE)
    seen.length = 0
  })

  it('no installation and no introspect: created without activating, the company checked, then activated', async () => {
    const { body } = await call('POST', ROUTE, { apiKey: 'independent-none-key-0000000' })
    expect(body.state).toBe('connected')
    // Neither the test call nor an installation told the company: nothing is activated before it was checked.
    const writes = seen.filter(r => r.method === 'POST' || r.method === 'PUT')
    expect(writes.map(r => [r.method, (r.body as { status?: string }).status])).toEqual([['POST', 'PENDING_INTEGRATION'], ['PUT', 'ACTIVATED']])
    await call('DELETE', ROUTE)
  })

  it('an installation Pleo keeps inactive is refused, and nothing is stored as connected', async () => {
    for (const apiKey of ['independent-stuck-key-000000', 'independent-entitle-key-00000']) {
      const { status, body } = await call('POST', ROUTE, { apiKey })
      expect(status).toBe(422)
      expect(body.data.code).toBe('installation_not_entitled')
      expect((await call('GET', ROUTE)).body.state).toBe('failed')
    }
  })

  it('an unreadable answer is a Pleo problem, not a connection', async () => {
    const { status, body } = await call('POST', ROUTE, { apiKey: 'independent-garbage-key-00000' })
    expect(status).toBe(502)
    expect(body.data.code).toBe('pleo_unavailable')
  })

  it('an unknown key is rejected from the status alone (plain-text error body)', async () => {
    const { status, body } = await call('POST', ROUTE, { apiKey: 'independent-unknown-key-0000' })
    expect(status).toBe(401)
    expect(body.data.code).toBe('key_rejected')
  })

  it('verify and uninstall work too', async () => {
    await call('POST', ROUTE, { apiKey: 'independent-none-key-0000000' })
    expect((await call('POST', `${ROUTE}/verify`)).body.state).toBe('connected')
    expect((await call('DELETE', `${ROUTE}?uninstall=1`)).body.state).toBe('disconnected')
    expect(seen.some(r => r.method === 'DELETE')).toBe(true)
  })

  it('every request the module sent fits Pleo\'s OpenAPI spec', () => {
    expect(allSeen.length).toBeGreaterThan(20)
    expect(allSeen.flatMap(specViolations)).toEqual([])
  })
})
