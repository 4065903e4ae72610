import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { $fetch } from 'ofetch'
import { DEMO_IDS, DEMO_KEYS, DEMO_SEED, createFakePleo } from '../../src/fake'
import type { FakeKey, FakePleo, FakePleoOptions } from '../../src/fake'
import { parseJsonOrUndefined } from '../support/parse-json'

const JSON_TYPE = 'application/json;charset=UTF-8'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

interface Fake {
  fake: FakePleo
  url: string
  logs: string[]
}

/** Starts a fake on a free port for the current describe block. */
function useFake(options: FakePleoOptions = {}): Fake {
  const ctx = { logs: [] as string[] } as Fake
  let close: () => Promise<void> = async () => {}
  beforeAll(async () => {
    ctx.fake = createFakePleo({ ...options, log: line => ctx.logs.push(line) })
    const server = await ctx.fake.listen(0)
    ctx.url = server.url
    close = server.close
  })
  beforeEach(() => {
    ctx.fake.reset()
    ctx.logs.length = 0
  })
  afterAll(() => close())
  return ctx
}

function basic(key: string, password = ''): string {
  return `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`
}

interface CallInit {
  key?: string
  authorization?: string
  method?: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  signal?: AbortSignal
  redirect?: RequestRedirect
}

// Response bodies are read ad hoc in assertions; their shape is what the tests check.
type Json = any

interface Answer {
  status: number
  headers: Headers
  text: string
  json: Json
}

async function call(base: string, path: string, init: CallInit = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers }
  const authorization = init.authorization ?? (init.key === undefined ? undefined : basic(init.key))
  if (authorization !== undefined) headers.authorization = authorization
  let body: string | undefined = init.rawBody
  if (init.body !== undefined) {
    body = JSON.stringify(init.body)
    headers['content-type'] = JSON_TYPE
  }
  const response = await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers, body, signal: init.signal, redirect: init.redirect })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: parseJsonOrUndefined(text) as Json }
}

function expectError(answer: Answer, status: number, type: string): void {
  expect(answer.status).toBe(status)
  expect(answer.headers.get('content-type')).toBe(JSON_TYPE)
  expect(answer.json).toEqual({ type, message: expect.any(String) })
}

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}

const companyKey = (key: string, companyId: string, extra: Partial<FakeKey> = {}): FakeKey => ({
  key,
  case: `test ${key.slice(0, 12)}`,
  env: 'production',
  kind: 'standalone',
  subject: { type: 'company', companyId },
  scopes: ['companies:read'],
  clientId: '11111111-2222-4333-8444-555555555555',
  applicationId: '66666666-7777-4888-9999-000000000000',
  ...extra,
})

describe('demo seed', () => {
  it('has obviously fake, distinct keys of 24+ printable ASCII characters', () => {
    const keys = Object.values(DEMO_KEYS)
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of keys) {
      expect(key).toMatch(/^demo-[\x21-\x7E]{19,}$/)
      expect(DEMO_SEED.keys.some(seeded => seeded.key === key)).toBe(true)
    }
  })

  it('covers every case with companies that exist', () => {
    const companyIds = new Set(DEMO_SEED.companies.map(company => company.id))
    for (const key of DEMO_SEED.keys) {
      const ids = key.subject.type === 'company' ? [key.subject.companyId] : key.subject.companyIds
      for (const id of ids) expect(companyIds.has(id)).toBe(true)
    }
    const byKey = (key: string) => DEMO_SEED.keys.find(seeded => seeded.key === key)!
    expect(byKey(DEMO_KEYS.validSameCompany).subject).toEqual(byKey(DEMO_KEYS.valid).subject)
    expect(byKey(DEMO_KEYS.validOtherCompany).subject).not.toEqual(byKey(DEMO_KEYS.valid).subject)
    expect(byKey(DEMO_KEYS.integratedA).subject).not.toEqual(byKey(DEMO_KEYS.integratedB).subject)
    expect(byKey(DEMO_KEYS.staging).env).toBe('staging')
  })
})

