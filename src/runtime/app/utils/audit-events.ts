import type { PleoAuditEntry } from '../../shared/audit'
import { KEY_HINT_PATTERN } from '../../shared/patterns'
import { pickShape, SOME_TEXT, type Shape } from './pick-shape'

export type { PleoAuditEntry } from '../../shared/audit'

const COUNT: Shape = value => Number.isInteger(value) && (value as number) >= 0 ? value : undefined

// The server never sends a key; a hint longer than the mask and four characters is dropped too, so nothing more
// of a key can ever be shown.
const AUDIT_EVENTS: Shape = {
  events: [{
    'id': 'string',
    'at': 'string',
    'type': 'string',
    'actor': value => typeof value === 'string' ? value : '',
    'companyId?': SOME_TEXT,
    'previousCompanyId?': SOME_TEXT,
    'code?': SOME_TEXT,
    'variant?': SOME_TEXT,
    'operation?': SOME_TEXT,
    'incidentId?': SOME_TEXT,
    'keyHint?': KEY_HINT_PATTERN,
    'repeated?': value => typeof value === 'number' && value > 1 ? value : undefined,
    'firstAt?': 'string',
    'reminder?': COUNT,
    'blockedCalls?': COUNT,
  }],
}

/** Copies the known fields of `{ events: [...] }` from the events route; `null` for anything else. */
export function pickAuditEntries(value: unknown): PleoAuditEntry[] | null {
  return (pickShape(value, AUDIT_EVENTS) as { events: PleoAuditEntry[] } | undefined)?.events ?? null
}
