import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEMO_IDS, DEMO_KEYS } from '../../src/fake'
import { encodeTenantId } from '../../src/runtime/server/lib/tenant-id'
import { reseed, seedCanary } from '../support/keys'
import { ROUTE, useScenario } from '../support/scenario'

const s = useScenario({ NUXT_PLEO_CONNECT_KEY_TYPE: 'integrated' })
const as = (tenant: string) => ({ 'x-test-tenant': tenant, 'x-test-actor': `admin@${tenant}.test` })

afterEach(async () => {
  for (const tenant of ['tenant-a', 'tenant-b', 'a/b', 'a:b']) await s.call('DELETE', ROUTE, undefined, as(tenant))
  s.pleo.reset()
})

async function hookLog(): Promise<Array<{ name: string, payload: Record<string, unknown> }>> {
  return (await s.app.request('/api/host/hook-log')).body
}

describe('one key per customer tenant, isolated', () => {
  it('two tenants connect two companies and each sees only its own', async () => {
    const a = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedA }, as('tenant-a'))
    const b = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedB }, as('tenant-b'))
    expect(a.body).toMatchObject({ state: 'connected', keyType: 'integrated', company: { id: DEMO_IDS.vinterhavn } })
    expect(b.body).toMatchObject({ state: 'connected', keyType: 'integrated', company: { id: DEMO_IDS.kystlys } })
    expect((await s.call('GET', ROUTE, undefined, as('tenant-a'))).body.company.id).toBe(DEMO_IDS.vinterhavn)
    expect((await s.call('GET', ROUTE, undefined, as('tenant-b'))).body.company.id).toBe(DEMO_IDS.kystlys)
  })

  it('one tenant\'s replace, verify and disconnect never touch the other', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedA }, as('tenant-a'))
    const before = (await s.call('GET', ROUTE, undefined, as('tenant-a'))).body
    expect((await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.integratedB }, as('tenant-b'))).body.data.code).toBe('not_connected')
    expect((await s.call('POST', `${ROUTE}/verify`, undefined, as('tenant-b'))).body.data.code).toBe('not_connected')
    expect((await s.call('DELETE', ROUTE, undefined, as('tenant-b'))).body.data.code).toBe('not_connected')
    expect((await s.call('GET', `${ROUTE}/events`, undefined, as('tenant-b'))).body.events.every((e: { tenantId: string }) => e.tenantId === 'tenant-b')).toBe(true)
    expect((await s.call('GET', ROUTE, undefined, as('tenant-a'))).body).toEqual(before)
  })

  it('tenant ids that look alike stay apart (a/b vs a:b)', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedA }, as('a/b'))
    expect((await s.call('GET', ROUTE, undefined, as('a:b'))).body.state).toBe('disconnected')
    expect((await s.call('GET', ROUTE, undefined, as('a/b'))).body.state).toBe('connected')
  })

  it('a request the host app cannot place in a tenant is refused', async () => {
    const { status, body } = await s.call('GET', ROUTE, undefined, as(''))
    expect(status).toBe(403)
    expect(body.data).toMatchObject({ code: 'forbidden', message: 'This request does not belong to a known customer account.' })
  })

  it('a company connected to one tenant cannot be connected to another', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedA }, as('tenant-a'))
    const sameCompanyKey = seedCanary(s.pleo, 'integratedA')
    const refused = await s.call('POST', ROUTE, { apiKey: sameCompanyKey }, as('tenant-b'))
    expect(refused.status).toBe(409)
    expect(refused.body.data).toMatchObject({ code: 'key_other_company', message: 'This Pleo company is already connected to another account in this app.' })
    expect((await s.call('GET', ROUTE, undefined, as('tenant-b'))).body.state).toBe('failed')

    await s.call('DELETE', ROUTE, undefined, as('tenant-a'))
    expect((await s.call('POST', ROUTE, { apiKey: sameCompanyKey }, as('tenant-b'))).body.state).toBe('connected')
  })

  it('a stored record copied into another tenant\'s place does not decrypt there', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedA }, as('tenant-a'))
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedB }, as('tenant-b'))
    const dir = join(s.app.cwd, '.data/pleo-connect/connections')
    await mkdir(dir, { recursive: true })
    await copyFile(join(dir, encodeTenantId('tenant-a')), join(dir, encodeTenantId('tenant-b')))
    const callsBefore = s.pleo.requests.length
    const { status, body } = await s.call('POST', `${ROUTE}/verify`, undefined, as('tenant-b'))
    expect(status).toBe(503)
    expect(body.data.code).toBe('not_configured')
    // Tenant B never got to use tenant A's key.
    expect(s.pleo.requests.slice(callsBefore)).toEqual([])
  })
})