describe('auth check (every /v1 route)', () => {
  const ctx = useFake()

  it('accepts Basic base64("<key>:") with the JSON content type', async () => {
    const answer = await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe(JSON_TYPE)
  })

  it('accepts the scheme name in any case', async () => {
    const token = Buffer.from(`${DEMO_KEYS.valid}:`).toString('base64')
    expect((await call(ctx.url, '/v1/introspect', { authorization: `basic ${token}` })).status).toBe(200)
  })

  it('refuses a request without an Authorization header', async () => {
    expectError(await call(ctx.url, '/v1/introspect'), 401, 'unauthorized')
  })

  it.each([
    ['bad base64', 'Basic !!not*base64!!'],
    ['base64 that is not padded right', 'Basic ZGVtby12YWxpZA'],
    ['base64 without a colon', `Basic ${Buffer.from(DEMO_KEYS.valid).toString('base64')}`],
    ['an empty Basic token', 'Basic '],
    ['an unknown scheme', `Token ${DEMO_KEYS.valid}`],
    ['the raw key after Basic', `Basic ${DEMO_KEYS.valid}`],
    ['the key as a Bearer token', `Bearer ${DEMO_KEYS.valid}`],
    ['a non-empty password', basic(DEMO_KEYS.valid, 'secret')],
  ])('refuses %s with 401', async (_, authorization) => {
    expectError(await call(ctx.url, '/v1/introspect', { authorization }), 401, 'unauthorized')
  })

  it('refuses an unknown key', async () => {
    expectError(await call(ctx.url, '/v1/introspect', { key: 'demo-unknown-0000000000000000' }), 401, 'unauthorized')
  })

  it('refuses a revoked and an expired key, and labels the request with the key case', async () => {
    expectError(await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.revoked }), 401, 'unauthorized')
    expectError(await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.expired }), 401, 'unauthorized')
    expect(ctx.fake.requests.map(request => request.keyCase)).toEqual(['revoked', 'expired'])
  })

  it('accepts a key only in its own environment', async () => {
    expect((await call(ctx.url, '/staging/v1/introspect', { key: DEMO_KEYS.staging })).status).toBe(200)
    expectError(await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.staging }), 401, 'unauthorized')
    expectError(await call(ctx.url, '/production/v1/introspect', { key: DEMO_KEYS.staging }), 401, 'unauthorized')
    expectError(await call(ctx.url, '/staging/v1/introspect', { key: DEMO_KEYS.valid }), 401, 'unauthorized')
    expect((await call(ctx.url, '/production/v1/introspect', { key: DEMO_KEYS.valid })).status).toBe(200)
  })

  it('checks auth before answering 404 for an unknown /v1 route', async () => {
    expectError(await call(ctx.url, '/v1/expenses'), 401, 'unauthorized')
    expectError(await call(ctx.url, '/v1/expenses', { key: DEMO_KEYS.valid }), 404, 'not_found')
    expectError(await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.valid, method: 'PATCH' }), 404, 'not_found')
    expectError(await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid, method: 'POST' }), 404, 'not_found')
  })

  it('answers 404 outside /v1 and the control routes', async () => {
    expectError(await call(ctx.url, '/'), 404, 'not_found')
    expectError(await call(ctx.url, '/staging/whatever'), 404, 'not_found')
  })
})

describe('auth options', () => {
  const ctx = useFake({ strictEmptyPassword: false, acceptRawBasic: true, acceptApiKeyAsBearer: true })

  it('ignores the password when strictEmptyPassword is false', async () => {
    expect((await call(ctx.url, '/v1/introspect', { authorization: basic(DEMO_KEYS.valid, 'ignored') })).status).toBe(200)
  })

  it('accepts a raw key after Basic with acceptRawBasic', async () => {
    expect((await call(ctx.url, '/v1/introspect', { authorization: `Basic ${DEMO_KEYS.valid}` })).status).toBe(200)
  })

  it('accepts a Bearer key with acceptApiKeyAsBearer, still checking the key', async () => {
    expect((await call(ctx.url, '/v1/introspect', { authorization: `Bearer ${DEMO_KEYS.valid}` })).status).toBe(200)
    expect((await call(ctx.url, '/v1/introspect', { authorization: `Bearer ${DEMO_KEYS.revoked}` })).status).toBe(401)
  })
})

describe('GET /v1/introspect', () => {
  const ctx = useFake()

  it('describes a company key', async () => {
    const answer = await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid })
    expect(answer.json).toEqual({
      data: {
        authMethod: 'API_KEY',
        clientId: expect.stringMatching(UUID),
        scope: expect.stringContaining('companies:read'),
        subjectURN: `urn:pleo:company:${DEMO_IDS.nordlys}`,
      },
    })
  })

  it('describes an integrated key with its application name', async () => {
    const answer = await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.integratedA })
    expect(answer.json.data).toMatchObject({ applicationName: 'Ledgerly', subjectURN: `urn:pleo:company:${DEMO_IDS.vinterhavn}` })
  })

  it('describes an organisation key with an organisation URN', async () => {
    const answer = await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.organisation })
    expect(answer.json.data.subjectURN).toBe(`urn:pleo:organization:${DEMO_IDS.auroraGroup}`)
  })

  it('shows the scopes separated by spaces', async () => {
    const answer = await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.noCompaniesScope })
    expect(answer.json.data.scope.split(' ')).not.toContain('companies:read')
    expect(answer.json.data.scope.split(' ').length).toBeGreaterThan(1)
  })
})

describe('organisation URN spelling and POST conflicts (options)', () => {
  const ctx = useFake({ organisationUrnType: 'organisation', postConflict: 409 })

  it('uses the configured organisation URN type in introspect and installations', async () => {
    const answer = await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.organisation })
    expect(answer.json.data.subjectURN).toBe(`urn:pleo:organisation:${DEMO_IDS.auroraGroup}`)
    const created = await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.organisation, method: 'POST', body: {} })
    expect(created.json.resource).toBe(`urn:pleo:organisation:${DEMO_IDS.auroraGroup}`)
  })

  it('answers 409 to a POST when an installation exists', async () => {
    expect((await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.valid, method: 'POST', body: {} })).status).toBe(200)
    expectError(await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.valid, method: 'POST', body: {} }), 409, 'conflict')
  })
})

