import { describe, expect, it } from 'vitest'
import { DEMO_IDS, DEMO_KEYS } from '../../src/fake'
import { reseed, seedCanary, waitFor } from '../support/keys'
import { ROUTE, useScenario } from '../support/scenario'

// Pleo's guidelines, item by item, through the module's routes against the fake Pleo (production build).

const writesToPleo = (requests: Array<{ method: string, path: string, body: unknown }>) => requests.filter(r => (r.method === 'POST' || r.method === 'PUT') && r.path.endsWith('/v1/installations/me'))

describe('nothing in Pleo is activated for a key that is then refused (introspect without a subject)', () => {
  const s = useScenario()

  it('a replacement key of another company: the installation made to learn its company is removed again, nothing activated', async () => {
    expect((await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })).body.company.id).toBe(DEMO_IDS.nordlys)
    s.pleo.requests.length = 0
    const { status, body } = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.noSubject })
    expect(status).toBe(409)
    expect(body.data).toMatchObject({ code: 'key_other_company', variant: 'switch', companyId: DEMO_IDS.fjordline, connectedCompanyId: DEMO_IDS.nordlys, step: 'confirming_company' })
    const writes = writesToPleo(s.pleo.requests)
    expect(writes.map(r => [r.method, (r.body as { status: string }).status])).toEqual([['POST', 'PENDING_INTEGRATION']])
    expect(s.pleo.requests.some(r => r.method === 'DELETE')).toBe(true)
    expect(s.pleo.installations().filter(i => (i.installation as { resource: string }).resource.endsWith(DEMO_IDS.fjordline))).toEqual([])

    // Confirmed, the same key is activated.
    const switched = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.noSubject, confirmCompanyChange: true })
    expect(switched.body).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.fjordline }, installation: { status: 'ACTIVATED' } })
    await s.call('DELETE', ROUTE)
  })
})

describe('a company another tenant holds, with a key whose introspect names no company', () => {
  const s = useScenario({ NUXT_PLEO_CONNECT_KEY_TYPE: 'integrated' })
  const as = (tenant: string) => ({ 'x-test-tenant': tenant })

  it('is refused from the installation read, before any write to Pleo', async () => {
    expect((await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.validOtherCompany }, as('tenant-a'))).body.state).toBe('connected')
    s.pleo.requests.length = 0
    const { status, body } = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.noSubject }, as('tenant-b'))
    expect(status).toBe(409)
    expect(body.data).toMatchObject({ code: 'key_other_company', variant: 'held_elsewhere', step: 'confirming_company' })
    expect(writesToPleo(s.pleo.requests)).toEqual([])
    expect((await s.call('GET', ROUTE, undefined, as('tenant-a'))).body.state).toBe('connected')
  })
})

