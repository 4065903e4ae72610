import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_IDS, DEMO_KEYS } from '../../src/fake'
import { keyHint } from '../../src/runtime/shared/key-hint'
import { seedCanary, waitFor } from '../support/keys'
import { ROUTE, useScenario } from '../support/scenario'

const s = useScenario()

beforeEach(async () => {
  const { body } = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
  expect(body.state).toBe('connected')
})

afterEach(async () => {
  await s.call('DELETE', ROUTE)
  s.pleo.reset()
})

/** The key the app really uses now: the one its next verify call sends to Pleo. */
async function keyInForce(): Promise<string | undefined> {
  const before = s.pleo.requests.length
  await s.call('POST', `${ROUTE}/verify`)
  const auth = s.pleo.requests.slice(before).find(r => r.path.includes('/v1/'))?.keyCase
  return auth
}

describe('replacing the key', () => {
  it('a new key of the same company replaces the old one and re-runs the activation', async () => {
    const before = s.pleo.requests.length
    const { status, body } = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.validSameCompany })
    expect(status).toBe(200)
    expect(body).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.nordlys }, keyHint: keyHint(DEMO_KEYS.validSameCompany) })
    expect(s.pleo.requests.slice(before).some(r => r.path.endsWith('/v1/installations/me'))).toBe(true)
    expect(await keyInForce()).toBe('valid, second key of the same company')
  })

  it.each([
    ['revoked', 401, 'key_rejected'],
    ['lacksPermission', 403, 'key_lacks_permission'],
    ['failing', 502, 'pleo_unavailable'],
    ['slow', 504, 'pleo_unreachable'],
    ['organisation', 422, 'organisation_key_needs_company'],
  ] as const)('a refused replacement (%s) says why and leaves the working connection untouched', async (name, status, code) => {
    const before = (await s.call('GET', ROUTE)).body
    const refused = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS[name] })
    expect(refused.status).toBe(status)
    expect(refused.body.data.code).toBe(code)
    expect((await s.call('GET', ROUTE)).body).toEqual(before)
    expect(await keyInForce()).toBe('valid, no installation yet')
  })

  it('a key of another company is refused unless the change is confirmed, naming both companies', async () => {
    const refused = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.validOtherCompany })
    expect(refused.status).toBe(409)
    expect(refused.body.data.code).toBe('key_other_company')
    expect(refused.body.data.message).toContain(DEMO_IDS.fjordline)
    expect(refused.body.data.message).toContain(DEMO_IDS.nordlys)
    expect(refused.body.data).toMatchObject({ companyId: DEMO_IDS.fjordline, connectedCompanyId: DEMO_IDS.nordlys })
    // Refused before the other company's installation was touched.
    expect(s.pleo.installations().some(i => i.keyCase === 'valid, another company')).toBe(false)
    expect((await s.call('GET', ROUTE)).body.company.id).toBe(DEMO_IDS.nordlys)

    const confirmed = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.validOtherCompany, confirmCompanyChange: true })
    expect(confirmed.body).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.fjordline } })
  })

  it('POST on a connected tenant follows the replacement rules (no silent company switch)', async () => {
    const refused = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.validOtherCompany })
    expect(refused.body.data.code).toBe('key_other_company')
    expect((await s.call('GET', ROUTE)).body.company.id).toBe(DEMO_IDS.nordlys)
  })

  it('PUT without a connection answers not_connected', async () => {
    await s.call('DELETE', ROUTE)
    const { status, body } = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(404)
    expect(body.data.code).toBe('not_connected')
  })

  it('a replacement repairs a connection that needs action', async () => {
    s.pleo.revoke(DEMO_KEYS.valid)
    expect((await s.call('POST', `${ROUTE}/verify`)).body.state).toBe('action_required')
    const { body } = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.validSameCompany })
    expect(body.state).toBe('connected')
    expect(body.problem).toBeUndefined()
  })
})

describe('concurrent changes never lose an update or mix two keys', () => {
  it('20 simultaneous replacements: one validation at a time, the rest are told busy, and the stored key matches its hint', async () => {
    const keys = Array.from({ length: 20 }, () => seedCanary(s.pleo, 'valid', { latencyMs: 50 }))
    const results = await Promise.all(keys.map(apiKey => s.call('PUT', ROUTE, { apiKey })))
    const ok = results.filter(r => r.status === 200)
    const busy = results.filter(r => r.status === 409)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(ok.length + busy.length).toBe(20)
    expect(busy.every(r => r.body.data.code === 'busy')).toBe(true)
    expect(s.pleo.inFlight()).toBe(0)

    const view = (await s.call('GET', ROUTE)).body
    const winner = keys[results.findLastIndex(r => r.status === 200)]!
    expect(view.keyHint).toBe(keyHint(winner))
    expect(await keyInForce()).toBe('canary like valid')
    const lastVerify = s.pleo.requests.at(-1)!
    expect(lastVerify.headers.authorization).toBe('[redacted]')
  })

  it('a verify racing a replacement is told busy and never reverts the new key', async () => {
    const next = seedCanary(s.pleo, 'valid', { latencyMs: 300 })
    const replacing = s.call('PUT', ROUTE, { apiKey: next })
    await waitFor(() => s.pleo.requests.some(r => r.keyCase === 'canary like valid'), 'the replacement to reach Pleo')
    const verify = await s.call('POST', `${ROUTE}/verify`)
    expect(verify.status).toBe(409)
    expect(verify.body.data.code).toBe('busy')
    expect((await replacing).status).toBe(200)
    expect((await s.call('GET', ROUTE)).body.keyHint).toBe(keyHint(next))
  })

  it('a disconnect during a replacement wins: the replacement does not resurrect the key', async () => {
    const next = seedCanary(s.pleo, 'valid', { latencyMs: 300 })
    const replacing = s.call('PUT', ROUTE, { apiKey: next })
    await waitFor(() => s.pleo.requests.some(r => r.keyCase === 'canary like valid'), 'the replacement to reach Pleo')
    expect((await s.call('DELETE', ROUTE)).status).toBe(200)
    const replaced = await replacing
    expect(replaced.status).toBe(409)
    expect(replaced.body.data.code).toBe('busy')
    expect((await s.call('GET', ROUTE)).body.state).toBe('disconnected')
  })
})