describe('installations of a company key', () => {
  const ctx = useFake()
  const me = '/v1/installations/me'

  it('answers 404 to GET, PUT, DELETE and :activate when there is none', async () => {
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid }), 404, 'not_found')
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'PUT', body: { status: 'ACTIVATED' } }), 404, 'not_found')
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'DELETE' }), 404, 'not_found')
    expectError(await call(ctx.url, `${me}:activate`, { key: DEMO_KEYS.valid, method: 'POST' }), 404, 'not_found')
  })

  it('creates an ACTIVATED installation with POST and answers 200', async () => {
    const created = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: { metadata: { externalId: '42' } } })
    expect(created.status).toBe(200)
    expect(created.headers.get('content-type')).toBe(JSON_TYPE)
    expect(created.json).toEqual({
      id: expect.stringMatching(UUID),
      applicationId: DEMO_SEED.keys.find(key => key.key === DEMO_KEYS.valid)!.applicationId,
      resource: `urn:pleo:company:${DEMO_IDS.nordlys}`,
      status: 'ACTIVATED',
      metadata: { externalId: '42' },
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })
    const read = await call(ctx.url, me, { key: DEMO_KEYS.valid })
    expect(read.json).toEqual(created.json)
  })

  it('creates with the requested status, and POST without a body works', async () => {
    const inactive = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: { status: 'INACTIVE' } })
    expect(inactive.json).toMatchObject({ status: 'INACTIVE', metadata: {} })
    const again = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST' })
    expect(again.status).toBe(200)
    expect(again.json).toMatchObject({ id: inactive.json.id, status: 'ACTIVATED', metadata: {} })
  })

  it('updates an existing installation on POST by default, keeping its id and metadata', async () => {
    const first = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: { metadata: { a: '1' } } })
    const second = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: { status: 'PENDING_INTEGRATION' } })
    expect(second.status).toBe(200)
    expect(second.json).toMatchObject({ id: first.json.id, status: 'PENDING_INTEGRATION', metadata: { a: '1' }, createdAt: first.json.createdAt })
  })

  it('requires a status on PUT, and accepts an errorCode and metadata', async () => {
    await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: {} })
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'PUT', body: { metadata: {} } }), 400, 'bad_request')
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'PUT' }), 400, 'bad_request')
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'PUT', body: { status: 'DONE' } }), 400, 'bad_request')
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'PUT', body: { status: 'ERROR', errorCode: 'OOPS' } }), 400, 'bad_request')

    const failed = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'PUT', body: { status: 'ERROR', errorCode: 'AUTH_ERROR', metadata: { b: '2' } } })
    expect(failed.json).toMatchObject({ status: 'ERROR', errorCode: 'AUTH_ERROR', metadata: { b: '2' } })
    const fixed = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'PUT', body: { status: 'ACTIVATED' } })
    expect(fixed.json).toMatchObject({ status: 'ACTIVATED', metadata: { b: '2' } })
    expect(fixed.json).not.toHaveProperty('errorCode')
  })

  it('deletes with 204 and an empty body, then 404; the key stays valid', async () => {
    await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: {} })
    const deleted = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(deleted.text).toBe('')
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'DELETE' }), 404, 'not_found')
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid }), 404, 'not_found')
    expect((await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid })).status).toBe(200)
  })

  it('reactivates an INACTIVE (AUTH_ERROR) installation with PUT ACTIVATED', async () => {
    const before = await call(ctx.url, me, { key: DEMO_KEYS.needsActivation })
    expect(before.json).toMatchObject({ status: 'INACTIVE', errorCode: 'AUTH_ERROR', resource: `urn:pleo:company:${DEMO_IDS.birkelund}` })
    const after = await call(ctx.url, me, { key: DEMO_KEYS.needsActivation, method: 'PUT', body: { status: 'ACTIVATED' } })
    expect(after.status).toBe(200)
    expect(after.json.status).toBe('ACTIVATED')
    expect(after.json).not.toHaveProperty('errorCode')
    expect(after.json.id).toBe(before.json.id)
  })

  it('activates with POST :activate and with the deprecated PUT completions', async () => {
    const activated = await call(ctx.url, `${me}:activate`, { key: DEMO_KEYS.needsActivation, method: 'POST' })
    expect(activated.json.status).toBe('ACTIVATED')
    expect((await call(ctx.url, `/v1/installations/me%3Aactivate`, { key: DEMO_KEYS.pendingIntegration, method: 'POST' })).json.status).toBe('ACTIVATED')
    const completed = await call(ctx.url, '/v1/installations/completions', { key: DEMO_KEYS.integratedA, method: 'PUT' })
    expect(completed.status).toBe(200)
    expect(completed.headers.get('deprecation')).toBe('true')
    expect(completed.json.status).toBe('ACTIVATED')
  })

  it('shows a PENDING_INTEGRATION installation', async () => {
    expect((await call(ctx.url, me, { key: DEMO_KEYS.pendingIntegration })).json.status).toBe('PENDING_INTEGRATION')
  })

  it('never activates a not-entitled installation, answering 200', async () => {
    const created = await call(ctx.url, me, { key: DEMO_KEYS.notEntitled, method: 'POST', body: { status: 'ACTIVATED' } })
    expect(created.status).toBe(200)
    expect(created.json).toMatchObject({ status: 'INACTIVE', errorCode: 'NOT_ENTITLED' })
    const put = await call(ctx.url, me, { key: DEMO_KEYS.notEntitled, method: 'PUT', body: { status: 'ACTIVATED' } })
    expect(put.json).toMatchObject({ status: 'INACTIVE', errorCode: 'NOT_ENTITLED' })
    const activate = await call(ctx.url, `${me}:activate`, { key: DEMO_KEYS.notEntitled, method: 'POST' })
    expect(activate.json).toMatchObject({ status: 'INACTIVE', errorCode: 'NOT_ENTITLED' })
  })

  it('shares one installation between two keys of the same company, and not with another company', async () => {
    const created = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: {} })
    const second = await call(ctx.url, me, { key: DEMO_KEYS.validSameCompany })
    expect(second.json.id).toBe(created.json.id)
    expectError(await call(ctx.url, me, { key: DEMO_KEYS.validOtherCompany }), 404, 'not_found')
    const nordlys = ctx.fake.installations().filter(entry => (entry.installation as { resource: string }).resource.endsWith(DEMO_IDS.nordlys))
    expect(nordlys).toEqual([{ keyCase: 'valid, no installation yet', env: 'production', installation: created.json }])
  })

  it('keeps integrated tenants isolated', async () => {
    const a = await call(ctx.url, me, { key: DEMO_KEYS.integratedA })
    const b = await call(ctx.url, me, { key: DEMO_KEYS.integratedB })
    expect(a.json).toMatchObject({ status: 'AUTHORIZED', resource: `urn:pleo:company:${DEMO_IDS.vinterhavn}` })
    expect(b.json).toMatchObject({ status: 'AUTHORIZED', resource: `urn:pleo:company:${DEMO_IDS.kystlys}` })
    await call(ctx.url, me, { key: DEMO_KEYS.integratedA, method: 'PUT', body: { status: 'ACTIVATED' } })
    expect((await call(ctx.url, me, { key: DEMO_KEYS.integratedB })).json.status).toBe('AUTHORIZED')
    await call(ctx.url, me, { key: DEMO_KEYS.integratedB, method: 'DELETE' })
    expect((await call(ctx.url, me, { key: DEMO_KEYS.integratedA })).json.status).toBe('ACTIVATED')
  })

  it('accepts its own company_id, refuses another (403) and a non-uuid (400)', async () => {
    await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: {} })
    expect((await call(ctx.url, `${me}?company_id=${DEMO_IDS.nordlys}`, { key: DEMO_KEYS.valid })).status).toBe(200)
    expectError(await call(ctx.url, `${me}?company_id=${DEMO_IDS.fjordline}`, { key: DEMO_KEYS.valid }), 403, 'forbidden')
    expectError(await call(ctx.url, `${me}?company_id=nope`, { key: DEMO_KEYS.valid }), 400, 'bad_request')
  })

  describe('body validation', () => {
    const pairs = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']))

    it.each([
      ['51 metadata pairs', { metadata: pairs(51) }],
      ['a metadata key of 41 characters', { metadata: { ['k'.repeat(41)]: 'v' } }],
      ['a metadata value of 501 characters', { metadata: { k: 'v'.repeat(501) } }],
      ['a metadata value that is not a string', { metadata: { k: 1 } }],
      ['metadata that is an array', { metadata: ['a'] }],
      ['an unknown status', { status: 'LIVE' }],
      ['a body that is not an object', ['ACTIVATED']],
    ])('refuses %s with 400 on POST and PUT', async (_, body) => {
      expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body }), 400, 'bad_request')
      const put = Array.isArray(body) ? body : { status: 'ACTIVATED', ...body }
      expectError(await call(ctx.url, me, { key: DEMO_KEYS.needsActivation, method: 'PUT', body: put }), 400, 'bad_request')
      expect(ctx.fake.installations().filter(entry => entry.keyCase === 'valid, no installation yet')).toEqual([])
    })

    it('accepts metadata at the limits', async () => {
      const limits = { ...pairs(49), ['k'.repeat(40)]: 'v'.repeat(500) }
      const created = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: { metadata: limits } })
      expect(created.status).toBe(200)
      expect(Object.keys(created.json.metadata)).toHaveLength(50)
    })

    it('refuses a body that is not JSON, without echoing the metadata', async () => {
      expectError(await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', rawBody: '{status:', headers: { 'content-type': JSON_TYPE } }), 400, 'bad_request')
      const secretName = `x${'s'.repeat(45)}`
      const answer = await call(ctx.url, me, { key: DEMO_KEYS.valid, method: 'POST', body: { metadata: { [secretName]: 'v' } } })
      expect(answer.status).toBe(400)
      expect(answer.text).not.toContain(secretName)
    })
  })
})

