import type { ConnectionRecord } from '../records'
import { useConnectionStores } from '../storage/stores'
import { clientForRecord } from '../pleo/stored-key-client'
import { recordEvent } from './audit-trail'
import type { CheckOutcome } from './health-check'
import { checkInstallation } from './health-check'
import { shortFingerprint } from './known-keys'
import { asStandbyRecord, usableStandby } from './standby'
import { callEvidence } from './call-evidence'
import { closeIncident, openIncident, pendingCallsOf, reportIncidentOpened, reportIncidentResolved } from './incidents'

/** A check's finding that the key itself is refused (401/403), which a standby may cover; not an inactive installation. */
export function isKeyRefused(outcome: CheckOutcome): boolean {
  return outcome.kind === 'action_required' && (outcome.problem.code === 'key_rejected' || outcome.problem.code === 'key_lacks_permission')
}

/**
 * The new key was refused while a handover standby stands by: the standby is checked with Pleo once and, if it
 * works, put back in force in one compare-and-set on both key ids (of several instances only one falls back; the
 * others find the key changed). The failed new key is destroyed, not kept, and the standby is used up: at most one
 * fallback per standby, never back and forth. Audited as `standby_fallback` (hook `pleo-connect:standby-fallback`).
 * Answers the record now in force, or `undefined` when there was nothing to fall back to (the caller records the
 * refusal as usual).
 */
export async function fallBackToStandby(tenantId: string, failed: ConnectionRecord, refusal: CheckOutcome, actor: string): Promise<ConnectionRecord | undefined> {
  const standby = usableStandby(failed)
  if (!standby || refusal.kind !== 'action_required' || !isKeyRefused(refusal)) return undefined
  const candidate = asStandbyRecord(failed, standby)
  const outcome = await checkInstallation(await clientForRecord(tenantId, candidate), candidate).catch(() => undefined)
  if (outcome?.kind !== 'ok') return undefined

  const now = new Date().toISOString()
  // Loudly: the new key's breakage is an incident (unless one is open already), which the fallback resolves at once.
  const problem = { ...refusal.problem, evidence: callEvidence({ tenantId, keyId: failed.keyId }, now) }
  const pendingCalls = pendingCallsOf(tenantId, failed)
  let incidentOfFailedKey: ConnectionRecord['incident']
  const written = await useConnectionStores().connections.update(tenantId, (current) => {
    if (!current || current.value.keyId !== failed.keyId || current.value.standby?.keyId !== standby.keyId) return undefined
    const { standby: _usedUp, problem: _cleared, missingPermissions: _ofTheFailedKey, scopes: _scopes, keyExpiresAt: _expiry, incident: _open, keySavedBy: _savedNewKey, ...rest } = current.value
    incidentOfFailedKey = current.value.incident ?? openIncident(problem, now)
    return {
      ...rest,
      ...closeIncident({ ...current.value, incident: incidentOfFailedKey }, pendingCalls, now),
      state: 'connected',
      keyId: standby.keyId,
      sealedKey: standby.sealedKey,
      keyHint: standby.keyHint,
      keyFingerprint: standby.fingerprint,
      installation: outcome.installation,
      organisationKey: standby.organisationKey,
      ...(standby.scopes && { scopes: standby.scopes }),
      ...(standby.keyExpiresAt && { keyExpiresAt: standby.keyExpiresAt }),
      keySavedBy: standby.savedBy,
      lastVerifiedAt: now,
      updatedAt: now,
    } satisfies ConnectionRecord
  })
  if (!written) return undefined
  const failedWithIncident: ConnectionRecord = { ...failed, state: 'action_required', problem, incident: incidentOfFailedKey }
  if (!failed.incident) await reportIncidentOpened(tenantId, failedWithIncident, actor)
  await recordEvent({
    type: 'standby_fallback',
    tenantId,
    actor,
    companyId: failed.company?.id,
    ...(standby.keyHint && { keyHint: standby.keyHint }),
    ...(standby.fingerprint && { keyFingerprint: shortFingerprint(standby.fingerprint) }),
    ...(failed.keyHint && { previousKeyHint: failed.keyHint }),
    ...(failed.keyFingerprint && { previousKeyFingerprint: shortFingerprint(failed.keyFingerprint) }),
    // Why the new key was given up: Pleo refused it (401) or refused it the installation (403).
    code: refusal.problem.code,
    ...(refusal.problem.variant && { variant: refusal.problem.variant }),
    state: 'connected',
  })
  await reportIncidentResolved(tenantId, written.value, actor, 'standby_fallback', failedWithIncident)
  return written.value
}