describe('the host app\'s server code', () => {
  it('requirePleoConnection gives the tenant\'s company, and a clear not_connected otherwise', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedB }, as('tenant-b'))
    expect((await s.app.request('/api/host/company', { headers: as('tenant-b') })).body).toEqual({ companyId: DEMO_IDS.kystlys })
    const missing = await s.app.request('/api/host/company', { headers: as('tenant-a') })
    expect(missing.status).toBe(404)
    expect(missing.body.data.code).toBe('not_connected')
  })

  it('usePleoClient calls Pleo with the tenant\'s key, and a 401 there marks the connection action_required at once', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedA }, as('tenant-a'))
    const ok = await s.app.request('/api/host/introspect', { headers: as('tenant-a') })
    expect(ok.body.companyId).toBe(DEMO_IDS.vinterhavn)
    expect(ok.body.introspection.data.authMethod).toBe('API_KEY')

    s.pleo.revoke(DEMO_KEYS.integratedA)
    const refused = await s.app.request('/api/host/introspect', { headers: as('tenant-a') })
    expect(refused.status).toBe(401)
    expect(refused.body.data.code).toBe('key_rejected')
    expect((await s.call('GET', ROUTE, undefined, as('tenant-a'))).body).toMatchObject({ state: 'action_required', problem: { code: 'key_rejected' } })
    const events = (await hookLog()).filter(h => h.name === 'pleo-connect:action-required' && h.payload.tenantId === 'tenant-a')
    expect(events).toHaveLength(1)
    expect(events[0]!.payload.actor).toBe('system:api-call')

    // A second failing call changes nothing more.
    await s.app.request('/api/host/introspect', { headers: as('tenant-a') })
    expect((await hookLog()).filter(h => h.name === 'pleo-connect:action-required' && h.payload.tenantId === 'tenant-a')).toHaveLength(1)
  })
})

describe('the scheduled check', () => {
  it('finds a key revoked upstream, keeps a rate-limited one as it was, and fires one hook per change (and one incident)', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedA }, as('tenant-a'))
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedB }, as('tenant-b'))
    const hooksBefore = (await hookLog()).length
    s.pleo.revoke(DEMO_KEYS.integratedB)
    reseed(s.pleo, DEMO_KEYS.integratedA, 'integratedA', { forceStatus: 429 })

    const report = (await s.app.request('/api/host/health-check', { method: 'POST' })).body
    expect(report).toMatchObject({ actionRequired: 1 })
    expect((await s.call('GET', ROUTE, undefined, as('tenant-b'))).body.state).toBe('action_required')
    expect((await s.call('GET', ROUTE, undefined, as('tenant-a'))).body).toMatchObject({ state: 'connected', problem: { code: 'pleo_rate_limited' } })

    const fired = (await hookLog()).slice(hooksBefore)
    // The change, and the incident it opens (a working connection stopped working); nothing for the 429.
    expect(fired.map(h => [h.name, h.payload.tenantId])).toEqual([
      ['pleo-connect:event', 'tenant-b'],
      ['pleo-connect:action-required', 'tenant-b'],
      ['pleo-connect:event', 'tenant-b'],
      ['pleo-connect:incident-opened', 'tenant-b'],
    ])
  })
})

describe('hooks and the audit trail', () => {
  it('fire once per transition, carry who/what/when and the key hint, never a key', async () => {
    const start = (await hookLog()).length
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.integratedA }, as('tenant-a'))
    await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.expired }, as('tenant-a'))
    await s.call('DELETE', ROUTE, undefined, as('tenant-a'))
    const fired = (await hookLog()).slice(start).filter(h => h.name !== 'pleo-connect:event').map(h => h.name)
    expect(fired).toEqual(['pleo-connect:connected', 'pleo-connect:failed', 'pleo-connect:disconnected'])
    const text = JSON.stringify(await hookLog())
    for (const key of Object.values(DEMO_KEYS)) expect(text).not.toContain(key)
    const connected = (await hookLog()).slice(start).find(h => h.name === 'pleo-connect:connected')!.payload
    expect(connected).toMatchObject({ tenantId: 'tenant-a', actor: 'admin@tenant-a.test', companyId: DEMO_IDS.vinterhavn, keyHint: '••••8036' })
    expect(connected.at).toMatch(/Z$/)
  })
})
