import { formatMessage } from '../../../shared/i18n/catalogue'
import { en } from '../../../shared/i18n/en'
import type { ConnectionProblem, ConnectionView } from '../../../shared/schemas'
import type { PleoAccess } from '../http/access-policy'
import { recordEvent } from './audit-trail'
import type { AuditEventType, ConnectionRecord } from '../records'
import { expiredByDateProblem, hasExpiredByDate, toConnectionView } from './view'
import { PleoConnectError, problemOf } from '../errors'
import type { PleoClient, PleoResponse } from '../pleo/http-client'
import { useModuleConfig } from '../config'
import { useConnectionStores, useCoordination } from '../storage/stores'
import { updateFromKnown, type Change } from '../storage/record-store'
import { errorForPleoStatus } from '../pleo/status-map'
import { encodeTenantId } from '../tenant-id'
import { clientForRecord, installationQuery } from '../pleo/stored-key-client'
import { assertPleoNotHoldingOff, holdOffPleo, withValidationSlot } from './validation-slot'
import { fingerprintField } from './known-keys'
import { closeIncident, openIncident, pendingCallsOf, reportIncidentOpened, reportIncidentResolved } from './incidents'
import { measureAnswer, measureNoAnswer, withMeasurement, type CheckMeasurement } from './check-samples'

/**
 * What a check of a stored key found: it works, Pleo is in trouble (state kept), or the admin must act; with what
 * the call to Pleo measured (status class, latency, Pleo's clock), absent when no call was made.
 */
export type CheckOutcome
  = | { kind: 'ok', installation: { id: string, status: string }, measurement?: CheckMeasurement }
    | { kind: 'transient' | 'action_required', problem: ConnectionProblem, retryAfter?: number, measurement?: CheckMeasurement }

/**
 * Checks the stored key against Pleo now (the admin's "Check connection"). 401/403 or an inactive installation
 * mean the admin must act; network trouble, 429 and 5xx are recorded but leave the state as it was.
 */
export async function verifyConnection(access: PleoAccess): Promise<ConnectionView> {
  const { tenantId, actor } = access
  const checked = (await useConnectionStores().connections.read(tenantId))?.value
  if (!checked?.sealedKey) throw new PleoConnectError('not_connected')
  await assertPleoNotHoldingOff(checked.keyId ?? tenantId)
  // Each check spends the tenant's Pleo rate limit: one per cool-down, on any instance.
  const { verifyCooldownSeconds } = useModuleConfig()
  if (verifyCooldownSeconds > 0 && !await useCoordination().claimOnce(`verify-cooldown:${encodeTenantId(tenantId)}`, verifyCooldownSeconds * 1000)) {
    throw new PleoConnectError('too_many_attempts', { variant: 'check_cooldown', retryAfter: verifyCooldownSeconds })
  }
  const pleo = await clientForRecord(tenantId, checked)
  return withValidationSlot(tenantId, async () => {
    const outcome = await checkInstallation(pleo, checked)
    if (outcome.kind === 'transient' && outcome.problem.code === 'pleo_rate_limited' && outcome.retryAfter) await holdOffPleo(checked.keyId ?? tenantId, outcome.retryAfter)
    const record = await applyCheckOutcome(tenantId, checked, outcome, { actor, auditEvery: true })
    return toConnectionView(record)
  })
}

/**
 * What Pleo says of the stored key now. A key Pleo still accepts after the expiry date the admin entered can stop at
 * any moment: the admin must act then too.
 */
export async function checkInstallation(pleo: PleoClient, record: ConnectionRecord): Promise<CheckOutcome> {
  const outcome = await askPleoAboutInstallation(pleo, record)
  const { measurement } = outcome
  if (outcome.kind === 'ok' && hasExpiredByDate(record)) return { kind: 'action_required', problem: expiredByDateProblem(record.keyExpiresAt!), measurement }
  // Refused after the date the admin entered: the likeliest reason, said with the date rather than guessed at.
  if (outcome.kind === 'action_required' && outcome.problem.code === 'key_rejected' && hasExpiredByDate(record)) {
    return { ...actionRequired('key_rejected', 'expired', { date: record.keyExpiresAt!.slice(0, 10) }), measurement }
  }
  return outcome
}

