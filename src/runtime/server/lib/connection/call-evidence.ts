import type { CallFailureKind } from '../../../shared/call-failures'
import type { ConnectionProblem } from '../../../shared/schemas'

export type CallEvidence = NonNullable<ConnectionProblem['evidence']>

/** Operations listed in the evidence (the most failed first); the total count covers all. */
const KEPT_OPERATIONS = 10
/** Keys remembered per instance; the oldest goes first (a Map keeps insertion order). */
const KEPT_KEYS = 10_000

interface TenantCalls {
  lastSuccessAt?: string
  firstFailedAt?: string
  failedCalls: number
  /** `operation` → kind → count, since the last success. */
  failures: Map<string, Map<CallFailureKind, number>>
}

/**
 * What the app's own calls through usePleoClient met, per tenant and key, on this instance, in memory: the last call that
 * worked and, since then, the failed ones by operation (method and path template, never a query or a body) and kind.
 * It is written into a problem only when a check of the key confirms that the connection broke, so a healthy app
 * pays no storage write per call.
 */
const calls = new Map<string, TenantCalls>()

/** Whose calls: a tenant's, with one key (evidence belongs to the key it was gathered with). */
export interface CallSubject {
  tenantId: string
  keyId?: string
}

/** The map key of a subject: what the evidence and the confirming check are kept under. */
export const slotOf = ({ tenantId, keyId }: CallSubject) => `${tenantId}\u0000${keyId ?? ''}`

function remember(subject: CallSubject, entry: TenantCalls): TenantCalls {
  const slot = slotOf(subject)
  calls.delete(slot)
  calls.set(slot, entry)
  if (calls.size > KEPT_KEYS) calls.delete(calls.keys().next().value!)
  return entry
}

/** The kind of a failed answer; a call Pleo never answered is `unreachable`. */
export function failureKindOf(status: number): CallFailureKind {
  if (status === 401) return 'rejected'
  if (status === 403) return 'forbidden'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'unavailable'
  return 'failed'
}

export function noteCallSucceeded(subject: CallSubject, at = new Date()): void {
  remember(subject, { lastSuccessAt: at.toISOString(), failedCalls: 0, failures: new Map() })
}

export function noteCallFailed(subject: CallSubject, operation: string, kind: CallFailureKind, at = new Date()): void {
  const entry = calls.get(slotOf(subject)) ?? remember(subject, { failedCalls: 0, failures: new Map() })
  entry.firstFailedAt ??= at.toISOString()
  entry.failedCalls++
  const kinds = entry.failures.get(operation) ?? new Map<CallFailureKind, number>()
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
  entry.failures.set(operation, kinds)
}

/** The evidence for a problem that a check of the key (at `confirmedAt`) confirmed. */
export function callEvidence(subject: CallSubject, confirmedAt: string): CallEvidence {
  const entry = calls.get(slotOf(subject))
  const failures = [...(entry?.failures ?? [])]
    .flatMap(([operation, kinds]) => [...kinds].map(([kind, count]) => ({ operation, kind, count })))
    .sort((a, b) => b.count - a.count)
    .slice(0, KEPT_OPERATIONS)
  return {
    ...(entry?.lastSuccessAt && { lastSuccessfulCallAt: entry.lastSuccessAt }),
    ...(entry?.firstFailedAt && { firstFailedCallAt: entry.firstFailedAt }),
    failedCalls: entry?.failedCalls ?? 0,
    failures,
    confirmedBy: { at: confirmedAt },
  }
}
