import { randomUUID } from 'node:crypto'
import { useNitroApp } from 'nitropack/runtime'
import type { AuditEvent, AuditEventType } from './connection-record'
import { useConnectionStores } from './storage'

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
  disconnected: 'pleo-connect:disconnected',
}

export type AuditInput = Omit<AuditEvent, 'id' | 'at'>

/**
 * Records one event: the tenant's trail in storage, one log line, and the Nitro hooks. A failing audit store
 * does not undo the change it describes (that already happened upstream); it is logged and the hooks still run.
 */
export async function recordEvent(input: AuditInput): Promise<AuditEvent> {
  const event: AuditEvent = { id: randomUUID(), at: new Date().toISOString(), ...input }
  try {
    await useConnectionStores().events.update(event.tenantId, current => [...(current?.value ?? []), event].slice(-KEPT_EVENTS))
  }
  catch {
    console.error(`[pleo-connect] could not store audit event ${JSON.stringify(event.type)} for tenant ${JSON.stringify(event.tenantId)}`)
  }
  // JSON.stringify escapes CR/LF, so user-supplied values cannot forge log lines.
  console.info(`[pleo-connect] ${JSON.stringify(event)}`)
  await callHookSafely('pleo-connect:event', event)
  const specific = HOOK_FOR_EVENT[event.type]
  if (specific) await callHookSafely(specific, event)
  return event
}

export async function listEvents(tenantId: string): Promise<AuditEvent[]> {
  const stored = await useConnectionStores().events.read(tenantId)
  return [...(stored?.value ?? [])].reverse()
}

async function callHookSafely(name: string, event: AuditEvent) {
  try {
    // Each hook gets its own copy: a handler that mutates it cannot change what others see.
    await (useNitroApp().hooks.callHook as (name: string, payload: AuditEvent) => Promise<unknown>)(name, { ...event })
  }
  catch {
    console.error(`[pleo-connect] a ${name} hook handler failed`)
  }
}
