import { describe, expect, it } from 'vitest'
import { DEMO_IDS } from '../../src/fake'
import { keyHint } from '../../src/runtime/shared/key-hint'
import { connectionViewSchema } from '../../src/runtime/shared/schemas'
import { findKeyLeaks } from '../support/canary'
import { reseed, seedCanary, waitFor } from '../support/keys'
import { ROUTE, useScenario, type Scenario } from '../support/scenario'

const STANDBY = `${ROUTE}/standby`
const DRILL = `${ROUTE}/leak-drill`
const DRILL_VERIFY = `${ROUTE}/leak-drill/verify`
const COMPANY_PATH = `/v1/companies/${DEMO_IDS.nordlys}`

interface HookEntry { name: string, payload: Record<string, unknown> }
interface TrailEntry { type: string, variant?: string, keyHint?: string, previousKeyHint?: string, state?: string }

/** What the scenario's app said and stored about the connection, for counting and for searching for keys. */
function observe(s: Scenario) {
  const hooks = async () => (await s.call('GET', '/api/host/hook-log')).body as HookEntry[]
  const trail = async () => (await s.call('GET', `${ROUTE}/events`)).body.events as TrailEntry[]
  const view = async () => {
    const body = (await s.call('GET', ROUTE)).body
    // The only shape the browser receives: a standby is its hint and time, nothing more.
    expect(connectionViewSchema.safeParse(body).success, JSON.stringify(body)).toBe(true)
    return body
  }
  const loop = async (count: number) => (await s.call('POST', '/api/host/pleo-loop', { count, path: COMPANY_PATH })).body.results as Array<{ ok: boolean, code?: string }>
  /** No form of any key in the hook payloads, the trail or the view. */
  const assertNoKeys = async (...keys: string[]) => {
    const seen = JSON.stringify([await hooks(), await trail(), await view()])
    for (const key of keys) expect(findKeyLeaks(seen, key)).toEqual([])
  }
  const count = <T extends { type?: string, name?: string }>(entries: T[], name: string) => entries.filter(entry => (entry.type ?? entry.name) === name).length
  return { hooks, trail, view, loop, assertNoKeys, count }
}

/** Connects with one fresh key, replaces it with another: both accepted by the fake, each with its own case name. */
async function connectThenReplace(s: Scenario, name: string) {
  const oldKey = seedCanary(s.pleo, 'valid', { case: `${name}: old` })
  const newKey = seedCanary(s.pleo, 'valid', { case: `${name}: new` })
  expect((await s.call('POST', ROUTE, { apiKey: oldKey })).body.state).toBe('connected')
  const replaced = await s.call('PUT', ROUTE, { apiKey: newKey })
  expect(replaced.status).toBe(200)
  return { oldKey, newKey, replaced: replaced.body }
}