describe('installations of an organisation key', () => {
  const ctx = useFake()
  const me = '/v1/installations/me'
  const key = DEMO_KEYS.organisation

  it('acts on the organisation installation without company_id', async () => {
    expectError(await call(ctx.url, me, { key }), 404, 'not_found')
    const created = await call(ctx.url, me, { key, method: 'POST', body: {} })
    expect(created.json.resource).toBe(`urn:pleo:organization:${DEMO_IDS.auroraGroup}`)
    expect((await call(ctx.url, me, { key })).json.id).toBe(created.json.id)
    expectError(await call(ctx.url, `${me}?company_id=${DEMO_IDS.auroraRetail}`, { key }), 404, 'not_found')
  })

  it('acts on one company of the organisation with company_id', async () => {
    const at = (companyId: string) => `${me}?company_id=${companyId}`
    expectError(await call(ctx.url, at(DEMO_IDS.auroraRetail), { key }), 404, 'not_found')
    const created = await call(ctx.url, at(DEMO_IDS.auroraRetail), { key, method: 'POST', body: { status: 'INACTIVE' } })
    expect(created.json).toMatchObject({ status: 'INACTIVE', resource: `urn:pleo:company:${DEMO_IDS.auroraRetail}` })
    expect((await call(ctx.url, at(DEMO_IDS.auroraRetail.toUpperCase()), { key })).json.id).toBe(created.json.id)
    expectError(await call(ctx.url, at(DEMO_IDS.auroraWholesale), { key }), 404, 'not_found')
    expectError(await call(ctx.url, me, { key }), 404, 'not_found')

    const put = await call(ctx.url, at(DEMO_IDS.auroraRetail), { key, method: 'PUT', body: { status: 'ACTIVATED' } })
    expect(put.json).toMatchObject({ id: created.json.id, status: 'ACTIVATED' })
    expect((await call(ctx.url, at(DEMO_IDS.auroraRetail), { key, method: 'DELETE' })).status).toBe(204)
    expectError(await call(ctx.url, at(DEMO_IDS.auroraRetail), { key }), 404, 'not_found')
  })

  it.each(['GET', 'POST', 'PUT', 'DELETE'])('answers %s with a company outside the organisation with 403, a non-uuid with 400', async (method) => {
    const body = method === 'POST' || method === 'PUT' ? { status: 'ACTIVATED' } : undefined
    expectError(await call(ctx.url, `${me}?company_id=${DEMO_IDS.nordlys}`, { key, method, body }), 403, 'forbidden')
    expectError(await call(ctx.url, `${me}?company_id=aurora-retail`, { key, method, body }), 400, 'bad_request')
    expect(ctx.fake.installations().filter(entry => entry.keyCase === 'organisation key, two companies')).toEqual([])
  })
})

