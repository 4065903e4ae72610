import type { PleoAuditEntry } from '../../shared/audit'
import { KEY_HINT_PATTERN } from '../../shared/patterns'

export type { PleoAuditEntry } from '../../shared/audit'

/**
 * Copies the known fields of `{ events: [...] }` from the events route. The server never sends a key; this also
 * drops a hint longer than the mask and four characters, so nothing more of a key can ever be shown.
 */
export function pickAuditEntries(value: unknown): PleoAuditEntry[] | null {
  const events = (value as { events?: unknown } | null)?.events
  if (!Array.isArray(events)) return null
  return events.flatMap((raw: Record<string, unknown> | null) => {
    if (!raw || typeof raw !== 'object') return []
    const { id, at, type, actor } = raw
    if (typeof id !== 'string' || typeof at !== 'string' || typeof type !== 'string') return []
    const entry: PleoAuditEntry = { id, at, type, actor: typeof actor === 'string' ? actor : '' }
    for (const name of ['companyId', 'previousCompanyId', 'code', 'variant', 'operation', 'incidentId'] as const) {
      if (typeof raw[name] === 'string' && raw[name]) entry[name] = raw[name] as string
    }
    if (typeof raw.keyHint === 'string' && KEY_HINT_PATTERN.test(raw.keyHint)) entry.keyHint = raw.keyHint
    if (typeof raw.repeated === 'number' && raw.repeated > 1) entry.repeated = raw.repeated
    if (typeof raw.firstAt === 'string') entry.firstAt = raw.firstAt
    for (const name of ['reminder', 'blockedCalls'] as const) {
      if (Number.isInteger(raw[name]) && (raw[name] as number) >= 0) entry[name] = raw[name] as number
    }
    return [entry]
  })
}