describe('a safe handover: the previous key stands by, and a refused new key falls back to it once', () => {
  const s = useScenario()
  const o = observe(s)
  const callsWith = (keyCase: string) => s.pleo.requests.filter(request => request.keyCase === keyCase).length
  /** The keys of the fallback test, for the test after it. */
  let restoredKey = ''

  it('a replacement keeps the previous key as a standby: the view shows its hint and until when, nothing else', async () => {
    const { oldKey, replaced } = await connectThenReplace(s, 'handover')
    expect(replaced.standby).toEqual({ keyHint: keyHint(oldKey), until: expect.any(String) })
    const hoursLeft = (Date.parse(replaced.standby.until) - Date.now()) / 3_600_000
    expect(hoursLeft).toBeGreaterThan(23)
    expect(hoursLeft).toBeLessThanOrEqual(24)
    expect((await o.view()).standby).toEqual(replaced.standby)
  })

  it('the new key revoked in Pleo: of a loop of host calls all work, with exactly 1 fallback, 1 audit event, 1 hook call and no state flip', async () => {
    await s.call('DELETE', ROUTE)
    const { oldKey, newKey } = await connectThenReplace(s, 'revoked new')
    const eventsBefore = (await o.trail()).length
    s.pleo.revoke(newKey)

    const results = await o.loop(5)
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ ok: true })))
    // The new key: the one refused call and the check that confirmed it. Nothing more is ever sent with it.
    const sentWithNewKey = callsWith('revoked new: new')
    expect(sentWithNewKey).toBeGreaterThanOrEqual(2)
    restoredKey = oldKey

    const view = await o.view()
    expect(view).toMatchObject({ state: 'connected', keyHint: keyHint(oldKey) })
    expect(view.standby).toBeUndefined()
    expect(view.problem).toBeUndefined()

    // A second run of the job: the restored key works, no second fallback, the refused key is never tried again.
    expect(await o.loop(3)).toEqual([{ ok: true }, { ok: true }, { ok: true }])
    expect(callsWith('revoked new: new')).toBe(sentWithNewKey)

    const trail = (await o.trail()).slice(0, (await o.trail()).length - eventsBefore)
    expect(o.count(trail, 'standby_fallback')).toBe(1)
    expect(trail.find(event => event.type === 'standby_fallback')).toMatchObject({ keyHint: keyHint(oldKey), previousKeyHint: keyHint(newKey), code: 'key_rejected', state: 'connected' })
    // State flips: none. It never became "action required", so no alarm went out.
    expect(o.count(trail, 'action_required')).toBe(0)
    const hooks = await o.hooks()
    expect(o.count(hooks, 'pleo-connect:standby-fallback')).toBe(1)
    expect(o.count(hooks, 'pleo-connect:action-required')).toBe(0)
    // Loudly: one incident for the refused key, opened and resolved by the fallback.
    expect(o.count(hooks, 'pleo-connect:incident-opened')).toBe(1)
    expect(o.count(hooks, 'pleo-connect:incident-resolved')).toBe(1)
    const opened = hooks.find(hook => hook.name === 'pleo-connect:incident-opened')!.payload
    expect(opened).toMatchObject({ keyHint: keyHint(newKey), problem: { code: 'key_rejected' } })
    expect(hooks.find(hook => hook.name === 'pleo-connect:incident-resolved')!.payload).toMatchObject({ incidentId: opened.incidentId, resolution: 'standby_fallback' })
    expect(trail.filter(event => event.type.startsWith('incident_')).map(event => [event.type, event.variant])).toEqual([['incident_resolved', 'standby_fallback'], ['incident_opened', 'stopped_working']])
    expect(hooks.find(hook => hook.name === 'pleo-connect:standby-fallback')!.payload).toMatchObject({
      tenantId: expect.any(String), keyHint: keyHint(oldKey), previousKeyHint: keyHint(newKey), keyFingerprint: expect.any(String), previousKeyFingerprint: expect.any(String), at: expect.any(String),
    })
    await o.assertNoKeys(oldKey, newKey)
  })

  it('never back and forth: the restored key revoked too, the calls fail and the connection needs action, with no second fallback', async () => {
    expect(callsWith('revoked new: old')).toBeGreaterThan(0)
    s.pleo.revoke(restoredKey)
    const results = await o.loop(3)
    expect(results.every(result => !result.ok && result.code === 'key_rejected')).toBe(true)
    expect((await o.view()).state).toBe('action_required')
    expect(o.count(await o.trail(), 'standby_fallback')).toBe(1)
    expect(o.count(await o.trail(), 'action_required')).toBe(1)
  })

  it('the admin destroys the standby now: gone from the view, audited once (by_admin), a refused new key then needs action', async () => {
    await s.call('DELETE', ROUTE)
    const { oldKey, newKey } = await connectThenReplace(s, 'destroyed')
    const destroyed = await s.call('DELETE', STANDBY)
    expect(destroyed.status).toBe(200)
    expect(destroyed.body.standby).toBeUndefined()
    // Again: nothing to destroy, no second event.
    expect((await s.call('DELETE', STANDBY)).status).toBe(200)
    const trail = await o.trail()
    expect(trail.filter(event => event.type === 'standby_destroyed')).toEqual([expect.objectContaining({ variant: 'by_admin', keyHint: keyHint(oldKey) })])
    expect(o.count(await o.hooks(), 'pleo-connect:standby-destroyed')).toBe(1)

    s.pleo.revoke(newKey)
    expect((await o.loop(2)).map(result => result.code)).toEqual(['key_rejected', 'key_rejected'])
    expect((await o.view()).state).toBe('action_required')
    expect(o.count(await o.trail(), 'standby_fallback')).toBe(1)
    await o.assertNoKeys(oldKey, newKey)
  })

  it('a key of another company keeps no standby: falling back would switch the app back to the company the admin left', async () => {
    await s.call('DELETE', ROUTE)
    const oldKey = seedCanary(s.pleo, 'valid', { case: 'company: old' })
    const otherCompany = seedCanary(s.pleo, 'validOtherCompany', { case: 'company: new' })
    expect((await s.call('POST', ROUTE, { apiKey: oldKey })).body.state).toBe('connected')
    const switched = await s.call('PUT', ROUTE, { apiKey: otherCompany, confirmCompanyChange: true })
    expect(switched.body.state).toBe('connected')
    expect(switched.body.standby).toBeUndefined()
  })

  it('the standby routes pass the same guards as the other changes: a cross-site request changes nothing', async () => {
    await s.call('DELETE', ROUTE)
    await connectThenReplace(s, 'guarded')
    for (const path of [STANDBY, DRILL, DRILL_VERIFY]) {
      const method = path === STANDBY ? 'DELETE' : 'POST'
      const refused = await s.call(method, path, undefined, { 'sec-fetch-site': 'cross-site' })
      expect(refused.status, path).toBe(403)
    }
    expect((await o.view()).standby).toBeDefined()
    expect((await o.view()).leakDrill).toBeUndefined()
  })
})