describe('companies', () => {
  const ctx = useFake()

  it('returns the key\'s own company', async () => {
    const answer = await call(ctx.url, `/v1/companies/${DEMO_IDS.nordlys}`, { key: DEMO_KEYS.valid })
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({
      data: { id: DEMO_IDS.nordlys, name: 'Nordlys ApS', registrationNumber: expect.any(String), address: expect.objectContaining({ country: 'DK' }) },
    })
  })

  it('refuses another company (403), a non-uuid (400), and a key without companies:read (403)', async () => {
    expectError(await call(ctx.url, `/v1/companies/${DEMO_IDS.fjordline}`, { key: DEMO_KEYS.valid }), 403, 'forbidden')
    expectError(await call(ctx.url, '/v1/companies/nordlys', { key: DEMO_KEYS.valid }), 400, 'bad_request')
    expectError(await call(ctx.url, `/v1/companies/${DEMO_IDS.tinde}`, { key: DEMO_KEYS.noCompaniesScope }), 403, 'forbidden')
  })

  it('answers 404 for a company of the subject that does not exist', async () => {
    const ghost = '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f'
    ctx.fake.seed([companyKey('test-ghost-company-key-000001', ghost)])
    expectError(await call(ctx.url, `/v1/companies/${ghost}`, { key: 'test-ghost-company-key-000001' }), 404, 'not_found')
  })

  it('returns a company of an organisation key, with its organisationId', async () => {
    const answer = await call(ctx.url, `/v1/companies/${DEMO_IDS.auroraWholesale}`, { key: DEMO_KEYS.organisation })
    expect(answer.json.data).toMatchObject({ name: 'Aurora Wholesale AB', organizationId: DEMO_IDS.auroraGroup })
  })

  it('lists the companies of an organisation key', async () => {
    const answer = await call(ctx.url, `/v1/companies?organization_id=${DEMO_IDS.auroraGroup}`, { key: DEMO_KEYS.organisation })
    expect(answer.status).toBe(200)
    expect(answer.json.data.map((company: { id: string }) => company.id)).toEqual([DEMO_IDS.auroraRetail, DEMO_IDS.auroraWholesale])
    expect(answer.json.pagination).toEqual({ currentRequestPagination: { parameters: {} }, hasNextPage: false, hasPreviousPage: false, total: 2 })
  })

  it('refuses the list for another organisation, a company key, no scope (403) and a bad organization_id (400)', async () => {
    const other = '9e9e9e9e-9e9e-4e9e-9e9e-9e9e9e9e9e9e'
    expectError(await call(ctx.url, `/v1/companies?organization_id=${other}`, { key: DEMO_KEYS.organisation }), 403, 'forbidden')
    expectError(await call(ctx.url, `/v1/companies?organization_id=${DEMO_IDS.auroraGroup}`, { key: DEMO_KEYS.valid }), 403, 'forbidden')
    expectError(await call(ctx.url, `/v1/companies?organization_id=${DEMO_IDS.auroraGroup}`, { key: DEMO_KEYS.noCompaniesScope }), 403, 'forbidden')
    expectError(await call(ctx.url, '/v1/companies', { key: DEMO_KEYS.organisation }), 400, 'bad_request')
  })
})

