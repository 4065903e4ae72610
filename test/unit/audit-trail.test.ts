import { describe, expect, it } from 'vitest'
import { appendToTrail } from '../../src/runtime/server/lib/connection/audit-trail'
import type { AuditEvent } from '../../src/runtime/server/lib/records'

let clock = 0
const event = (type: AuditEvent['type'], extra: Partial<AuditEvent> = {}): AuditEvent => ({ id: `e${++clock}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString(), type, tenantId: 't', actor: 'admin@example.test', ...extra })

describe('the audit trail', () => {
  it('205 checks in a row keep every change of state, and take one line while their outcome does not change', () => {
    let trail: AuditEvent[] = [event('connected', { state: 'connected' }), event('key_replaced', { state: 'connected' })]
    for (let i = 0; i < 205; i++) trail = appendToTrail(trail, event('verified', { state: 'connected' }))
    expect(trail.map(entry => entry.type)).toEqual(['connected', 'key_replaced', 'verified'])
    expect(trail[2]).toMatchObject({ repeated: 205, firstAt: '2026-01-01T00:00:03.000Z' })
  })

  it('a different outcome starts a new line; checks are trimmed apart from changes, which are never pushed out by them', () => {
    let trail: AuditEvent[] = [event('connected', { state: 'connected' })]
    for (let i = 0; i < 300; i++) trail = appendToTrail(trail, event(i % 2 ? 'verified' : 'check_failed', { code: i % 2 ? undefined : 'pleo_unreachable', state: 'connected' }))
    expect(trail[0]!.type).toBe('connected')
    expect(trail.filter(entry => entry.type !== 'connected')).toHaveLength(50)
    for (let i = 0; i < 250; i++) trail = appendToTrail(trail, event('key_replaced', { state: 'connected' }))
    expect(trail.filter(entry => entry.type === 'key_replaced')).toHaveLength(200)
    expect(trail.filter(entry => entry.type === 'verified' || entry.type === 'check_failed')).toHaveLength(50)
  })
})
