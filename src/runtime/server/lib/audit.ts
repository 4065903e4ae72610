import { randomUUID } from 'node:crypto'
import type { AuditEvent, AuditEventType } from './connection-record'
import { notifyListeners } from './notify'
import { useConnectionStores } from './storage'
import { actorForLog, logger } from './logger'

const KEPT_EVENTS = 200

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
  disconnected: 'pleo-connect:disconnected',
}

export type AuditInput = Omit<AuditEvent, 'id' | 'at'>

/**
 * Records one event: the tenant's trail in storage, one log line, and the Nitro hooks (run after the answer, see
 * `notifyListeners`). A failing audit store does not undo the change it describes (that already happened
 * upstream); it is logged and the hooks still run.
 */
export async function recordEvent(input: AuditInput): Promise<AuditEvent> {
  const event: AuditEvent = { id: randomUUID(), at: new Date().toISOString(), ...input }
  try {
    await useConnectionStores().events.update(event.tenantId, current => [...(current?.value ?? []), event].slice(-KEPT_EVENTS))
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

export async function listEvents(tenantId: string): Promise<AuditEvent[]> {
  const stored = await useConnectionStores().events.read(tenantId)
  return [...(stored?.value ?? [])].reverse()
}