describe('faults of a key', () => {
  const ctx = useFake()

  it('answers 429 with Retry-After for a rate-limited key', async () => {
    const answer = await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.rateLimited })
    expectError(answer, 429, 'rate_limited')
    expect(answer.headers.get('retry-after')).toBe('2')
  })

  it('answers 500 for a failing key and 403 for a key that lacks permission, on every route', async () => {
    for (const path of ['/v1/introspect', '/v1/installations/me', '/v1/unknown']) {
      expectError(await call(ctx.url, path, { key: DEMO_KEYS.failing }), 500, 'internal_error')
      expectError(await call(ctx.url, path, { key: DEMO_KEYS.lacksPermission }), 403, 'forbidden')
    }
  })

  it('answers a seeded forceStatus of 502 or 503', async () => {
    ctx.fake.seed([
      companyKey('test-bad-gateway-key-0000001', DEMO_IDS.nordlys, { forceStatus: 502 }),
      companyKey('test-unavailable-key-0000001', DEMO_IDS.nordlys, { forceStatus: 503 }),
    ])
    expectError(await call(ctx.url, '/v1/introspect', { key: 'test-bad-gateway-key-0000001' }), 502, 'bad_gateway')
    expectError(await call(ctx.url, '/v1/introspect', { key: 'test-unavailable-key-0000001' }), 503, 'service_unavailable')
  })

  it('checks the key before its faults', async () => {
    ctx.fake.revoke(DEMO_KEYS.failing)
    expectError(await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.failing }), 401, 'unauthorized')
  })

  it('delays every answer of a slow key, and counts it in flight', async () => {
    ctx.fake.seed([companyKey('test-slow-key-00000000000001', DEMO_IDS.nordlys, { latencyMs: 150 })])
    const started = Date.now()
    const pending = call(ctx.url, '/v1/introspect', { key: 'test-slow-key-00000000000001' })
    await waitFor(() => ctx.fake.inFlight() === 1)
    expect((await pending).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    await waitFor(() => ctx.fake.inFlight() === 0)
  })

  it('lets a client give up on the slow demo key', async () => {
    const started = Date.now()
    await expect(call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.slow, signal: AbortSignal.timeout(200) })).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(2000)
    await waitFor(() => ctx.fake.inFlight() === 0)
    expect(ctx.fake.requests.at(-1)).toMatchObject({ keyCase: 'slow (4 s per call)', status: 0 })
  })

  it('rate-limits a key above rateLimitPerMinute, with Retry-After', async () => {
    ctx.fake.seed([companyKey('test-limited-key-00000000001', DEMO_IDS.nordlys, { rateLimitPerMinute: 3 })])
    const statuses: number[] = []
    let last: Answer | undefined
    for (let i = 0; i < 5; i++) {
      last = await call(ctx.url, '/v1/introspect', { key: 'test-limited-key-00000000001' })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    expectError(last!, 429, 'rate_limited')
    const retryAfter = Number(last!.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    ctx.fake.reset()
    ctx.fake.seed([companyKey('test-limited-key-00000000001', DEMO_IDS.nordlys, { rateLimitPerMinute: 3 })])
    expect((await call(ctx.url, '/v1/introspect', { key: 'test-limited-key-00000000001' })).status).toBe(200)
  })

  it('ignores the fault header unless allowFaultHeader is on', async () => {
    const answer = await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid, headers: { 'x-fake-pleo-fault': '500' } })
    expect(answer.status).toBe(200)
  })
})

describe('fault header (allowFaultHeader)', () => {
  const ctx = useFake({ allowFaultHeader: true })
  const fault = (value: string, init: CallInit = {}) =>
    call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.valid, ...init, headers: { 'x-fake-pleo-fault': value } })

  it('answers 429 with Retry-After', async () => {
    const answer = await fault('429')
    expectError(answer, 429, 'rate_limited')
    expect(answer.headers.get('retry-after')).toBe('2')
  })

  it.each([[500, 'internal_error'], [502, 'bad_gateway'], [503, 'service_unavailable']])('answers %i', async (status, type) => {
    expectError(await fault(String(status)), status, type)
    expectError(await call(ctx.url, '/staging/v1/introspect', { headers: { 'x-fake-pleo-fault': String(status) } }), status, type)
  })

  it('never answers a timeout, until the client gives up', async () => {
    const started = Date.now()
    const pending = fault('timeout', { signal: AbortSignal.timeout(300) })
    await waitFor(() => ctx.fake.inFlight() === 1)
    await expect(pending).rejects.toThrow(/abort|timeout/i)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    await waitFor(() => ctx.fake.inFlight() === 0)
    expect(ctx.fake.requests.at(-1)?.status).toBe(0)
  })

  it('answers a redirect with 302 to another URL of the fake, which a careful client never reaches', async () => {
    const answer = await fault('redirect', { redirect: 'manual' })
    expect(answer.status).toBe(302)
    const location = answer.headers.get('location')!
    expect(location).toBe('/__fake/redirected')
    await expect($fetch(`${ctx.url}/v1/installations/me`, { headers: { 'x-fake-pleo-fault': 'redirect' }, redirect: 'error', retry: 0 })).rejects.toThrow()
    expect(ctx.fake.requests.map(request => request.path)).not.toContain(location)
    const followed = await call(ctx.url, location)
    expect(followed.json.redirected).toBe(true)
  })

  it('ignores an unknown fault, and the header outside /v1', async () => {
    expect((await fault('teapot')).status).toBe(404)
    expect((await call(ctx.url, '/__fake/keys', { headers: { 'x-fake-pleo-fault': '500' } })).status).toBe(200)
  })
})

describe('retryAfterSeconds option', () => {
  const ctx = useFake({ retryAfterSeconds: 9, allowFaultHeader: true })

  it('is sent with forced and injected 429s', async () => {
    expect((await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.rateLimited })).headers.get('retry-after')).toBe('9')
    expect((await call(ctx.url, '/v1/introspect', { headers: { 'x-fake-pleo-fault': '429' } })).headers.get('retry-after')).toBe('9')
  })
})

describe('closing', () => {
  it('closes at once while a timeout fault and a slow key are pending', async () => {
    const fake = createFakePleo({ allowFaultHeader: true })
    const server = await fake.listen()
    const hanging = call(server.url, '/v1/introspect', { headers: { 'x-fake-pleo-fault': 'timeout' } }).catch(error => error)
    const slow = call(server.url, '/v1/introspect', { key: DEMO_KEYS.slow }).catch(error => error)
    await waitFor(() => fake.inFlight() === 2)
    const started = Date.now()
    await server.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await hanging).toBeInstanceOf(Error)
    expect(await slow).toBeInstanceOf(Error)
    await waitFor(() => fake.inFlight() === 0)
  })

  it('listens on 127.0.0.1 and a free port by default', async () => {
    const server = await createFakePleo().listen()
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.port).toBeGreaterThan(0)
    await server.close()
  })
})

