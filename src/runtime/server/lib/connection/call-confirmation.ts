import type { PleoClient } from '../pleo/http-client'
import type { ConnectionRecord } from '../records'
import { callEvidence, slotOf } from './call-evidence'
import { applyCheckOutcome, checkInstallation, writeCheckOutcome } from './health-check'
import { addBlockedWork, blockedWorkFromEvidence, hasIncidentOpen, markIncidentOpen } from './blocked-work'
import { fallBackToStandby } from './standby-fallback'

/** After a check, further refusals of the same key wait this long before the next one (the state already says). */
const CONFIRM_INTERVAL_MS = 30_000

const running = new Map<string, Promise<void>>()
/** Keys checked within the interval; each entry removes itself when the interval is over. */
const recentlyChecked = new Set<string>()

/**
 * A 401 or 403 on a call of the app's own code is confirmed by one check of the stored key itself before the
 * connection changes state: one per tenant and key at a time, and none again within CONFIRM_INTERVAL_MS, however
 * many calls fail meanwhile. A problem it confirms carries the evidence of the calls. A key refused within the
 * standby window of a replacement falls back to the previous key instead, once (`fallBackToStandby`).
 */
export function confirmWithKeyCheck(tenantId: string, record: ConnectionRecord, pleo: PleoClient): Promise<void> {
  const slot = slotOf({ tenantId, keyId: record.keyId })
  const pending = running.get(slot)
  if (pending) return pending
  if (recentlyChecked.has(slot)) return Promise.resolve()
  const check = runCheck(tenantId, record, pleo).finally(() => {
    running.delete(slot)
    recentlyChecked.add(slot)
    setTimeout(() => recentlyChecked.delete(slot), CONFIRM_INTERVAL_MS).unref?.()
  })
  running.set(slot, check)
  return check
}

async function runCheck(tenantId: string, record: ConnectionRecord, pleo: PleoClient): Promise<void> {
  const outcome = await checkInstallation(pleo, record)
  if (await fallBackToStandby(tenantId, record, outcome, 'system:api-call')) return
  const subject = { tenantId, keyId: record.keyId }
  if (outcome.kind !== 'action_required') {
    await applyCheckOutcome(tenantId, record, outcome, { actor: 'system:api-call', auditEvery: false })
    return
  }
  const knewOfIncident = hasIncidentOpen(subject)
  // In the same tick as the evidence is read: a call that failed before is evidence, one that fails after is blocked work.
  markIncidentOpen(subject)
  // Read once the check has answered: calls that failed while it ran count too.
  const evidence = callEvidence(subject, new Date().toISOString())
  const { record: written, openedIncident } = await writeCheckOutcome(tenantId, record, { ...outcome, problem: { ...outcome.problem, evidence } }, { actor: 'system:api-call', auditEvery: false })
  // Another instance opened the incident (with its own calls): this instance's failed calls join its blocked work.
  if (written?.incident && !openedIncident && !knewOfIncident) addBlockedWork(subject, blockedWorkFromEvidence(evidence))
}
