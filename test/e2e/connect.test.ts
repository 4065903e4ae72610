import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_IDS, DEMO_KEYS } from '../../src/fake'
import { connectionViewSchema } from '../../src/runtime/shared/schemas'
import { encodeTenantId } from '../../src/runtime/server/lib/tenant-id'
import { findKeyLeaks } from '../support/canary'
import { ROUTE, useScenario } from '../support/scenario'

const s = useScenario()

afterEach(async () => {
  await s.call('DELETE', ROUTE)
  s.pleo.reset()
})

function upstreamCalls() {
  return s.pleo.requests.filter(r => r.path.includes('/v1/')).map(r => `${r.method} ${r.path.replace(/\?.*/, '')}`)
}

describe('connecting with each kind of key', () => {
  it('starts disconnected', async () => {
    const { status, body } = await s.call('GET', ROUTE)
    expect(status).toBe(200)
    expect(body).toEqual({ state: 'disconnected', keyType: 'standalone', environment: 'production' })
  })

  it('a valid key with no installation: validates, creates the installation ACTIVATED, confirms the company', async () => {
    const { status, body } = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(200)
    expect(connectionViewSchema.parse(body)).toMatchObject({
      state: 'connected',
      company: { id: DEMO_IDS.nordlys, name: 'Nordlys ApS' },
      keyHint: '••••6058',
      installation: { status: 'ACTIVATED' },
    })
    expect(body.connectedAt).toBe(body.lastVerifiedAt)
    const create = s.pleo.requests.find(r => r.method === 'POST' && r.path.endsWith('/v1/installations/me'))
    expect(create?.body).toMatchObject({ status: 'ACTIVATED' })
    expect(findKeyLeaks(JSON.stringify(create?.body), DEMO_KEYS.valid)).toEqual([])
    expect((await s.call('GET', ROUTE)).body).toEqual(body)
  })

  it('trims a pasted key with surrounding whitespace', async () => {
    const { body } = await s.call('POST', ROUTE, { apiKey: `  ${DEMO_KEYS.valid}\n` })
    expect(body.state).toBe('connected')
  })

  it.each([
    ['needsActivation', DEMO_IDS.birkelund, 'PUT'],
    ['pendingIntegration', DEMO_IDS.havblik, 'PUT'],
  ] as const)('an existing %s installation is set to ACTIVATED with PUT', async (name, companyId, method) => {
    const { status, body } = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS[name] })
    expect(status).toBe(200)
    expect(body).toMatchObject({ state: 'connected', company: { id: companyId }, installation: { status: 'ACTIVATED' } })
    expect(upstreamCalls()).toContain(`${method} /v1/installations/me`)
    expect(upstreamCalls()).not.toContain('POST /v1/installations/me')
  })

  it('a key without the companies scope connects and shows the company id alone', async () => {
    const { body } = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.noCompaniesScope })
    expect(body.state).toBe('connected')
    expect(body.company).toEqual({ id: DEMO_IDS.tinde })
  })

  it('an organisation key needs one company picked, and lists the companies to pick from', async () => {
    const refused = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.organisation })
    expect(refused.status).toBe(422)
    expect(refused.body.data.code).toBe('organisation_key_needs_company')
    expect(refused.body.data.companies.map((c: { id: string }) => c.id).sort()).toEqual([DEMO_IDS.auroraRetail, DEMO_IDS.auroraWholesale].sort())
    expect(upstreamCalls().filter(c => !c.startsWith('GET'))).toEqual([])

    const picked = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.organisation, companyId: DEMO_IDS.auroraWholesale })
    expect(picked.status).toBe(200)
    expect(picked.body).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.auroraWholesale } })
    const write = s.pleo.requests.find(r => r.method === 'POST' && r.path.includes('/v1/installations/me'))
    expect(write?.query).toMatchObject({ company_id: DEMO_IDS.auroraWholesale })
  })

  it('a company key with a different companyId is refused as another company', async () => {
    const { status, body } = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid, companyId: DEMO_IDS.fjordline })
    expect(status).toBe(409)
    expect(body.data.code).toBe('key_other_company')
    expect(upstreamCalls().filter(c => !c.startsWith('GET'))).toEqual([])
  })
})