async function askPleoAboutInstallation(pleo: PleoClient, record: ConnectionRecord): Promise<CheckOutcome> {
  const sentAt = Date.now()
  const started = performance.now()
  let response
  try {
    response = await pleo.request<{ id?: unknown, status?: unknown, errorCode?: unknown }>('GET', '/v1/installations/me', { query: installationQuery(record) })
  }
  catch (error) {
    return { kind: 'transient', problem: problemOf(error), measurement: measureNoAnswer(error, sentAt, performance.now() - started) }
  }
  return { ...outcomeOfAnswer(response), measurement: measureAnswer(response) }
}

function outcomeOfAnswer(response: PleoResponse<{ id?: unknown, status?: unknown, errorCode?: unknown }>): CheckOutcome {
  const { status, data } = response
  if (status === 200 && data && typeof data.id === 'string' && typeof data.status === 'string') {
    if (data.status === 'ACTIVATED') return { kind: 'ok', installation: { id: data.id, status: data.status } }
    return data.errorCode === 'NOT_ENTITLED' ? actionRequired('installation_not_entitled', 'not_active') : actionRequired('not_connected', 'not_active')
  }
  if (status === 404) return actionRequired('not_connected', 'uninstalled')
  const error = errorForPleoStatus(status, { retryAfter: response.retryAfter, whileConnected: true })
  if (error.code === 'key_rejected' || error.code === 'key_lacks_permission') return actionRequired(error.code, 'stopped_working')
  return { kind: 'transient', problem: problemOf(error), retryAfter: response.retryAfter }
}

function actionRequired(code: 'key_rejected' | 'key_lacks_permission' | 'installation_not_entitled' | 'not_connected', variant: string, params?: Record<string, string>): CheckOutcome {
  const problem = problemOf(new PleoConnectError(code, { variant, ...params && { params } }))
  // The words Pleo's guidelines suggest for a connection that stopped working, then why.
  return { kind: 'action_required', problem: { ...problem, message: formatMessage(en.problem.interruptedBecause, { reason: problem.message }) } }
}

const EVENT_FOR_OUTCOME: Record<CheckOutcome['kind'], AuditEventType> = {
  ok: 'verified',
  transient: 'check_failed',
  action_required: 'action_required',
}

/**
 * Writes a check's outcome, unless the key was replaced or removed since the check began (a check of an old key
 * says nothing about the new one). Audits every check an admin asked for, and only changes of state otherwise.
 */
export async function applyCheckOutcome(tenantId: string, checked: ConnectionRecord, outcome: CheckOutcome, options: CheckWriteOptions): Promise<ConnectionRecord | undefined> {
  return (await writeCheckOutcome(tenantId, checked, outcome, options)).record
}

interface CheckWriteOptions {
  actor: string
  auditEvery: boolean
  /**
   * The version `checked` was read at: the outcome is then written with one compare-and-set, with no read first
   * (and as before, on the fresh record, if it changed meanwhile).
   */
  readVersion?: number
}

