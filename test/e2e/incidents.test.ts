import { describe, expect, it } from 'vitest'
import { DEMO_IDS } from '../../src/fake'
import { findKeyLeaks } from '../support/canary'
import { reseed, seedCanary } from '../support/keys'
import { ROUTE, useScenario } from '../support/scenario'

// Incidents (issue 13, items 2 and 3): a stand-in Pleo that revokes and restores keys at run time, and a host route
// that calls Pleo in a loop. Alerts, state flips and blocked calls are counted against what should happen.

interface Notice { incidentId: string, openedAt: string, connectedBy?: string, blockedWork: { calls: number, since?: string, operations: Array<{ operation: string, count: number }> }, evidence?: { failedCalls: number }, reminder?: number, resolution?: string, resolvedAt?: string }

function useIncidentScenario(env: Record<string, string> = {}) {
  const s = useScenario(env)
  const pleoCall = (path: string, method = 'GET') => s.call('POST', '/api/host/pleo-call', { method, path })
  const hooks = async () => (await s.call('GET', '/api/host/hook-log')).body as Array<{ name: string, payload: Notice & { type?: string, state?: string } }>
  const since = async (start: number) => (await hooks()).slice(start)
  const notices = (log: Awaited<ReturnType<typeof hooks>>, name: string) => log.filter(entry => entry.name === `pleo-connect:incident-${name}`).map(entry => entry.payload)
  const sweep = async () => (await s.call('POST', '/api/host/health-check')).body
  const events = async () => (await s.call('GET', `${ROUTE}/events`)).body.events as Array<{ type: string, incidentId?: string, blockedCalls?: number, reminder?: number, variant?: string, state?: string }>
  return { s, pleoCall, hooks, since, notices, sweep, events }
}

/** Calls the app's host route `count` times, `parallel` at a time, as a job would: answers by status. */
async function callInLoop(call: () => Promise<{ status: number }>, count: number, parallel = 1): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {}
  for (let done = 0; done < count; done += parallel) {
    const batch = await Promise.all(Array.from({ length: Math.min(parallel, count - done) }, call))
    for (const { status } of batch) statuses[status] = (statuses[status] ?? 0) + 1
  }
  return statuses
}

function expectNoKeyIn(what: unknown, keys: string[]) {
  for (const key of keys) expect(findKeyLeaks(JSON.stringify(what), key)).toEqual([])
}

