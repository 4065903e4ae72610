import { DIAGNOSTICS_FORMAT, DIAGNOSTICS_VERSION, type DiagnosticsIncident, type DiagnosticsStateChange, type PleoDiagnosticsReport } from '../../../shared/diagnostics'
import { CONNECTION_STATES, type ConnectionState } from '../../../shared/states'
import type { AuditEvent, Incident } from '../records'
import { resolveEnvironment, useModuleConfig } from '../config'
import { useConnectionStores } from '../storage/stores'
import { resolvePleoBaseUrl } from '../pleo/stored-key-client'
import { listEvents } from './audit-trail'
import { fingerprintField } from './known-keys'
import { toConnectionView } from './view'

/** State changes kept in a report (the newest win): the trail itself keeps more. */
const KEPT_STATE_CHANGES = 50
/** Events that change what the connection is, reported even when the state stays (a replaced key stays connected). */
const KEY_EVENTS = new Set(['connected', 'connect_failed', 'key_replaced', 'replace_refused', 'disconnected'])

/**
 * The tenant's diagnostics report for support: versions, where this server calls Pleo (the host only), the connection
 * (hint and short fingerprint, never the key or its sealed form), the state history, the last checks and Pleo's
 * clock. Every field is copied by name from what the module keeps, so nothing else a record may hold can slip in.
 */
export async function buildDiagnosticsReport(tenantId: string): Promise<PleoDiagnosticsReport> {
  const config = useModuleConfig()
  const { versions } = config
  const [stored, events] = await Promise.all([useConnectionStores().connections.read(tenantId), listEvents(tenantId)])
  const record = stored?.value?.sealedKey ? stored.value : undefined
  const view = toConnectionView(record ?? stored?.value)
  return {
    format: DIAGNOSTICS_FORMAT,
    version: DIAGNOSTICS_VERSION,
    generatedAt: new Date().toISOString(),
    module: { name: 'nuxt-pleo-connect', version: versions?.module || 'unknown' },
    nuxt: { version: versions?.nuxt || 'unknown' },
    node: { version: process.version },
    environment: resolveEnvironment(config),
    baseUrlHost: await baseUrlHost(),
    connection: {
      state: view.state,
      keyType: view.keyType,
      ...(view.company && { companyId: view.company.id }),
      ...(view.keyHint && { keyHint: view.keyHint }),
      ...fingerprintField(record),
      ...(view.installation && { installation: view.installation }),
      ...(view.connectedAt && { connectedAt: view.connectedAt }),
      ...(view.keyReplacedAt && { keyReplacedAt: view.keyReplacedAt }),
      ...(view.lastVerifiedAt && { lastVerifiedAt: view.lastVerifiedAt }),
      ...(view.keyExpiresAt && { keyExpiresAt: view.keyExpiresAt }),
      ...(view.problem && { problem: view.problem }),
      ...(record?.incident && { incident: incidentOf(record.incident) }),
      ...(record?.lastIncident && { lastIncident: { ...incidentOf(record.lastIncident), resolvedAt: record.lastIncident.resolvedAt } }),
    },
    stateHistory: stateHistoryOf(events),
    recentChecks: (record?.recentChecks ?? []).map(({ at, statusClass, status, latencyMs }) => ({ at, statusClass, ...(status !== undefined && { status }), latencyMs })),
    clock: record?.clock ? { skewMs: record.clock.skewMs, measuredAt: record.clock.measuredAt } : null,
  }
}

/** The host of Pleo's base URL (a URL's host never holds its credentials), or null when none is configured usably. */
async function baseUrlHost(): Promise<string | null> {
  try {
    return new URL(await resolvePleoBaseUrl()).host
  }
  catch {
    return null
  }
}

/** An incident, field by field: its evidence and blocked work hold operations and counts, never a body or a key. */
function incidentOf({ id, openedAt, remindersSent, evidence, blockedWork }: Incident): DiagnosticsIncident {
  return {
    id,
    openedAt,
    remindersSent,
    ...(evidence && { evidence: structuredClone(evidence) }),
    blockedWork: { calls: blockedWork.calls, ...(blockedWork.since && { since: blockedWork.since }), operations: blockedWork.operations.map(({ operation, count, firstAt, lastAt }) => ({ operation, count, firstAt, lastAt })) },
  }
}

/** The audit trail (newest first) as the states the connection went through, oldest first. */
export function stateHistoryOf(events: AuditEvent[]): DiagnosticsStateChange[] {
  const history: DiagnosticsStateChange[] = []
  let previous: ConnectionState | undefined
  for (const event of [...events].reverse()) {
    const state = event.state
    if (!state || !(CONNECTION_STATES as readonly string[]).includes(state)) continue
    if (state !== previous || KEY_EVENTS.has(event.type)) {
      history.push({ at: event.at, state, type: event.type, ...(event.code && { code: event.code }), ...(event.variant && { variant: event.variant }) })
    }
    previous = state
  }
  return history.slice(-KEPT_STATE_CHANGES)
}