/** `applyCheckOutcome`, also saying whether this write opened the incident (rather than another instance's). */
export async function writeCheckOutcome(tenantId: string, checked: ConnectionRecord, outcome: CheckOutcome, options: CheckWriteOptions): Promise<{ record?: ConnectionRecord, openedIncident: boolean }> {
  const now = new Date().toISOString()
  const store = useConnectionStores().connections
  let previous: ConnectionRecord | undefined
  // Taken before the write: the calls that failed meanwhile go into the incident this check may close.
  const pendingCalls = outcome.kind === 'ok' ? pendingCallsOf(tenantId, checked) : undefined
  const change: Change<ConnectionRecord> = (current) => {
    if (!current || current.value.keyId !== checked.keyId) return undefined
    previous = current.value
    const measured = withMeasurement(current.value, outcome.measurement)
    if (outcome.kind === 'transient') return { ...current.value, ...measured, problem: outcome.problem, updatedAt: now }
    if (outcome.kind === 'ok') {
      const { problem: _cleared, incident: _closed, ...rest } = current.value
      return { ...rest, ...measured, ...closeIncident(current.value, pendingCalls, now), state: 'connected', installation: outcome.installation, lastVerifiedAt: now, updatedAt: now }
    }
    // An incident opens when a working connection stops working, once: the instance whose write makes the change.
    const opens = current.value.state === 'connected' && !current.value.incident
    return { ...current.value, ...measured, state: 'action_required', problem: outcome.problem, ...(opens && { incident: openIncident(outcome.problem, now) }), lastVerifiedAt: now, updatedAt: now }
  }
  const written = options.readVersion === undefined
    ? await store.update(tenantId, change)
    : await updateFromKnown(store, tenantId, { version: options.readVersion, value: checked }, change)
  if (!written) return { record: (await store.read(tenantId))?.value, openedIncident: false }
  const record = written.value
  const openedIncident = Boolean(record.incident && !previous?.incident)
  if (options.auditEvery || record.state !== previous?.state) {
    await recordEvent({
      type: EVENT_FOR_OUTCOME[outcome.kind],
      tenantId,
      actor: options.actor,
      companyId: checked.company?.id,
      keyHint: checked.keyHint,
      ...fingerprintField(checked),
      ...(outcome.kind !== 'ok' && { code: outcome.problem.code, ...(outcome.problem.variant && { variant: outcome.problem.variant }) }),
      state: record.state,
    })
  }
  if (openedIncident) await reportIncidentOpened(tenantId, record, options.actor)
  if (previous?.incident && !record.incident) await reportIncidentResolved(tenantId, record, options.actor, 'working_again')
  return { record, openedIncident }
}

/** How many refused operations a connection remembers (the newest win). */
const KEPT_MISSING_PERMISSIONS = 20

/**
 * A call of the app's own code that Pleo refused with 403: the key lacks the permission for that operation, but the
 * connection itself works, so its state stays. The operation is listed (once) on the connection and audited when new.
 */
export async function recordMissingPermission(tenantId: string, checked: ConnectionRecord, operation: string): Promise<void> {
  const seenAt = new Date().toISOString()
  let isNew = false
  await useConnectionStores().connections.update(tenantId, (current) => {
    if (!current || current.value.keyId !== checked.keyId) return undefined
    const listed = current.value.missingPermissions ?? []
    isNew = !listed.some(gap => gap.operation === operation)
    const missingPermissions = [...listed.filter(gap => gap.operation !== operation), { operation, seenAt }].slice(-KEPT_MISSING_PERMISSIONS)
    return { ...current.value, missingPermissions, updatedAt: seenAt }
  })
  if (!isNew) return
  await recordEvent({ type: 'permission_missing', tenantId, actor: 'system:api-call', companyId: checked.company?.id, keyHint: checked.keyHint, ...fingerprintField(checked), code: 'key_lacks_permission', operation, state: checked.state })
}

/** The operation works now (the admin widened the key's permissions in Pleo): it is no longer listed. */
export async function clearMissingPermission(tenantId: string, checked: ConnectionRecord, operation: string): Promise<void> {
  if (!checked.missingPermissions?.some(gap => gap.operation === operation)) return
  await useConnectionStores().connections.update(tenantId, (current) => {
    if (!current || current.value.keyId !== checked.keyId) return undefined
    return { ...current.value, missingPermissions: (current.value.missingPermissions ?? []).filter(gap => gap.operation !== operation), updatedAt: new Date().toISOString() }
  })
}