describe('control routes', () => {
  const ctx = useFake()

  it('take JSON only, on a loopback Host only: another site\'s page cannot reach them', async () => {
    const before = ctx.fake.requests.length
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await call(ctx.url, '/__fake/revoke', { method: 'POST', rawBody: JSON.stringify({ key: DEMO_KEYS.valid }), headers: { 'content-type': type } })
      expect(answer.status, type).toBe(415)
    }
    // A page of another site that resolves its own name to 127.0.0.1 (DNS rebinding) still sends its own Host.
    const rebound = await new Promise<number>((resolve, reject) => {
      const url = new URL('/__fake/revoke', ctx.url)
      const req = httpRequest({ hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'host': `evil.example:${url.port}`, 'content-type': 'application/json' } }, (res) => {
        res.resume()
        resolve(res.statusCode!)
      })
      req.on('error', reject)
      req.end(JSON.stringify({ key: DEMO_KEYS.valid }))
    })
    expect(rebound).toBe(403)
    expect(ctx.fake.requests.length).toBeGreaterThan(before)
    expect((await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid })).status).toBe(200)
  })

  it('with a control token, need it', async () => {
    const fake = createFakePleo({ controlToken: 'tok-123' })
    const { url, close } = await fake.listen(0)
    try {
      expect((await call(url, '/__fake/keys')).status).toBe(403)
      expect((await call(url, '/__fake/keys', { headers: { 'x-fake-pleo-token': 'tok-123' } })).status).toBe(200)
    }
    finally {
      await close()
    }
  })

  it('lists the demo keys in full, and keys seeded later as a hint only', async () => {
    ctx.fake.seed([companyKey('test-later-key-0000000000abcd', DEMO_IDS.nordlys)])
    const answer = await call(ctx.url, '/__fake/keys')
    expect(answer.status).toBe(200)
    const rows = answer.json.data as Array<{ key: string, case: string, env: string, kind: string, what: string }>
    for (const key of Object.values(DEMO_KEYS)) expect(rows.some(row => row.key === key)).toBe(true)
    expect(rows.find(row => row.case === 'valid, no installation yet')).toMatchObject({ env: 'production', kind: 'standalone', what: expect.any(String) })
    expect(rows.at(-1)?.key).toBe('••••abcd')
    expect(answer.text).not.toContain('test-later-key')
  })

  it('seeds keys and companies over HTTP, and refuses a bad seed', async () => {
    const company = { id: '3a3a3a3a-3a3a-4a3a-8a3a-3a3a3a3a3a3a', name: 'Seeded ApS', address: { country: 'DK' } }
    const key = companyKey('test-seeded-key-000000000001', company.id, { existingInstallation: { status: 'AUTHORIZED' } })
    const seeded = await call(ctx.url, '/__fake/seed', { method: 'POST', body: { keys: [key], companies: [company] } })
    expect(seeded.status).toBe(200)
    expect(seeded.text).not.toContain(key.key)
    expect((await call(ctx.url, '/v1/installations/me', { key: key.key })).json.status).toBe('AUTHORIZED')
    expect((await call(ctx.url, `/v1/companies/${company.id}`, { key: key.key })).json.data.name).toBe('Seeded ApS')
    expectError(await call(ctx.url, '/__fake/seed', { method: 'POST', body: { keys: [{ key: 'x' }] } }), 400, 'bad_request')
    expect(ctx.fake.requests.find(request => request.path === '/__fake/seed')?.body).toMatchObject({ keys: [{ key: '••••0001' }] })
  })

  it('revokes and expires a key at runtime, answering without the key', async () => {
    expect((await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid })).status).toBe(200)
    const revoked = await call(ctx.url, '/__fake/revoke', { method: 'POST', body: { key: DEMO_KEYS.valid } })
    expect(revoked.json).toEqual({ data: { case: 'valid, no installation yet', revoked: true } })
    expect(revoked.text).not.toContain(DEMO_KEYS.valid)
    expectError(await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid }), 401, 'unauthorized')

    expect((await call(ctx.url, '/__fake/expire', { method: 'POST', body: { key: DEMO_KEYS.integratedA } })).status).toBe(200)
    expectError(await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.integratedA }), 401, 'unauthorized')

    expectError(await call(ctx.url, '/__fake/revoke', { method: 'POST', body: { key: 'demo-nope-000000000000000000' } }), 404, 'not_found')
    expectError(await call(ctx.url, '/__fake/expire', { method: 'POST', body: {} }), 400, 'bad_request')
  })

  it('resets to the seed: keys, installations and recorded requests', async () => {
    await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.valid, method: 'POST', body: {} })
    await call(ctx.url, '/__fake/revoke', { method: 'POST', body: { key: DEMO_KEYS.validOtherCompany } })
    expect((await call(ctx.url, '/__fake/reset', { method: 'POST', body: {} })).status).toBe(200)
    expect(ctx.fake.requests).toEqual([])
    expectError(await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.valid }), 404, 'not_found')
    expect((await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.validOtherCompany })).status).toBe(200)
    expect((await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.needsActivation })).json.status).toBe('INACTIVE')
  })

  it('dumps the state with keys redacted', async () => {
    await call(ctx.url, '/v1/installations/me', { key: DEMO_KEYS.valid, method: 'POST', body: {} })
    const answer = await call(ctx.url, '/__fake/state')
    expect(answer.status).toBe(200)
    for (const key of Object.values(DEMO_KEYS)) expect(answer.text).not.toContain(key)
    expect(answer.json.data.keys[0]).toMatchObject({ key: '••••6058', case: 'valid, no installation yet' })
    expect(answer.json.data.installations).toContainEqual({
      keyCase: 'valid, no installation yet', env: 'production', installation: expect.objectContaining({ status: 'ACTIVATED' }),
    })
    expect(answer.json.data.companies.length).toBe(DEMO_SEED.companies.length)
  })

  it('serves the control routes on the root only', async () => {
    expectError(await call(ctx.url, '/production/__fake/keys'), 404, 'not_found')
    expectError(await call(ctx.url, '/staging/__fake/reset', { method: 'POST' }), 404, 'not_found')
  })
})

