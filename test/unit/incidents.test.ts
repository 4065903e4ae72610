import { describe, expect, it } from 'vitest'
import { INCIDENT_REMINDER_HOURS, reminderDueAt } from '../../src/runtime/shared/incident-reminders'
import { blockedWorkFromEvidence, hasIncidentOpen, learnOfIncident, mergeBlockedWork, noteBlockedCall, takePendingBlockedWork } from '../../src/runtime/server/lib/connection/blocked-work'
import { noteCallFailed } from '../../src/runtime/server/lib/connection/call-evidence'

const openedAt = '2026-12-03T09:00:00.000Z'
const hoursAfter = (due: number) => (due - Date.parse(openedAt)) / 3_600_000

describe('the reminders of an open incident', () => {
  it('come 1 h, 6 h and 24 h after it opened, then once a day', () => {
    const due = [0, 1, 2, 3, 4, 5].map(remindersSent => hoursAfter(reminderDueAt({ openedAt, remindersSent })))
    expect(INCIDENT_REMINDER_HOURS).toEqual([1, 6, 24])
    expect(due).toEqual([1, 6, 24, 48, 72, 96])
  })

  it('follow the hours the option sets', () => {
    expect([0, 1, 2].map(remindersSent => hoursAfter(reminderDueAt({ openedAt, remindersSent }, [2, 12])))).toEqual([2, 12, 36])
  })
})

describe('the blocked work of an incident', () => {
  it('starts with the calls that led to it, by operation, whatever their kind', () => {
    const work = blockedWorkFromEvidence({
      firstFailedCallAt: '2026-12-03T09:00:00.000Z',
      failedCalls: 5,
      failures: [{ operation: 'GET /v1/tags', kind: 'rejected', count: 3 }, { operation: 'GET /v1/tags', kind: 'unavailable', count: 1 }, { operation: 'POST /v1/export-jobs', kind: 'rejected', count: 1 }],
      confirmedBy: { at: '2026-12-03T09:00:05.000Z' },
    })
    expect(work).toEqual({
      calls: 5,
      since: '2026-12-03T09:00:00.000Z',
      operations: [
        { operation: 'GET /v1/tags', count: 4, firstAt: '2026-12-03T09:00:00.000Z', lastAt: '2026-12-03T09:00:05.000Z' },
        { operation: 'POST /v1/export-jobs', count: 1, firstAt: '2026-12-03T09:00:00.000Z', lastAt: '2026-12-03T09:00:05.000Z' },
      ],
    })
    expect(blockedWorkFromEvidence(undefined)).toEqual({ calls: 0, operations: [] })
  })

  it('adds counts per operation, keeps the first and last time, and the earliest start', () => {
    const a = { calls: 2, since: '2026-12-03T09:00:00.000Z', operations: [{ operation: 'GET /v1/tags', count: 2, firstAt: '2026-12-03T09:00:00.000Z', lastAt: '2026-12-03T09:01:00.000Z' }] }
    const b = { calls: 3, since: '2026-12-03T09:02:00.000Z', operations: [{ operation: 'GET /v1/tags', count: 1, firstAt: '2026-12-03T09:02:00.000Z', lastAt: '2026-12-03T09:02:00.000Z' }, { operation: 'POST /v1/export-jobs', count: 2, firstAt: '2026-12-03T09:02:00.000Z', lastAt: '2026-12-03T09:03:00.000Z' }] }
    expect(mergeBlockedWork(a, b)).toEqual({
      calls: 5,
      since: '2026-12-03T09:00:00.000Z',
      operations: [
        { operation: 'GET /v1/tags', count: 3, firstAt: '2026-12-03T09:00:00.000Z', lastAt: '2026-12-03T09:02:00.000Z' },
        { operation: 'POST /v1/export-jobs', count: 2, firstAt: '2026-12-03T09:02:00.000Z', lastAt: '2026-12-03T09:03:00.000Z' },
      ],
    })
  })
})

describe('an instance that learns of an incident another instance opened', () => {
  it('counts the calls it saw fail before it knew, once, and each failed call after', () => {
    const subject = { tenantId: 'learns', keyId: 'key-1' }
    noteCallFailed(subject, 'POST /v1/export-jobs', 'rejected')
    noteCallFailed(subject, 'POST /v1/export-jobs', 'rejected')
    expect(hasIncidentOpen(subject)).toBe(false)
    learnOfIncident(subject)
    learnOfIncident(subject)
    expect(hasIncidentOpen(subject)).toBe(true)
    noteBlockedCall(subject, 'GET /v1/tags')
    const pending = takePendingBlockedWork(subject)
    expect(pending.calls).toBe(3)
    expect(Object.fromEntries(pending.operations.map(entry => [entry.operation, entry.count]))).toEqual({ 'POST /v1/export-jobs': 2, 'GET /v1/tags': 1 })
    expect(takePendingBlockedWork(subject).calls).toBe(0)
  })
})
