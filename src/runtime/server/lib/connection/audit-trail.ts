import { randomUUID } from 'node:crypto'
import type { AuditEvent, AuditEventType } from '../records'
import { notifyListeners } from '../notify'
import { VersionConflictError, type Versioned } from '../storage/record-store'
import { useConnectionStores } from '../storage/stores'
import { actorForLog, logger } from '../logger'

/** Events that change something (connected, replaced, action required, …): the trail keeps this many. */
const KEPT_EVENTS = 200
/** Checks (verified, check failed) are kept apart, fewer: a burst of checks can never push a change out. */
const KEPT_CHECKS = 50
const CHECKS: ReadonlySet<AuditEventType> = new Set(['verified', 'check_failed'])

/** Nitro runtime hook fired for each audit event type (all of them also fire `pleo-connect:event`). */
const HOOK_FOR_EVENT: Record<AuditEventType, string | undefined> = {
  connected: 'pleo-connect:connected',
  connect_failed: 'pleo-connect:failed',
  key_replaced: 'pleo-connect:key-replaced',
  replace_refused: 'pleo-connect:failed',
  verified: 'pleo-connect:verified',
  check_failed: 'pleo-connect:check-failed',
  action_required: 'pleo-connect:action-required',
  key_expiring: 'pleo-connect:key-expiring',
  permission_missing: 'pleo-connect:permission-missing',
  key_compared: undefined,
  disconnected: 'pleo-connect:disconnected',
  standby_fallback: 'pleo-connect:standby-fallback',
  standby_destroyed: 'pleo-connect:standby-destroyed',
  leak_drill_started: 'pleo-connect:leak-drill',
  leak_drill_old_key_alive: 'pleo-connect:leak-drill',
  leak_drill_closed: 'pleo-connect:leak-drill',
  // The incident hooks get the incident's own notice (incidents.ts), not the audit event.
  incident_opened: undefined,
  incident_reminder: undefined,
  incident_resolved: undefined,
}

export type AuditInput = Omit<AuditEvent, 'id' | 'at'>

/**
 * Records one event: the tenant's trail in storage, one log line, and the Nitro hooks (run after the answer, see
 * `notifyListeners`). A failing audit store does not undo the change it describes (that already happened
 * upstream); it is logged and the hooks still run.
 */
export async function recordEvent(input: AuditInput, trailReadEarlier?: StoredTrail): Promise<AuditEvent> {
  const event: AuditEvent = { id: randomUUID(), at: new Date().toISOString(), ...input }
  try {
    await storeEvent(event, trailReadEarlier)
  }
  catch {
    logger.error(`could not store audit event ${JSON.stringify(event.type)} for tenant ${JSON.stringify(event.tenantId)}`)
  }
  // One line per event: JSON escapes CR/LF, and the strings in it were cleaned of other line breaks on the way in.
  logger.info(JSON.stringify({ ...event, actor: actorForLog(event.actor) }))
  const specific = HOOK_FOR_EVENT[event.type]
  notifyListeners(specific ? ['pleo-connect:event', specific] : ['pleo-connect:event'], event)
  return event
}

/** The tenant's trail as stored (`null`: none yet), with the version a later `recordEvent` can write on. */
export type StoredTrail = Versioned<AuditEvent[]> | null

export function readTrail(tenantId: string): Promise<StoredTrail> {
  return useConnectionStores().events.read(tenantId)
}

/**
 * Appends the event. Given the trail a caller read earlier anyway, it is one compare-and-set on that version (no
 * second read); if anyone added to the trail since, the event is appended to the fresh trail as usual.
 */
async function storeEvent(event: AuditEvent, trailReadEarlier: StoredTrail | undefined) {
  const events = useConnectionStores().events
  if (trailReadEarlier !== undefined) {
    try {
      await events.compareAndSet(event.tenantId, trailReadEarlier?.version ?? 0, appendToTrail(trailReadEarlier?.value ?? [], event))
      return
    }
    catch (error) {
      if (!(error instanceof VersionConflictError)) throw error
    }
  }
  await events.update(event.tenantId, current => appendToTrail(current?.value ?? [], event))
}

/**
 * The trail with `event` added. A check with the same outcome, by the same actor, as the last check is folded into
 * it (`repeated` counts them, `firstAt` keeps the first), so repeated checks take one line; checks and changes are
 * trimmed separately.
 */
export function appendToTrail(trail: AuditEvent[], event: AuditEvent): AuditEvent[] {
  const lastCheck = [...trail].reverse().find(entry => CHECKS.has(entry.type))
  const same = lastCheck && CHECKS.has(event.type) && trail.at(-1) === lastCheck
    && lastCheck.type === event.type && lastCheck.code === event.code && lastCheck.actor === event.actor && lastCheck.state === event.state
  const next = same
    ? [...trail.slice(0, -1), { ...event, repeated: (lastCheck.repeated ?? 1) + 1, firstAt: lastCheck.firstAt ?? lastCheck.at }]
    : [...trail, event]
  const checks = next.filter(entry => CHECKS.has(entry.type)).slice(-KEPT_CHECKS)
  const changes = next.filter(entry => !CHECKS.has(entry.type)).slice(-KEPT_EVENTS)
  const kept = new Set([...checks, ...changes])
  return next.filter(entry => kept.has(entry))
}

/** The tenant's events, newest first. */
export async function listEvents(tenantId: string): Promise<AuditEvent[]> {
  return newestFirst(await readTrail(tenantId))
}

export function newestFirst(trail: StoredTrail): AuditEvent[] {
  return [...(trail?.value ?? [])].reverse()
}