describe('standbyHours 0: no standby; a leak drill keeps the old key anyway, until Pleo refuses it', () => {
  const s = useScenario({ NUXT_PLEO_CONNECT_STANDBY_HOURS: '0' })
  const o = observe(s)

  it('a replacement keeps no standby', async () => {
    const { replaced } = await connectThenReplace(s, 'off')
    expect(replaced.standby).toBeUndefined()
  })

  it('the drill: started, the new key swapped in, the old key still alive keeps it open, refused closes it and destroys the old key', async () => {
    await s.call('DELETE', ROUTE)
    const oldKey = seedCanary(s.pleo, 'valid', { case: 'drill: old' })
    const newKey = seedCanary(s.pleo, 'valid', { case: 'drill: new' })
    expect((await s.call('POST', ROUTE, { apiKey: oldKey })).body.state).toBe('connected')

    const started = await s.call('POST', DRILL)
    expect(started.status).toBe(200)
    expect(started.body.leakDrill).toEqual({ startedAt: expect.any(String), step: 'replace_key' })
    // Starting again changes nothing (one event).
    expect((await s.call('POST', DRILL)).body.leakDrill.startedAt).toBe(started.body.leakDrill.startedAt)
    // Nothing to prove before the new key is in force.
    const tooEarly = await s.call('POST', DRILL_VERIFY)
    expect(tooEarly.status).toBe(400)
    expect(tooEarly.body.data).toMatchObject({ code: 'invalid_request', variant: 'leak_drill_needs_new_key' })

    const swapped = await s.call('PUT', ROUTE, { apiKey: newKey })
    expect(swapped.body).toMatchObject({ state: 'connected', keyHint: keyHint(newKey), standby: { keyHint: keyHint(oldKey) }, leakDrill: { step: 'prove_old_key_dead' } })
    expect(swapped.body.standby.until).toBeUndefined()
    // The drill's copy of the old key is not the admin's to destroy before it is proven dead.
    const kept = await s.call('DELETE', STANDBY)
    expect(kept.status).toBe(400)
    expect(kept.body.data).toMatchObject({ code: 'invalid_request', variant: 'leak_drill_keeps_standby' })

    // The admin has not deleted it in Pleo yet: the page says so, the drill stays open.
    const alive = await s.call('POST', DRILL_VERIFY)
    expect(alive.status).toBe(200)
    expect(alive.body.leakDrill).toMatchObject({ step: 'prove_old_key_dead', oldKeyAliveAt: expect.any(String) })
    expect(alive.body.standby).toEqual({ keyHint: keyHint(oldKey) })

    // Pleo failing is no proof either way: a transient error, the drill stays open.
    reseed(s.pleo, oldKey, 'valid', { case: 'drill: old', forceStatus: 503 })
    const failing = await s.call('POST', DRILL_VERIFY)
    expect(failing.status).toBe(502)
    expect(failing.body.data.code).toBe('pleo_unavailable')
    expect((await o.view()).leakDrill).toBeDefined()

    // Deleted in Pleo: refused, so the drill closes and the old key's sealed copy goes.
    reseed(s.pleo, oldKey, 'valid', { case: 'drill: old' })
    s.pleo.revoke(oldKey)
    const closed = await s.call('POST', DRILL_VERIFY)
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ state: 'connected', keyHint: keyHint(newKey) })
    expect(closed.body.leakDrill).toBeUndefined()
    expect(closed.body.standby).toBeUndefined()
    expect(await s.storedText()).not.toContain('"purpose":"leak_drill"')

    const trail = await o.trail()
    expect(trail.map(event => event.type).filter(type => type.startsWith('leak_drill')).reverse()).toEqual(['leak_drill_started', 'leak_drill_old_key_alive', 'leak_drill_closed'])
    expect(o.count(await o.hooks(), 'pleo-connect:leak-drill')).toBe(3)
    // After the drill, nothing is left to check.
    expect((await s.call('POST', DRILL_VERIFY)).body.data).toMatchObject({ code: 'not_connected', variant: 'no_leak_drill' })
    await o.assertNoKeys(oldKey, newKey)
  })
})

