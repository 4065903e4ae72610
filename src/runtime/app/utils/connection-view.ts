import { PROGRESS_STEPS, type ValidationStep } from '../../shared/error-codes'
import { KEY_HINT_PATTERN, SCOPE_NAME_PATTERN } from '../../shared/patterns'
import type { ConnectionView } from '../../shared/schemas'
import { CONNECTION_STATES } from '../../shared/states'
import { CALL_FAILURE_KINDS } from '../../shared/call-failures'
import { LEAK_DRILL_STEPS, type LeakDrillStep } from '../../shared/leak-drill-steps'

const STATES = new Set<string>(CONNECTION_STATES)

/**
 * Copies only the fields of the connection view the UI knows. The server already strips everything else; this
 * keeps the store (whose state goes into the SSR payload) to that shape even if a response ever carried more.
 */
export function pickConnectionView(value: unknown): ConnectionView | null {
  const raw = value as Partial<Record<keyof ConnectionView, unknown>> | null
  if (!raw || typeof raw !== 'object' || typeof raw.state !== 'string' || !STATES.has(raw.state)) return null
  const view: ConnectionView = {
    state: raw.state as ConnectionView['state'],
    keyType: raw.keyType === 'integrated' ? 'integrated' : 'standalone',
    environment: raw.environment === 'staging' ? 'staging' : 'production',
  }
  const company = raw.company as { id?: unknown, name?: unknown } | undefined
  if (company && typeof company.id === 'string') {
    view.company = typeof company.name === 'string' ? { id: company.id, name: company.name } : { id: company.id }
  }
  // A hint is the mask and at most four characters; anything longer is not shown.
  if (typeof raw.keyHint === 'string' && KEY_HINT_PATTERN.test(raw.keyHint)) view.keyHint = raw.keyHint
  const installation = raw.installation as { id?: unknown, status?: unknown } | undefined
  if (installation && typeof installation.id === 'string' && typeof installation.status === 'string') {
    view.installation = { id: installation.id, status: installation.status }
  }
  for (const name of ['connectedAt', 'keyReplacedAt', 'lastVerifiedAt', 'keyExpiresAt'] as const) {
    if (typeof raw[name] === 'string') view[name] = raw[name]
  }
  const problem = raw.problem as { code?: unknown, variant?: unknown, message?: unknown, action?: unknown, operation?: unknown, missingScopes?: unknown } | undefined
  if (problem && typeof problem.code === 'string') {
    view.problem = { code: problem.code, message: String(problem.message ?? ''), action: String(problem.action ?? '') }
    if (typeof problem.variant === 'string') view.problem.variant = problem.variant
    if (typeof problem.operation === 'string') view.problem.operation = problem.operation
    const missingScopes = scopeNames(problem.missingScopes)
    if (missingScopes?.length) view.problem.missingScopes = missingScopes
    const evidence = pickEvidence((problem as { evidence?: unknown }).evidence)
    if (evidence) view.problem.evidence = evidence
  }
  const progress = raw.progress as { step?: unknown, startedAt?: unknown } | undefined
  if (progress && typeof progress.startedAt === 'string') {
    view.progress = PROGRESS_STEPS.includes(progress.step as ValidationStep) ? { startedAt: progress.startedAt, step: progress.step as ValidationStep } : { startedAt: progress.startedAt }
  }
  if (Array.isArray(raw.missingPermissions)) {
    view.missingPermissions = raw.missingPermissions
      .filter((gap): gap is { operation: string, seenAt: string } => typeof gap?.operation === 'string' && typeof gap?.seenAt === 'string')
      .map(({ operation, seenAt }) => ({ operation, seenAt }))
  }
  const scopes = scopeNames(raw.scopes)
  if (scopes) view.scopes = scopes
  // The standby is its hint and until when; the drill its times and step. Nothing else of either is kept.
  const standby = raw.standby as { keyHint?: unknown, until?: unknown } | undefined
  if (standby && typeof standby.keyHint === 'string' && KEY_HINT_PATTERN.test(standby.keyHint)) {
    view.standby = typeof standby.until === 'string' ? { keyHint: standby.keyHint, until: standby.until } : { keyHint: standby.keyHint }
  }
  const drill = raw.leakDrill as { startedAt?: unknown, step?: unknown, oldKeyAliveAt?: unknown } | undefined
  if (drill && typeof drill.startedAt === 'string' && LEAK_DRILL_STEPS.includes(drill.step as LeakDrillStep)) {
    view.leakDrill = { startedAt: drill.startedAt, step: drill.step as LeakDrillStep, ...(typeof drill.oldKeyAliveAt === 'string' && { oldKeyAliveAt: drill.oldKeyAliveAt }) }
  }
  const incident = pickIncident(raw.incident)
  if (incident) view.incident = incident
  return view
}

/** An open incident: its id and time, and the calls waiting by operation (counts and times only). */
function pickIncident(value: unknown): ConnectionView['incident'] {
  const raw = value as { id?: unknown, openedAt?: unknown, blockedWork?: { calls?: unknown, since?: unknown, operations?: unknown } } | undefined
  const blocked = raw?.blockedWork
  if (typeof raw?.id !== 'string' || typeof raw.openedAt !== 'string' || typeof blocked?.calls !== 'number' || !Array.isArray(blocked.operations)) return undefined
  const operations = (blocked.operations as Array<{ operation?: unknown, count?: unknown, firstAt?: unknown, lastAt?: unknown }>)
    .filter(entry => typeof entry?.operation === 'string' && typeof entry.count === 'number' && typeof entry.firstAt === 'string' && typeof entry.lastAt === 'string')
    .map(entry => ({ operation: entry.operation as string, count: entry.count as number, firstAt: entry.firstAt as string, lastAt: entry.lastAt as string }))
  return { id: raw.id, openedAt: raw.openedAt, blockedWork: { calls: blocked.calls, ...(typeof blocked.since === 'string' && { since: blocked.since }), operations } }
}

type Evidence = NonNullable<NonNullable<ConnectionView['problem']>['evidence']>
const FAILURE_KINDS = new Set<string>(CALL_FAILURE_KINDS)

/** The evidence of a confirmed problem: times, counts, and operations as method and path template. */
function pickEvidence(value: unknown): Evidence | undefined {
  const raw = value as { lastSuccessfulCallAt?: unknown, firstFailedCallAt?: unknown, failedCalls?: unknown, failures?: unknown, confirmedBy?: { at?: unknown } } | undefined
  if (!raw || typeof raw.failedCalls !== 'number' || typeof raw.confirmedBy?.at !== 'string' || !Array.isArray(raw.failures)) return undefined
  const failures = (raw.failures as Array<{ operation?: unknown, kind?: unknown, count?: unknown }>)
    .filter(failure => typeof failure?.operation === 'string' && FAILURE_KINDS.has(failure.kind as string) && typeof failure.count === 'number')
    .map(failure => ({ operation: failure.operation as string, kind: failure.kind as Evidence['failures'][number]['kind'], count: failure.count as number }))
  return {
    ...(typeof raw.lastSuccessfulCallAt === 'string' && { lastSuccessfulCallAt: raw.lastSuccessfulCallAt }),
    ...(typeof raw.firstFailedCallAt === 'string' && { firstFailedCallAt: raw.firstFailedCallAt }),
    failedCalls: raw.failedCalls,
    failures,
    confirmedBy: { at: raw.confirmedBy.at },
  }
}

/** A list of Pleo scope names (`expenses:read`), or `undefined` when it is not one. */
export function scopeNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined
  return value.filter((scope): scope is string => typeof scope === 'string' && SCOPE_NAME_PATTERN.test(scope))
}