describe('a key this connection had before is named before it is sent', () => {
  const upstream = () => s.pleo.requests.filter(request => request.path.includes('/v1/')).length

  it('the key in use, a replaced key and a refused key: 409 key_seen_before, nothing sent to Pleo, and sent when accepted', async () => {
    let before = upstream()
    const inUse = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(inUse.status).toBe(409)
    expect(inUse.body.data).toMatchObject({ code: 'key_seen_before', variant: 'in_use', message: 'This is the API Key already in use for this connection.' })
    expect(upstream()).toBe(before)

    expect((await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.validSameCompany })).status).toBe(200)
    const today = new Date().toISOString().slice(0, 10)
    before = upstream()
    const replaced = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(replaced.body.data).toMatchObject({ code: 'key_seen_before', variant: 'replaced', seenAt: today, message: `This is the API Key that was replaced on ${today}.` })
    expect(upstream()).toBe(before)
    const back = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.valid, acceptKnownKey: true })
    expect(back.status).toBe(200)
    expect(await keyInForce()).toBe('valid, no installation yet')

    expect((await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.revoked })).body.data.code).toBe('key_rejected')
    before = upstream()
    const refused = await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.revoked })
    expect(refused.body.data).toMatchObject({ code: 'key_seen_before', variant: 'refused', seenAt: today })
    expect(upstream()).toBe(before)
    expect((await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.revoked, acceptKnownKey: true })).body.data.code).toBe('key_rejected')
  })

  it('events carry short fingerprints that follow a key through a replacement, never the key', async () => {
    expect((await s.call('PUT', ROUTE, { apiKey: DEMO_KEYS.validSameCompany })).status).toBe(200)
    const { body } = await s.call('GET', `${ROUTE}/events`)
    const [replacedEvent, connectedEvent] = body.events as Array<Record<string, string>>
    expect(replacedEvent).toMatchObject({ type: 'key_replaced', keyFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) })
    expect(connectedEvent!.type).toBe('connected')
    expect(replacedEvent!.previousKeyFingerprint).toBe(connectedEvent!.keyFingerprint)
    expect(replacedEvent!.keyFingerprint).not.toBe(connectedEvent!.keyFingerprint)
    const text = JSON.stringify(body)
    for (const key of [DEMO_KEYS.valid, DEMO_KEYS.validSameCompany]) expect(text).not.toContain(key)
  })

  it('a disconnect starts afresh: the same key connects again without a question', async () => {
    await s.call('DELETE', ROUTE)
    const { status } = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(200)
  })
})

describe('is this the key in use?', () => {
  it('compares by fingerprint with no call to Pleo, audits each comparison, and counts a mismatch as a failed attempt', async () => {
    const before = s.pleo.requests.length
    const compare = (apiKey: string, actor = 'alice@example.test') => s.call('POST', `${ROUTE}/compare`, { apiKey }, { 'x-test-actor': actor })
    expect((await compare(DEMO_KEYS.valid)).body).toEqual({ matches: true })
    expect((await compare(DEMO_KEYS.validSameCompany)).body).toEqual({ matches: false })
    expect((await compare(`"${DEMO_KEYS.valid}"`)).body.data).toMatchObject({ code: 'key_malformed', variant: 'quoted' })
    expect(s.pleo.requests.length).toBe(before)

    const { body } = await s.call('GET', `${ROUTE}/events`)
    const compared = (body.events as Array<Record<string, string>>).filter(event => event.type === 'key_compared').slice(0, 2)
    expect(compared.map(event => event.variant)).toEqual(['differs', 'matches'])
    expect(compared[0]).toMatchObject({ actor: 'alice@example.test', keyFingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) })
    expect(JSON.stringify(body)).not.toContain(DEMO_KEYS.validSameCompany)

    // Guessing is bounded by the attempt limit, like submitting keys.
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await compare(`demo-guess-${i}-aaaaaaaaaaaaaaaa`, 'mallory@example.test')).status)
    expect(statuses.filter(status => status === 200)).toHaveLength(5)
    expect(statuses.filter(status => status === 429)).toHaveLength(3)
  })

  it('answers not_connected without a stored key', async () => {
    await s.call('DELETE', ROUTE)
    const { status, body } = await s.call('POST', `${ROUTE}/compare`, { apiKey: DEMO_KEYS.valid })
    expect(status).toBe(404)
    expect(body.data.code).toBe('not_connected')
  })
})
