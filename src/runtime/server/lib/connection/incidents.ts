import { randomUUID } from 'node:crypto'
import type { BlockedWork, ConnectionProblem } from '../../../shared/schemas'
import type { ConnectionRecord, Incident } from '../records'
import { notifyListeners } from '../notify'
import { useConnectionStores } from '../storage/stores'
import { recordEvent } from './audit-trail'
import { blockedWorkFromEvidence, markIncidentClosed, markIncidentOpen, mergeBlockedWork, takePendingBlockedWork } from './blocked-work'
import { fingerprintField } from './known-keys'
import { INCIDENT_REMINDER_HOURS, reminderDueAt } from '../../../shared/incident-reminders'

export type IncidentResolution = 'working_again' | 'key_replaced' | 'disconnected' | 'standby_fallback'

/**
 * What the incident hooks receive: which incident, who saved the key, the evidence and the calls that are waiting.
 * Never a key: its hint and short fingerprint at most.
 */
export interface PleoIncidentNotice {
  tenantId: string
  incidentId: string
  openedAt: string
  /** The actor who saved the key in force (connected or replaced it). */
  connectedBy?: string
  companyId?: string
  keyHint?: string
  keyFingerprint?: string
  problem?: Pick<ConnectionProblem, 'code' | 'variant'>
  evidence?: Incident['evidence']
  /** Calls of the app's own code that failed while it was open, by operation: what the app may do again. */
  blockedWork: BlockedWork
  /** `incident-reminder`: which reminder (1, 2, …). */
  reminder?: number
  /** `incident-resolved`: when and how. */
  resolvedAt?: string
  resolution?: IncidentResolution
}

/** The incident a working connection opens when a check finds it stopped working (inside its compare-and-set). */
export function openIncident(problem: ConnectionProblem, now: string): Incident {
  return {
    id: randomUUID(),
    openedAt: now,
    remindersSent: 0,
    ...(problem.evidence && { evidence: problem.evidence }),
    blockedWork: blockedWorkFromEvidence(problem.evidence),
  }
}

/** The record's open incident closed (inside a compare-and-set): kept as `lastIncident` for the app's replay. */
export function closeIncident(record: ConnectionRecord, pendingCalls: BlockedWork | undefined, now: string): Pick<ConnectionRecord, 'lastIncident'> {
  if (!record.incident) return record.lastIncident ? { lastIncident: record.lastIncident } : {}
  return { lastIncident: { ...record.incident, blockedWork: pendingCalls ? mergeBlockedWork(record.incident.blockedWork, pendingCalls) : record.incident.blockedWork, resolvedAt: now } }
}

/** The blocked calls of the key not yet written, for the write that closes its incident. */
export function pendingCallsOf(tenantId: string, record: ConnectionRecord): BlockedWork {
  return takePendingBlockedWork({ tenantId, keyId: record.keyId })
}

/** Audits an incident that opened, and tells the hooks; from now on failed calls of the key are blocked work. */
export async function reportIncidentOpened(tenantId: string, record: ConnectionRecord, actor: string): Promise<void> {
  markIncidentOpen({ tenantId, keyId: record.keyId })
  await reportIncident('incident_opened', 'pleo-connect:incident-opened', tenantId, record, record.incident!, actor)
}

/** Audits an incident that closed (`record.lastIncident`), and tells the hooks with the calls to do again. */
export async function reportIncidentResolved(tenantId: string, record: ConnectionRecord, actor: string, resolution: IncidentResolution, keyOfIncident: ConnectionRecord = record): Promise<void> {
  markIncidentClosed({ tenantId, keyId: keyOfIncident.keyId })
  const closed = record.lastIncident!
  await reportIncident('incident_resolved', 'pleo-connect:incident-resolved', tenantId, keyOfIncident, closed, actor, { resolvedAt: closed.resolvedAt, resolution })
}

/**
 * Sends the reminder of the tenant's open incident that is due, if any. Decided in a compare-and-set: of several
 * instances sweeping at once, one sends it. A reminder missed (no sweep ran in time) is skipped, not sent late twice.
 */
export async function remindOfIncident(tenantId: string, record: ConnectionRecord, actor: string, hours = INCIDENT_REMINDER_HOURS, now = Date.now()): Promise<void> {
  if (!record.incident || reminderDueAt(record.incident, hours) > now) return
  const reminded = await useConnectionStores().connections.update(tenantId, (current) => {
    const incident = current?.value.incident
    if (!incident || incident.id !== record.incident!.id || current.value.keyId !== record.keyId || reminderDueAt(incident, hours) > now) return undefined
    let remindersSent = incident.remindersSent + 1
    while (reminderDueAt({ ...incident, remindersSent }, hours) <= now) remindersSent++
    return { ...current.value, incident: { ...incident, remindersSent } }
  })
  const incident = reminded?.value.incident
  if (!incident) return
  await reportIncident('incident_reminder', 'pleo-connect:incident-reminder', tenantId, reminded.value, incident, actor, { reminder: incident.remindersSent })
}

async function reportIncident(type: 'incident_opened' | 'incident_reminder' | 'incident_resolved', hook: string, tenantId: string, record: ConnectionRecord, incident: Incident, actor: string, extra: Pick<PleoIncidentNotice, 'reminder' | 'resolvedAt' | 'resolution'> = {}) {
  const problem = record.problem && { code: record.problem.code, ...(record.problem.variant && { variant: record.problem.variant }) }
  await recordEvent({
    type,
    tenantId,
    actor,
    companyId: record.company?.id,
    keyHint: record.keyHint,
    ...fingerprintField(record),
    ...(problem && type !== 'incident_resolved' && problem),
    incidentId: incident.id,
    ...(extra.reminder && { reminder: extra.reminder }),
    ...(type === 'incident_resolved' && { blockedCalls: incident.blockedWork.calls }),
    ...(extra.resolution && { variant: extra.resolution }),
    state: extra.resolution === 'disconnected' ? 'disconnected' : extra.resolution ? 'connected' : record.state,
  })
  const notice: PleoIncidentNotice = {
    tenantId,
    incidentId: incident.id,
    openedAt: incident.openedAt,
    ...(record.keySavedBy && { connectedBy: record.keySavedBy }),
    ...(record.company && { companyId: record.company.id }),
    ...(record.keyHint && { keyHint: record.keyHint }),
    ...fingerprintField(record),
    ...(problem && { problem }),
    ...(incident.evidence && { evidence: incident.evidence }),
    blockedWork: incident.blockedWork,
    ...extra,
  }
  notifyListeners([hook], notice)
}