describe('the window ends: the scheduled check destroys the standby and audits it', () => {
  // 0.0005 h = 1.8 s: the test waits for the window to pass rather than faking the server's clock.
  const s = useScenario({ NUXT_PLEO_CONNECT_STANDBY_HOURS: '0.0005' })
  const o = observe(s)

  it('past its window the standby is gone from the view, destroyed by the sweep (expired, once), and no longer a fallback', async () => {
    const { oldKey, newKey, replaced } = await connectThenReplace(s, 'expiring')
    expect(replaced.standby).toBeDefined()
    const until = Date.parse(replaced.standby.until)
    await waitFor(() => Date.now() > until + 50, 'the standby window to pass')
    expect((await o.view()).standby).toBeUndefined()

    expect((await s.call('POST', '/api/host/health-check')).body).toMatchObject({ standbysDestroyed: 1 })
    expect((await s.call('POST', '/api/host/health-check')).body).toMatchObject({ standbysDestroyed: 0 })
    expect((await o.trail()).filter(event => event.type === 'standby_destroyed')).toEqual([expect.objectContaining({ variant: 'expired', keyHint: keyHint(oldKey), actor: 'system:health-check' })])
    expect(o.count(await o.hooks(), 'pleo-connect:standby-destroyed')).toBe(1)
    expect(await s.storedText()).not.toContain('"standby"')

    s.pleo.revoke(newKey)
    expect((await o.loop(1))[0]).toEqual({ ok: false, code: 'key_rejected' })
    expect(o.count(await o.trail(), 'standby_fallback')).toBe(0)
    await o.assertNoKeys(oldKey, newKey)
  })
})