describe('programmatic controls and records', () => {
  const ctx = useFake()

  it('records requests with the authorization redacted', async () => {
    await call(ctx.url, '/v1/installations/me?company_id=x', { key: DEMO_KEYS.organisation, method: 'POST', body: { status: 'ACTIVATED' } })
    expect(ctx.fake.requests).toEqual([{
      method: 'POST',
      path: '/v1/installations/me',
      query: { company_id: 'x' },
      headers: expect.objectContaining({ 'authorization': '[redacted]', 'content-type': JSON_TYPE }),
      body: { status: 'ACTIVATED' },
      keyCase: 'organisation key, two companies',
      status: 400,
      at: expect.any(String),
    }])
  })

  it('logs one line per request: method, path, status, ms', async () => {
    await call(ctx.url, '/staging/v1/introspect?x=1', { key: DEMO_KEYS.staging })
    await waitFor(() => ctx.logs.length === 1)
    expect(ctx.logs[0]).toMatch(/^GET \/staging\/v1\/introspect 200 \d+ms$/)
  })

  it('revokes, expires and resets without touching DEMO_SEED', async () => {
    ctx.fake.revoke(DEMO_KEYS.valid)
    ctx.fake.expire(DEMO_KEYS.validSameCompany)
    expect((await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid })).status).toBe(401)
    expect((await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.validSameCompany })).status).toBe(401)
    const demo = DEMO_SEED.keys.find(key => key.key === DEMO_KEYS.valid)!
    expect(demo.revoked).toBeUndefined()
    ctx.fake.reset()
    expect((await call(ctx.url, '/v1/introspect', { key: DEMO_KEYS.valid })).status).toBe(200)
    expect(() => ctx.fake.revoke('demo-missing-key-000000000000')).toThrow(/no such key/)
    expect(() => ctx.fake.revoke('demo-missing-key-000000000000')).not.toThrow(/demo-missing/)
  })

  it('lists installations with the key case and environment', async () => {
    await call(ctx.url, '/staging/v1/installations/me', { key: DEMO_KEYS.staging, method: 'POST', body: {} })
    expect(ctx.fake.installations()).toContainEqual({
      keyCase: 'staging only', env: 'staging', installation: expect.objectContaining({ resource: `urn:pleo:company:${DEMO_IDS.testvik}` }),
    })
  })

  it('works as a plain node listener', async () => {
    const { createServer } = await import('node:http')
    const server = createServer(ctx.fake.handler)
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    expect((await call(`http://127.0.0.1:${port}`, '/v1/introspect', { key: DEMO_KEYS.valid })).status).toBe(200)
    await new Promise(resolve => server.close(resolve))
  })
})

describe('never echoes a key', () => {
  const oddKey = 'odd-key+/=@!~*()\'$,;[]&?#%-0123456789'
  const ctx = useFake({ allowFaultHeader: true })

  function forms(key: string): string[] {
    return [key, Buffer.from(`${key}:`).toString('base64'), encodeURIComponent(key)]
  }

  it('in any response body, response header or log line', async () => {
    ctx.fake.seed([companyKey(oddKey, DEMO_IDS.nordlys)])
    // The slow key only adds 4 s to every call; its answers are those of any valid key.
    const keys = [...Object.values(DEMO_KEYS).filter(key => key !== DEMO_KEYS.slow), oddKey, 'never-seeded-key-123456789012']
    const seen: string[] = []
    const check = async (key: string, path: string, init: CallInit) => {
      const answer = await call(ctx.url, path, init)
      const headers: string[] = []
      answer.headers.forEach((value, name) => headers.push(`${name}: ${value}`))
      seen.push(answer.text, ...headers)
      for (const form of forms(key)) {
        expect(answer.text).not.toContain(form)
        for (const header of headers) expect(header).not.toContain(form)
      }
    }
    for (const key of keys) {
      const credentials = [basic(key), basic(key, 'pw'), `Basic ${key}`, `Bearer ${key}`, key]
      for (const authorization of credentials) {
        await check(key, '/v1/introspect', { authorization })
        await check(key, '/staging/v1/installations/me', { authorization, method: 'POST', body: { status: 'ACTIVATED' } })
      }
      const encoded = encodeURIComponent(key)
      await check(key, `/v1/companies/${encoded}?api_key=${encoded}`, { key })
      await check(key, `/v1/installations/me?company_id=${encoded}`, { key, method: 'PUT', body: { status: key } })
      await check(key, `/v1/${encoded}`, { key })
      await check(key, '/v1/installations/me', { key, method: 'POST', body: { metadata: { [key.padEnd(41, 'x')]: key } } })
      for (const fault of ['429', '500', 'redirect']) await check(key, '/v1/introspect', { key, headers: { 'x-fake-pleo-fault': fault }, redirect: 'manual' })
      await check(key, '/__fake/revoke', { method: 'POST', body: { key } })
      await check(key, '/__fake/state', {})
    }
    await waitFor(() => ctx.logs.length === ctx.fake.requests.length)
    expect(ctx.logs.length).toBeGreaterThan(200)
    for (const key of keys) {
      for (const form of forms(key)) {
        for (const line of ctx.logs) expect(line).not.toContain(form)
      }
    }
    for (const record of ctx.fake.requests) expect(record.headers.authorization ?? '[redacted]').toBe('[redacted]')
    expect(seen.length).toBeGreaterThan(400)
  })
})