describe('the app\'s own calls stay in the connected company, and one refused call does not flip the connection', () => {
  const s = useScenario()
  const pleoCall = (call: { method?: string, path: string, query?: Record<string, string>, body?: Record<string, unknown> }) => s.call('POST', '/api/host/pleo-call', call)
  const hookNames = async () => ((await s.call('GET', '/api/host/hook-log')).body as Array<{ name: string }>).map(entry => entry.name)

  it('adds the connected company_id, and refuses (no call) a request that names another company', async () => {
    const apiKey = seedCanary(s.pleo, 'valid', { deniedPaths: ['/v1/export-items'] })
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    s.pleo.requests.length = 0

    const listed = await pleoCall({ path: '/v1/tags' })
    expect(listed.status).toBe(502)
    expect(listed.body.data).toMatchObject({ code: 'pleo_request_failed', status: 404 })
    expect(s.pleo.requests.at(-1)).toMatchObject({ path: '/v1/tags', query: { company_id: DEMO_IDS.nordlys } })

    for (const call of [
      { path: '/v1/tags', query: { company_id: DEMO_IDS.fjordline } },
      { path: `/v1/companies/${DEMO_IDS.fjordline}` },
      { method: 'POST', path: '/v1/export-jobs', body: { companyId: DEMO_IDS.fjordline } },
    ]) {
      const before = s.pleo.requests.length
      const refused = await pleoCall(call)
      expect(refused.status, call.path).toBe(403)
      expect(refused.body.data).toMatchObject({ code: 'forbidden', variant: 'other_company', companyId: DEMO_IDS.fjordline, connectedCompanyId: DEMO_IDS.nordlys })
      expect(s.pleo.requests.length, 'nothing sent').toBe(before)
    }
    expect((await pleoCall({ path: `/v1/companies/${DEMO_IDS.nordlys}` })).body.data.data.id).toBe(DEMO_IDS.nordlys)
  })

  it('sends the key only to Pleo: an absolute or protocol-relative URL, a path with a query or \'..\', is refused unsent', async () => {
    const before = s.pleo.requests.length
    for (const path of ['https://evil.example/v1/tags', '//evil.example/v1/tags', 'v1/tags', '/v1/tags?company_id=x', '/v1/../__fake/keys']) {
      const refused = await pleoCall({ path })
      expect(refused.status, path).toBe(400)
      expect(refused.body.data).toMatchObject({ code: 'invalid_request', field: 'path' })
    }
    expect(s.pleo.requests.length).toBe(before)
  })

  it('a 403 on one call is recorded as a missing permission for that operation; the connection stays connected, also after a check', async () => {
    const refused = await pleoCall({ path: '/v1/export-items' })
    expect(refused.status).toBe(403)
    expect(refused.body.data).toMatchObject({ code: 'key_lacks_permission', variant: 'operation', operation: 'GET /v1/export-items' })
    await pleoCall({ path: '/v1/export-items' })

    const view = (await s.call('GET', ROUTE)).body
    expect(view.state).toBe('connected')
    expect(view.missingPermissions).toEqual([{ operation: 'GET /v1/export-items', seenAt: expect.any(String) }])
    // The scheduled check reads the installation, which works: nothing flips back and forth.
    expect((await s.call('POST', '/api/host/health-check')).body).toMatchObject({ checked: 1, actionRequired: 0 })
    expect((await s.call('GET', ROUTE)).body.state).toBe('connected')
    const names = await hookNames()
    expect(names.filter(name => name === 'pleo-connect:permission-missing')).toHaveLength(1)
    expect(names).not.toContain('pleo-connect:action-required')
    const events = (await s.call('GET', `${ROUTE}/events`)).body.events
    expect(events.filter((e: { type: string }) => e.type === 'permission_missing')).toEqual([expect.objectContaining({ operation: 'GET /v1/export-items', code: 'key_lacks_permission' })])
  })

  it('a 401 on a call is confirmed by a check of the key before the connection needs action', async () => {
    const apiKey = seedCanary(s.pleo, 'valid')
    expect((await s.call('PUT', ROUTE, { apiKey })).body.state).toBe('connected')
    // Without the previous key standing by: with it, the call would fall back (standby-and-leak-drill.test.ts).
    expect((await s.call('DELETE', `${ROUTE}/standby`)).status).toBe(200)
    s.pleo.revoke(apiKey)
    const refused = await pleoCall({ path: '/v1/tags' })
    expect(refused.status).toBe(401)
    expect(refused.body.data.code).toBe('key_rejected')
    const view = (await s.call('GET', ROUTE)).body
    expect(view).toMatchObject({ state: 'action_required', problem: { code: 'key_rejected', variant: 'stopped_working' } })
    expect(s.pleo.requests.filter(r => r.path.endsWith('/v1/installations/me') && r.method === 'GET').length).toBeGreaterThan(0)
  })

  const installationReads = () => s.pleo.requests.filter(r => r.path.endsWith('/v1/installations/me') && r.method === 'GET').length

  it('a burst of refused calls is confirmed by one check, and the problem shows the evidence: last success, failures by operation', async () => {
    await s.call('DELETE', ROUTE)
    const apiKey = seedCanary(s.pleo, 'valid')
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    expect((await pleoCall({ path: '/v1/tags', query: { limit: '5' } })).status).toBe(502)
    s.pleo.revoke(apiKey)
    const before = installationReads()
    const refused = await Promise.all(Array.from({ length: 5 }, () => pleoCall({ path: `/v1/companies/${DEMO_IDS.nordlys}`, query: { secret_filter: 'x' } })))
    expect(refused.map(r => r.status)).toEqual([401, 401, 401, 401, 401])
    expect(installationReads() - before).toBe(1)

    const { problem } = (await s.call('GET', ROUTE)).body
    expect(problem).toMatchObject({ code: 'key_rejected', variant: 'stopped_working' })
    // What had failed when the check answered: the calls of the burst that had arrived by then.
    const rejected = problem.evidence.failures[0].count
    expect(rejected).toBeGreaterThanOrEqual(1)
    expect(rejected).toBeLessThanOrEqual(5)
    expect(problem.evidence).toEqual({
      firstFailedCallAt: expect.any(String),
      failedCalls: rejected + 1,
      failures: [{ operation: 'GET /v1/companies/{id}', kind: 'rejected', count: rejected }, { operation: 'GET /v1/tags', kind: 'failed', count: 1 }],
      confirmedBy: { at: expect.any(String) },
    })
    expect(problem.evidence).not.toHaveProperty('lastSuccessfulCallAt')
    expect(JSON.stringify(problem)).not.toContain('secret_filter')
    expect(JSON.stringify(problem)).not.toContain(apiKey)
    // A second burst after the check: the state already says it, Pleo is not asked again.
    await Promise.all(Array.from({ length: 3 }, () => pleoCall({ path: '/v1/tags' })))
    expect(installationReads() - before).toBe(1)
  })

  it('a call that worked is the evidence\'s last success; timeouts, 5xx and 429 never start a check or change the state', async () => {
    await s.call('DELETE', ROUTE)
    const apiKey = seedCanary(s.pleo, 'valid')
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    expect((await pleoCall({ path: `/v1/companies/${DEMO_IDS.nordlys}` })).status).toBe(200)
    const before = installationReads()
    for (const forceStatus of [503, 429, 500] as const) {
      reseed(s.pleo, apiKey, 'valid', { forceStatus })
      expect((await pleoCall({ path: `/v1/companies/${DEMO_IDS.nordlys}` })).status).not.toBe(200)
    }
    expect(installationReads() - before).toBe(0)
    expect((await s.call('GET', ROUTE)).body).toMatchObject({ state: 'connected' })

    s.pleo.revoke(apiKey)
    await pleoCall({ path: `/v1/companies/${DEMO_IDS.nordlys}` })
    const { problem } = (await s.call('GET', ROUTE)).body
    expect(problem.evidence).toMatchObject({ lastSuccessfulCallAt: expect.any(String), failedCalls: 4 })
    expect(problem.evidence.failures.map((f: { kind: string }) => f.kind).sort()).toEqual(['rate_limited', 'rejected', 'unavailable'])
    expect(Date.parse(problem.evidence.lastSuccessfulCallAt)).toBeLessThanOrEqual(Date.parse(problem.evidence.firstFailedCallAt))
  })
})

