import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFakePleo, DEMO_IDS, DEMO_KEYS, type FakePleo } from '../../src/fake'
import { newEncryptionKey, sameOrigin, startApp, type AppServer } from '../support/app-server'
import { ROUTE } from '../support/scenario'
import { figure } from '../support/figures'

let pleo: FakePleo
let pleoUrl: string
let closePleo: () => Promise<void>
const started: AppServer[] = []

beforeAll(async () => {
  pleo = createFakePleo()
  const listening = await pleo.listen(0)
  pleoUrl = listening.url
  closePleo = listening.close
})
// Each test is one cell of the boot matrix: a way to configure (or misconfigure) a production server.
let cells = 0
let asDocumented = 0
afterEach((context) => {
  cells++
  if (context.task.result?.state !== 'fail') asDocumented++
})
afterAll(async () => {
  figure('P19', `boot matrix ${asDocumented}/${cells} cells behave as documented (no policy, a policy that says no, no or a malformed encryption key, the built-in fake in production, plain-http and staging base URLs, a rotated keyring)`)
  await Promise.all(started.map(app => app.stop()))
  await closePleo()
})

async function app(env: Record<string, string | undefined>, cwd?: string) {
  const server = await startApp({ NUXT_PLEO_CONNECT_BASE_URL: pleoUrl, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey(), ...env }, cwd)
  started.push(server)
  const call = (method: string, path: string, body?: unknown) => server.request(path, sameOrigin(server, method, body))
  return { server, call }
}

function upstreamCalls() {
  return pleo.requests.filter(r => r.path.includes('/v1/')).length
}