describe('one incident per breakage: opened once, resolved once, with the calls that were blocked', () => {
  // No standby key: a replaced key that stops working stays broken here (the fallback has its own tests).
  const { s, pleoCall, hooks, since, notices, sweep, events } = useIncidentScenario({ NUXT_PLEO_CONNECT_STANDBY_HOURS: '0' })
  const companyPath = `/v1/companies/${DEMO_IDS.nordlys}`

  it('a revoked key opens one incident however many calls and checks fail; restored, it resolves once with every failed call', async () => {
    const apiKey = seedCanary(s.pleo, 'valid')
    expect((await s.call('POST', ROUTE, { apiKey }, { 'x-test-actor': 'alice@example.test' })).body.state).toBe('connected')
    const start = (await hooks()).length
    expect(await callInLoop(() => pleoCall(companyPath), 5)).toEqual({ 200: 5 })

    s.pleo.revoke(apiKey)
    // 24 calls while the key is refused: by operation, 16 reads of the company and 8 export jobs, some side by side.
    const reads = await callInLoop(() => pleoCall(companyPath), 16, 4)
    const writes = await callInLoop(() => pleoCall('/v1/export-jobs', 'POST'), 8, 2)
    expect(reads).toEqual({ 401: 16 })
    expect(writes).toEqual({ 401: 8 })
    // The scheduled check runs twice meanwhile: still one incident.
    expect(await sweep()).toMatchObject({ actionRequired: 1 })
    expect(await sweep()).toMatchObject({ actionRequired: 1 })

    const open = (await s.call('GET', ROUTE)).body
    expect(open.state).toBe('action_required')
    const blockedNow = (await s.call('GET', '/api/host/blocked-work')).body
    expect(blockedNow).toMatchObject({ incidentId: open.incident.id, blockedWork: { calls: 24 } })
    expect(blockedNow).not.toHaveProperty('resolvedAt')

    reseed(s.pleo, apiKey, 'valid', {})
    expect(await sweep()).toMatchObject({ ok: 1 })
    expect(await sweep()).toMatchObject({ ok: 1 })
    expect(await callInLoop(() => pleoCall(companyPath), 3)).toEqual({ 200: 3 })

    const log = await since(start)
    const opened = notices(log, 'opened')
    const resolved = notices(log, 'resolved')
    expect(opened).toHaveLength(1)
    expect(resolved).toHaveLength(1)
    expect(notices(log, 'reminder')).toHaveLength(0)
    expect(opened[0]).toMatchObject({ incidentId: open.incident.id, connectedBy: 'alice@example.test', problem: { code: 'key_rejected' }, evidence: { failedCalls: expect.any(Number) } })
    expect(resolved[0]).toMatchObject({ incidentId: open.incident.id, resolution: 'working_again', resolvedAt: expect.any(String) })
    // Every call that failed is waiting, once: those that led to the incident and those after it.
    expect(resolved[0]!.blockedWork.calls).toBe(24)
    expect(Object.fromEntries(resolved[0]!.blockedWork.operations.map(entry => [entry.operation, entry.count]))).toEqual({ 'GET /v1/companies/{id}': 16, 'POST /v1/export-jobs': 8 })
    // State flips: one to action required, one back.
    const stateChanges = log.filter(entry => entry.name === 'pleo-connect:event' && ['action_required', 'verified'].includes(entry.payload.type!) && entry.payload.state)
    expect(stateChanges.map(entry => entry.payload.type)).toEqual(['action_required', 'verified'])

    const trail = await events()
    expect(trail.filter(e => e.type === 'incident_opened')).toHaveLength(1)
    expect(trail.filter(e => e.type === 'incident_resolved')).toEqual([expect.objectContaining({ incidentId: open.incident.id, blockedCalls: 24, variant: 'working_again', state: 'connected' })])
    expect((await s.call('GET', ROUTE)).body).not.toHaveProperty('incident')
    // After it closed, host code still gets the list to replay.
    expect((await s.call('GET', '/api/host/blocked-work')).body).toMatchObject({ incidentId: open.incident.id, resolvedAt: expect.any(String), blockedWork: { calls: 24 } })
    expectNoKeyIn([log, trail, open, blockedNow], [apiKey])
  })

  it('the banner\'s view shows the open incident with its blocked calls; a new key that works closes it as replaced', async () => {
    const apiKey = seedCanary(s.pleo, 'valid')
    expect((await s.call('PUT', ROUTE, { apiKey })).body.state).toBe('connected')
    const start = (await hooks()).length
    s.pleo.revoke(apiKey)
    expect(await callInLoop(() => pleoCall('/v1/export-jobs', 'POST'), 3)).toEqual({ 401: 3 })
    const view = (await s.call('GET', ROUTE)).body
    expect(view.incident).toMatchObject({ id: expect.any(String), openedAt: expect.any(String), blockedWork: { calls: expect.any(Number), operations: [{ operation: 'POST /v1/export-jobs' }] } })

    const replacement = seedCanary(s.pleo, 'valid')
    expect((await s.call('PUT', ROUTE, { apiKey: replacement }, { 'x-test-actor': 'bob@example.test' })).body.state).toBe('connected')
    const log = await since(start)
    expect(notices(log, 'opened')).toHaveLength(1)
    const resolved = notices(log, 'resolved')
    expect(resolved).toEqual([expect.objectContaining({ incidentId: view.incident.id, resolution: 'key_replaced', blockedWork: expect.objectContaining({ calls: 3 }) })])
    expectNoKeyIn(log, [apiKey, replacement])

    // The new key's first breakage is a new incident, and removing the connection closes it.
    s.pleo.revoke(replacement)
    await pleoCall('/v1/export-jobs', 'POST')
    const second = (await s.call('GET', ROUTE)).body.incident
    expect(second.id).not.toBe(view.incident.id)
    expect((await s.call('DELETE', ROUTE)).status).toBe(200)
    const after = await since(start)
    expect(notices(after, 'opened').map(n => n.incidentId)).toEqual([view.incident.id, second.id])
    expect(notices(after, 'resolved').at(-1)).toMatchObject({ incidentId: second.id, resolution: 'disconnected', connectedBy: 'bob@example.test' })
  })

  it('passing trouble (5xx, 429, timeouts) opens no incident', async () => {
    const apiKey = seedCanary(s.pleo, 'valid')
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    const start = (await hooks()).length
    for (const forceStatus of [503, 429, 500] as const) {
      reseed(s.pleo, apiKey, 'valid', { forceStatus })
      await pleoCall(companyPath)
      await sweep()
    }
    expect(notices(await since(start), 'opened')).toHaveLength(0)
    expect((await s.call('GET', ROUTE)).body).not.toHaveProperty('incident')
  })
})

describe('reminders of an open incident, at the hours the option sets, once each', () => {
  // About 1.8 s and 3.6 s after it opened, then daily: small enough for a test, the same ladder as 1 h, 6 h, 24 h.
  const { s, pleoCall, hooks, since, notices, sweep, events } = useIncidentScenario({ NUXT_PLEO_CONNECT_HEALTH_CHECK_INCIDENT_REMINDERS: '[0.0005,0.001]' })

  it('two sweeps per step send one reminder per step, and none before it is due', async () => {
    const apiKey = seedCanary(s.pleo, 'valid')
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    const start = (await hooks()).length
    s.pleo.revoke(apiKey)
    await pleoCall('/v1/export-jobs', 'POST')
    const incident = (await s.call('GET', ROUTE)).body.incident
    const dueAt = (hours: number) => Date.parse(incident.openedAt) + hours * 3_600_000
    await sweep()
    const early = notices(await since(start), 'reminder')
    if (Date.now() < dueAt(0.0005)) expect(early).toHaveLength(0)

    await new Promise(resolve => setTimeout(resolve, Math.max(0, dueAt(0.0005) - Date.now()) + 100))
    await sweep()
    await sweep()
    expect(notices(await since(start), 'reminder').map(n => n.reminder)).toEqual([1])

    await new Promise(resolve => setTimeout(resolve, Math.max(0, dueAt(0.001) - Date.now()) + 100))
    await Promise.all([sweep(), sweep()])
    await sweep()
    const reminders = notices(await since(start), 'reminder')
    expect(reminders.map(n => n.reminder)).toEqual([1, 2])
    expect(reminders.every(n => n.incidentId === incident.id)).toBe(true)
    expect((await events()).filter(e => e.type === 'incident_reminder').map(e => e.reminder)).toEqual([2, 1])
    expectNoKeyIn(await since(start), [apiKey])
  })
})