describe('no ambiguous state', () => {
  const s = useScenario()

  it('an expiry date that has already passed is refused at entry, specifically, before anything is sent to Pleo', async () => {
    const before = s.pleo.requests.length
    const { status, body } = await s.call('POST', ROUTE, { apiKey: seedCanary(s.pleo, 'valid'), keyExpiresAt: '2026-01-01' })
    expect(status).toBe(400)
    expect(body.data).toMatchObject({ code: 'invalid_request', variant: 'expiry_passed', field: 'keyExpiresAt', message: 'The expiry date 2026-01-01 has already passed.' })
    expect(s.pleo.requests.length).toBe(before)
    const impossible = await s.call('POST', ROUTE, { apiKey: seedCanary(s.pleo, 'valid'), keyExpiresAt: '2027-13-45T99:99:99Z' })
    expect(impossible.body.data).toMatchObject({ code: 'invalid_request', field: 'keyExpiresAt' })
  })

  it('a 429 while connected says Pleo is limiting requests, and the connection stays set up', async () => {
    const apiKey = seedCanary(s.pleo, 'valid')
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    reseed(s.pleo, apiKey, 'valid', { forceStatus: 429 })
    const { body } = await s.call('POST', `${ROUTE}/verify`)
    expect(body).toMatchObject({ state: 'connected', problem: { code: 'pleo_rate_limited', variant: 'while_connected' } })
    expect(body.problem.message).toContain('limiting')
    await s.call('DELETE', ROUTE)
  })

  it('a refused key reports the steps that really ran: a key Pleo refuses stops at the first one', async () => {
    const { body } = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.revoked })
    expect(body.data).toMatchObject({ code: 'key_rejected', step: 'checking_key' })
    const entitled = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.notEntitled })
    expect(entitled.body.data).toMatchObject({ code: 'installation_not_entitled', step: 'activating' })
  })
})

describe('a replacement is confirmed where everyone can see it', () => {
  const s = useScenario()

  it('keeps "Connected since", records the replacement, and a second reader sees the running replacement as validating', async () => {
    const first = (await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })).body
    const slow = seedCanary(s.pleo, 'validSameCompany', { latencyMs: 400 })
    const replacing = s.call('PUT', ROUTE, { apiKey: slow })
    await waitFor(() => s.pleo.inFlight() > 0, 'the replacement to reach Pleo')
    const meanwhile = (await s.call('GET', ROUTE)).body
    expect(meanwhile).toMatchObject({ state: 'validating', company: { id: DEMO_IDS.nordlys }, keyHint: first.keyHint, progress: { startedAt: expect.any(String), step: expect.any(String) } })
    const replaced = (await replacing).body
    expect(replaced).toMatchObject({ state: 'connected', connectedAt: first.connectedAt, keyReplacedAt: expect.any(String) })
    expect(replaced.keyReplacedAt > first.connectedAt).toBe(true)
    expect((await s.call('GET', ROUTE)).body).not.toHaveProperty('progress')
  })
})