describe('production refuses unsafe configuration with a clear message', () => {
  it('no access policy: every route answers forbidden and names the hook to register', async () => {
    const { call } = await app({ FIXTURE_POLICY: 'none' })
    for (const [method, path] of [['GET', ROUTE], ['POST', ROUTE], ['GET', `${ROUTE}/events`], ['POST', `${ROUTE}/verify`], ['DELETE', ROUTE]] as const) {
      const { status, body } = await call(method, path, method === 'POST' && path === ROUTE ? { apiKey: DEMO_KEYS.valid } : undefined)
      expect(status, `${method} ${path}`).toBe(403)
      expect(body.data.code).toBe('forbidden')
      expect(body.data.action).toContain('pleo-connect:authorize')
    }
  })

  it('a policy that says no: forbidden, and nothing reaches Pleo', async () => {
    const { call } = await app({ FIXTURE_POLICY: 'deny' })
    pleo.reset()
    const { status, body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(403)
    expect(body.data).toMatchObject({ code: 'forbidden', message: 'You are not allowed to manage the Pleo connection.' })
    expect(upstreamCalls()).toBe(0)
  })

  it('no encryption key: reads work, storing refuses with not_configured naming the variable, before Pleo is called', async () => {
    const { call, server } = await app({ NUXT_PLEO_CONNECT_ENCRYPTION_KEY: '' })
    pleo.reset()
    expect((await call('GET', ROUTE)).body.state).toBe('disconnected')
    const { status, body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(503)
    expect(body.data.code).toBe('not_configured')
    expect(body.data.message).toContain('NUXT_PLEO_CONNECT_ENCRYPTION_KEY')
    expect(upstreamCalls()).toBe(0)
    expect(server.output()).toContain('NUXT_PLEO_CONNECT_ENCRYPTION_KEY is not set')
  })

  it('an app built with the built-in fake and run in production with a real Pleo and no encryption key stores nothing (no demo key)', async () => {
    // test/fixtures/basic is built with `fake: true`; NUXT_PLEO_CONNECT_BASE_URL points at another Pleo.
    const { call, server } = await app({ NUXT_PLEO_CONNECT_ENCRYPTION_KEY: '' })
    pleo.reset()
    const { status, body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(503)
    expect(body.data.code).toBe('not_configured')
    expect(upstreamCalls()).toBe(0)
    expect(server.output()).not.toContain('Demo mode')
    const files = await readdir(join(server.cwd, '.data'), { recursive: true }).catch(() => [])
    expect(files.filter(name => String(name).includes('encryption'))).toEqual([])
  })

  it('the built-in fake is not served by a production server without the explicit opt-in, and it says so loudly', async () => {
    const { call, server } = await app({ NUXT_PLEO_CONNECT_BASE_URL: '', NUXT_PLEO_CONNECT_ENCRYPTION_KEY: '' })
    expect(server.output()).toContain('WARNING: this production server was built with the option `fake`, but the built-in fake Pleo is NOT started')
    expect(server.output()).not.toContain('fake Pleo listening')
    // No demo key either: nothing can be stored, and nothing is sent anywhere.
    const { body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(body.data.code).toBe('not_configured')
  })

  it('a malformed encryption key is refused without repeating it', async () => {
    const secretish = 'my-weak-passphrase-123456'
    const { call, server } = await app({ NUXT_PLEO_CONNECT_ENCRYPTION_KEY: secretish })
    const { status, body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(503)
    expect(body.data.code).toBe('not_configured')
    expect(JSON.stringify(body) + server.output()).not.toContain(secretish.slice(0, 8))
  })

  it('a plain-http Pleo base URL outside loopback is refused', async () => {
    const { call } = await app({ NUXT_PLEO_CONNECT_BASE_URL: 'http://pleo.example.com' })
    const { status, body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(503)
    expect(body.data.message).toContain('https')
  })
})

describe('environments', () => {
  it('staging: a staging key connects through the staging host, a production key does not', async () => {
    const { call } = await app({ NUXT_PLEO_CONNECT_ENVIRONMENT: 'staging', NUXT_PLEO_CONNECT_BASE_URL: `${pleoUrl}/staging` })
    const refused = await call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(refused.body.data.code).toBe('key_rejected')
    const { body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.staging })
    expect(body).toMatchObject({ state: 'connected', environment: 'staging', company: { id: DEMO_IDS.testvik } })
  })

  it('a staging key entered in a production app is named as such, after one read-only call to staging', async () => {
    const { server, call } = await app({ NUXT_PLEO_CONNECT_BASE_URLS_STAGING: `${pleoUrl}/staging` })
    pleo.reset()
    const { status, body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.staging })
    expect(status).toBe(422)
    expect(body.data).toMatchObject({ code: 'key_wrong_environment', variant: 'staging', keyEnvironment: 'staging', step: 'checking_key' })
    expect(body.data.message).toBe('This API Key was created in Pleo\'s staging environment (test data), but this app connects to Pleo\'s production environment.')
    const staging = pleo.requests.filter(request => request.path.startsWith('/staging/'))
    expect(staging.map(request => `${request.method} ${request.path}`)).toEqual(['GET /staging/v1/installations/me'])
    expect(pleo.requests.filter(request => request.method !== 'GET')).toEqual([])
    // Nothing was stored but the failure, and the key is in no answer.
    const view = await call('GET', ROUTE)
    expect(view.body).toMatchObject({ state: 'failed', problem: { code: 'key_wrong_environment', variant: 'staging' } })
    expect(JSON.stringify(view.body) + JSON.stringify(body) + server.output()).not.toContain(DEMO_KEYS.staging)

    // A key refused in both environments stays key_rejected; with the diagnosis off, staging is never asked.
    const revoked = await call('POST', ROUTE, { apiKey: DEMO_KEYS.revoked })
    expect(revoked.body.data.code).toBe('key_rejected')
    const off = await app({ NUXT_PLEO_CONNECT_BASE_URLS_STAGING: `${pleoUrl}/staging`, NUXT_PLEO_CONNECT_DIAGNOSE_ENVIRONMENT: 'false' })
    pleo.reset()
    expect((await off.call('POST', ROUTE, { apiKey: DEMO_KEYS.staging })).body.data.code).toBe('key_rejected')
    expect(pleo.requests.filter(request => request.path.startsWith('/staging/'))).toEqual([])
  })
})

describe('required scopes', () => {
  it('a key without a scope the app needs is refused before anything is written in Pleo, naming the scopes', async () => {
    const { call } = await app({ NUXT_PLEO_CONNECT_SCOPES_REQUIRED: '["expenses:read","cards:write","reimbursements:write"]' })
    pleo.reset()
    const { status, body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(403)
    expect(body.data).toMatchObject({ code: 'key_lacks_permission', variant: 'missing_scopes', missingScopes: ['cards:write', 'reimbursements:write'], step: 'checking_key' })
    expect(body.data.message).toBe('This API Key lacks permissions this app needs: cards:write, reimbursements:write.')
    expect(pleo.requests.filter(request => request.method !== 'GET')).toEqual([])
    // The failure keeps the list, so the page can show it after a reload.
    expect((await call('GET', ROUTE)).body.problem).toMatchObject({ code: 'key_lacks_permission', variant: 'missing_scopes', missingScopes: ['cards:write', 'reimbursements:write'] })
  })

  it('a key with them connects, and the view lists its scopes', async () => {
    const { call } = await app({ NUXT_PLEO_CONNECT_SCOPES_REQUIRED: '["expenses:read"]' })
    const { status, body } = await call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(200)
    expect(body.scopes).toEqual(['companies:read', 'expenses:read', 'export-jobs:read', 'export-jobs:write', 'tags:read', 'users:read'])
  })
})

describe('encryption key rotation', () => {
  it('a new primary key still reads records sealed with the old one; dropping the old key makes them unreadable, said clearly', async () => {
    pleo.reset()
    const oldKey = newEncryptionKey()
    const newKey = newEncryptionKey()
    const first = await app({ NUXT_PLEO_CONNECT_ENCRYPTION_KEY: `old:${oldKey}` })
    expect((await first.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })).body.state).toBe('connected')
    await first.server.stop()

    const rotated = await app({ NUXT_PLEO_CONNECT_ENCRYPTION_KEY: `new:${newKey},old:${oldKey}` }, first.server.cwd)
    expect((await rotated.call('POST', `${ROUTE}/verify`)).body.state).toBe('connected')
    await rotated.server.stop()

    const dropped = await app({ NUXT_PLEO_CONNECT_ENCRYPTION_KEY: `new:${newKey}` }, first.server.cwd)
    const { status, body } = await dropped.call('POST', `${ROUTE}/verify`)
    expect(status).toBe(503)
    expect(body.data).toMatchObject({ code: 'not_configured' })
    expect(body.data.action).toContain('NUXT_PLEO_CONNECT_ENCRYPTION_KEY')
  })
})
