import type { BlockedWork } from '../../../shared/schemas'
import type { CallEvidence, CallSubject } from './call-evidence'
import { callEvidence, slotOf } from './call-evidence'
import { useConnectionStores } from '../storage/stores'
import { logger } from '../logger'

/** Operations listed (the most failed first); `calls` counts all. */
const KEPT_OPERATIONS = 20
/** Keys with an incident remembered per instance; the oldest goes first. */
const KEPT_KEYS = 10_000
/** Failed calls are written to the incident at most this often per key and instance: one write, not one per call. */
const FLUSH_AFTER_MS = 2_000

interface Calls { count: number, firstAt: string, lastAt: string }
type Counts = Map<string, Calls>

/** Keys (tenant and key id) this instance knows to have an open incident: their failed calls are blocked work. */
const withIncident = new Set<string>()
/** Blocked calls not yet written to the incident, per key. */
const pending = new Map<string, Counts>()
const flushTimers = new Map<string, ReturnType<typeof setTimeout>>()

/** From now on, failed calls of this key count as blocked work (an incident is open or being opened). */
export function markIncidentOpen(subject: CallSubject): void {
  const slot = slotOf(subject)
  withIncident.delete(slot)
  withIncident.add(slot)
  if (withIncident.size > KEPT_KEYS) withIncident.delete(withIncident.values().next().value!)
}

/**
 * This instance learns (from the stored record) of an incident another instance opened: the calls it saw fail since
 * its last working call, before it knew, join the blocked work; from now on each failed call does.
 */
export function learnOfIncident(subject: CallSubject): void {
  if (hasIncidentOpen(subject)) return
  markIncidentOpen(subject)
  const failedBefore = callEvidence(subject, new Date().toISOString())
  if (failedBefore.failedCalls) addBlockedWork(subject, blockedWorkFromEvidence(failedBefore))
}

export function markIncidentClosed(subject: CallSubject): void {
  withIncident.delete(slotOf(subject))
}

export function hasIncidentOpen(subject: CallSubject): boolean {
  return withIncident.has(slotOf(subject))
}

/**
 * A call of the app's own code that failed while the key's incident was open: counted by operation (never a body,
 * a query or a key) and written to the incident shortly after, together with the other calls failing meanwhile.
 */
export function noteBlockedCall(subject: CallSubject, operation: string, at = new Date()): void {
  const seen = at.toISOString()
  addToPending(subject, operation, { count: 1, firstAt: seen, lastAt: seen })
}

/** Calls counted elsewhere (this instance's evidence of an incident another instance opened) join the blocked work. */
export function addBlockedWork(subject: CallSubject, work: BlockedWork): void {
  for (const { operation, ...calls } of work.operations) addToPending(subject, operation, calls)
}

function addToPending(subject: CallSubject, operation: string, calls: { count: number, firstAt: string, lastAt: string }) {
  const slot = slotOf(subject)
  const counts = pending.get(slot) ?? new Map()
  pending.set(slot, counts)
  const seen = counts.get(operation)
  counts.set(operation, seen ? mergeCounts(seen, calls) : calls)
  if (flushTimers.has(slot)) return
  const timer = setTimeout(() => {
    flushTimers.delete(slot)
    void flushBlockedWork(subject).catch(() => logger.warn('could not write the blocked calls of an incident; they are written at the next flush'))
  }, FLUSH_AFTER_MS)
  timer.unref?.()
  flushTimers.set(slot, timer)
}

/** Takes the key's blocked calls not yet written (the caller writes them into the incident it closes or updates). */
export function takePendingBlockedWork(subject: CallSubject): BlockedWork {
  const slot = slotOf(subject)
  const counts = pending.get(slot)
  pending.delete(slot)
  clearTimeout(flushTimers.get(slot))
  flushTimers.delete(slot)
  return toBlockedWork(counts ?? new Map())
}

/** Writes the key's pending blocked calls into its open incident; kept for the next flush if the write fails. */
export async function flushBlockedWork(subject: CallSubject): Promise<void> {
  const delta = takePendingBlockedWork(subject)
  if (!delta.calls) return
  try {
    await useConnectionStores().connections.update(subject.tenantId, current =>
      current?.value.incident && current.value.keyId === subject.keyId
        ? { ...current.value, incident: { ...current.value.incident, blockedWork: mergeBlockedWork(current.value.incident.blockedWork, delta) } }
        : undefined)
  }
  catch (error) {
    for (const { operation, ...calls } of delta.operations) addToPending(subject, operation, calls)
    throw error
  }
}

/** The calls that led to an incident, as its first blocked work: they failed for the same reason. */
export function blockedWorkFromEvidence(evidence: CallEvidence | undefined): BlockedWork {
  if (!evidence) return toBlockedWork(new Map())
  const calls = { firstAt: evidence.firstFailedCallAt ?? evidence.confirmedBy.at, lastAt: evidence.confirmedBy.at }
  const counts: Counts = new Map()
  for (const { operation, count } of evidence.failures) counts.set(operation, mergeCounts(counts.get(operation) ?? { ...calls, count: 0 }, { ...calls, count }))
  return { ...toBlockedWork(counts), calls: evidence.failedCalls }
}

export function mergeBlockedWork(a: BlockedWork, b: BlockedWork): BlockedWork {
  const counts: Counts = new Map()
  for (const { operation, ...calls } of [...a.operations, ...b.operations]) {
    const seen = counts.get(operation)
    counts.set(operation, seen ? mergeCounts(seen, calls) : calls)
  }
  // Operations dropped from the list still count in `calls` and `since`.
  const since = [a.since, b.since].filter(Boolean).sort()[0]
  return { ...toBlockedWork(counts), calls: a.calls + b.calls, ...(since && { since }) }
}

function mergeCounts(a: Calls, b: Calls): Calls {
  return { count: a.count + b.count, firstAt: a.firstAt < b.firstAt ? a.firstAt : b.firstAt, lastAt: a.lastAt > b.lastAt ? a.lastAt : b.lastAt }
}

function toBlockedWork(counts: Counts): BlockedWork {
  const operations = [...counts].map(([operation, entry]) => ({ operation, ...entry }))
  const since = operations.map(entry => entry.firstAt).sort()[0]
  return {
    calls: operations.reduce((sum, entry) => sum + entry.count, 0),
    ...(since && { since }),
    operations: operations.sort((x, y) => y.count - x.count).slice(0, KEPT_OPERATIONS),
  }
}
