import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockSkewOf, KEPT_CHECKS, measureAnswer, measureNoAnswer, statusClassOf, withMeasurement } from '../../src/runtime/server/lib/connection/check-samples'
import { stateHistoryOf } from '../../src/runtime/server/lib/connection/diagnostics-report'
import { createPleoClient, PleoTimeoutError } from '../../src/runtime/server/lib/pleo/http-client'
import { PleoConnectError } from '../../src/runtime/server/lib/errors'
import { createFakePleo, DEMO_KEYS } from '../../src/fake'
import type { AuditEvent, ConnectionRecord } from '../../src/runtime/server/lib/records'

const record = (overrides: Partial<ConnectionRecord> = {}): ConnectionRecord => ({ state: 'connected', keyType: 'standalone', environment: 'production', updatedAt: '2026-01-01T00:00:00.000Z', ...overrides })

describe('the status class of a check', () => {
  it.each([[200, '2xx'], [204, '2xx'], [302, '3xx'], [401, '4xx'], [403, '4xx'], [429, '4xx'], [500, '5xx'], [503, '5xx']] as const)('%i is %s', (status, statusClass) => {
    expect(statusClassOf(status)).toBe(statusClass)
  })

  it('a call that ran out of time is a timeout; one that got no answer otherwise is unreachable', () => {
    expect(measureNoAnswer(new PleoTimeoutError(), 0, 1500.4).sample).toEqual({ at: '1970-01-01T00:00:00.000Z', statusClass: 'timeout', latencyMs: 1500 })
    expect(measureNoAnswer(new PleoConnectError('pleo_unreachable'), 0, 3).sample.statusClass).toBe('unreachable')
  })
})

describe('the clock skew against Pleo\'s Date header', () => {
  const sentAt = Date.parse('2026-03-01T12:00:00.000Z')

  it('is Pleo\'s time minus the midpoint of the round trip', () => {
    // Sent at 12:00:00.000, answered 800 ms later: Pleo most likely read its clock at 12:00:00.400.
    expect(clockSkewOf('Sun, 01 Mar 2026 12:02:00 GMT', sentAt, sentAt + 800)).toBe(120_000 - 400)
    expect(clockSkewOf('Sun, 01 Mar 2026 11:59:30 GMT', sentAt, sentAt + 200)).toBe(-30_000 - 100)
  })

  it('is unknown without a readable header', () => {
    expect(clockSkewOf(undefined, sentAt, sentAt + 10)).toBeUndefined()
    expect(clockSkewOf('yesterday-ish', sentAt, sentAt + 10)).toBeUndefined()
  })

  it('an answer gives a sample and a clock reading; one without Date gives the sample only', () => {
    const timing = { sentAt, headersAt: sentAt + 100, latencyMs: 120 }
    expect(measureAnswer({ status: 401, date: 'Sun, 01 Mar 2026 12:00:05 GMT', timing })).toEqual({
      sample: { at: '2026-03-01T12:00:00.000Z', statusClass: '4xx', status: 401, latencyMs: 120 },
      clock: { skewMs: 4950, measuredAt: '2026-03-01T12:00:00.100Z' },
    })
    expect(measureAnswer({ status: 200, timing })).toEqual({ sample: { at: '2026-03-01T12:00:00.000Z', statusClass: '2xx', status: 200, latencyMs: 120 } })
  })
})

describe('the checks a record keeps', () => {
  it(`keeps the last ${KEPT_CHECKS}, oldest first, and the last clock reading when a check had none`, () => {
    let current = record()
    for (let i = 0; i < 15; i++) {
      const measurement = measureAnswer({ status: 200 + i, ...(i === 3 && { date: new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString() }), timing: { sentAt: Date.UTC(2026, 0, 1, 0, 0, i), headersAt: Date.UTC(2026, 0, 1, 0, 0, i), latencyMs: i } })
      current = { ...current, ...withMeasurement(current, measurement) }
    }
    expect(current.recentChecks!.map(check => check.status)).toEqual([205, 206, 207, 208, 209, 210, 211, 212, 213, 214])
    expect(current.clock).toEqual({ skewMs: 7000, measuredAt: '2026-01-01T00:00:03.000Z' })
  })

  it('a check that sent nothing changes nothing', () => {
    expect(withMeasurement(record({ recentChecks: [{ at: 'x', statusClass: '2xx', status: 200, latencyMs: 1 }] }), undefined)).toEqual({})
  })
})

describe('the state history of a report', () => {
  let n = 0
  const event = (type: string, state: AuditEvent['state'], extra: Partial<AuditEvent> = {}): AuditEvent => ({ id: `e${++n}`, at: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(), type: type as AuditEvent['type'], tenantId: 't', actor: 'a', state, ...extra })

  it('lists changes of state and of the key, oldest first, and leaves out checks that changed nothing', () => {
    const trail = [
      event('connected', 'connected'),
      event('verified', 'connected'),
      event('check_failed', 'connected', { code: 'pleo_unreachable' }),
      event('action_required', 'action_required', { code: 'key_rejected', variant: 'stopped_working' }),
      event('check_failed', 'action_required', { code: 'pleo_unavailable' }),
      event('key_replaced', 'connected'),
      event('key_compared', undefined),
    ]
    // The events route answers newest first.
    expect(stateHistoryOf([...trail].reverse())).toEqual([
      { at: trail[0]!.at, state: 'connected', type: 'connected' },
      { at: trail[3]!.at, state: 'action_required', type: 'action_required', code: 'key_rejected', variant: 'stopped_working' },
      { at: trail[5]!.at, state: 'connected', type: 'key_replaced' },
    ])
  })
})

describe('Pleo\'s Date header through the HTTP client', () => {
  const pleo = createFakePleo({ clockSkewMs: 90_000 })
  let url = ''
  let close: () => Promise<void>
  beforeAll(async () => {
    ({ url, close } = await pleo.listen(0))
  })
  afterAll(() => close())

  it('the client hands the header and the timing on, and the skew comes out as the fake\'s clock is set', async () => {
    const client = createPleoClient({ baseUrl: url, apiKey: DEMO_KEYS.valid, timeout: 2000 })
    const ahead = measureAnswer(await client.request('GET', '/v1/installations/me'))
    // The header counts whole seconds: the figure is the skew to within a second.
    expect(ahead.clock!.skewMs).toBeGreaterThan(89_000)
    expect(ahead.clock!.skewMs).toBeLessThan(90_100)
    pleo.setClockSkew(-45_000)
    const behind = measureAnswer(await client.request('GET', '/v1/installations/me'))
    expect(behind.clock!.skewMs).toBeGreaterThan(-46_000)
    expect(behind.clock!.skewMs).toBeLessThan(-44_900)
    expect(behind.sample).toMatchObject({ statusClass: '4xx', status: 404 })
  })

  it('the control route sets the clock too, and a reset restores the option\'s', async () => {
    const set = await fetch(`${url}/__fake/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ skewMs: -3_600_000 }) })
    expect(set.status).toBe(200)
    const behind = Date.parse((await fetch(`${url}/v1/introspect`)).headers.get('date')!)
    expect(Date.now() - behind).toBeGreaterThan(3_590_000)
    expect((await fetch(`${url}/__fake/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"skewMs":"soon"}' })).status).toBe(400)
    pleo.reset()
    const ahead = Date.parse((await fetch(`${url}/v1/introspect`)).headers.get('date')!)
    expect(ahead - Date.now()).toBeGreaterThan(88_000)
  })
})