describe('the company claim', () => {
  const claimFile = (companyId: string) => join(s.app.cwd, '.data/pleo-connect/company-claims', encodeTenantId(companyId.toLowerCase()))

  it('a key replaced within the same company leaves the claim as it is; a key of another company moves it', async () => {
    expect((await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })).body.state).toBe('connected')
    const claim = await stat(claimFile(DEMO_IDS.nordlys))
    const replaced = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.validSameCompany })
    expect(replaced.body).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.nordlys } })
    // Every write is a new file renamed into place: the same inode and times mean nothing was written.
    const after = await stat(claimFile(DEMO_IDS.nordlys))
    expect({ ino: after.ino, mtimeMs: after.mtimeMs }).toEqual({ ino: claim.ino, mtimeMs: claim.mtimeMs })
    expect(JSON.parse(await readFile(claimFile(DEMO_IDS.nordlys), 'utf8')).value).toMatchObject({ tenantId: expect.any(String) })

    const switched = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.validOtherCompany, confirmCompanyChange: true })
    expect(switched.body).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.fjordline } })
    expect(JSON.parse(await readFile(claimFile(DEMO_IDS.nordlys), 'utf8')).value).toBeNull()
    expect(JSON.parse(await readFile(claimFile(DEMO_IDS.fjordline), 'utf8')).value).toMatchObject({ tenantId: expect.any(String) })
  })
})

describe('failed first connections stay inactive and editable', () => {
  it.each([
    ['expired', 401, 'key_rejected'],
    ['revoked', 401, 'key_rejected'],
    ['staging', 401, 'key_rejected'],
    ['lacksPermission', 403, 'key_lacks_permission'],
    ['notEntitled', 422, 'installation_not_entitled'],
    ['rateLimited', 429, 'pleo_rate_limited'],
    ['failing', 502, 'pleo_unavailable'],
    ['slow', 504, 'pleo_unreachable'],
  ] as const)('%s → %i %s, then a valid key connects at once', async (name, status, code) => {
    const refused = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS[name] })
    expect(refused.status).toBe(status)
    expect(refused.body.data).toMatchObject({ code })
    expect(refused.body.data.message).not.toMatch(/authentication failed/i)
    expect(refused.body.data.action.length).toBeGreaterThan(10)

    const after = await s.call('GET', ROUTE)
    expect(after.body).toMatchObject({ state: 'failed', problem: { code } })
    expect(after.body.keyHint).toBeUndefined()

    const retry = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(retry.body.state).toBe('connected')
    expect(retry.body.problem).toBeUndefined()
  })

  it('a 429 tells when to retry', async () => {
    const { headers, body } = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.rateLimited })
    expect(body.data.retryAfter).toBeGreaterThan(0)
    expect(headers.get('retry-after')).toBe(String(body.data.retryAfter))
  })

  it('an activation call is never retried', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.failing })
    expect(upstreamCalls().filter(c => c !== 'GET /v1/introspect' && c !== 'GET /v1/installations/me')).toEqual([])
  })

  it.each([
    ['', 'Paste your Pleo API Key.'],
    ['too-short', 'too short'],
    ['Bearer abcdefghijklmnopqrstuvwxyz', 'without "Basic" or "Bearer"'],
    ['https://external.pleo.io/abcdefghijkl', 'web address'],
    ['abcdefghij klmnopqrstuvwxyz', 'spaces'],
    // What the field would recover, the server only names: it never changes a key it receives.
    [`"${DEMO_KEYS.valid}"`, 'without the quotes'],
    [`PLEO_API_KEY=${DEMO_KEYS.valid}`, 'configuration file'],
    [`demo-valid-\u200B3f9c2a7e1b4d6058`, 'cannot have'],
    ['2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21', 'company ID'],
  ])('a malformed key %j is refused before anything is sent to Pleo', async (apiKey, words) => {
    const { status, body } = await s.call('POST', ROUTE, { apiKey })
    expect(status).toBe(400)
    expect(body.data.code).toBe('key_malformed')
    expect(JSON.stringify(body)).not.toContain(DEMO_KEYS.valid)
    expect(body.data.message).toContain(words)
    expect(upstreamCalls()).toEqual([])
  })
})
