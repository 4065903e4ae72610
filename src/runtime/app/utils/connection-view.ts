import { PROGRESS_STEPS } from '../../shared/error-codes'
import { KEY_HINT_PATTERN, SCOPE_NAME_PATTERN } from '../../shared/patterns'
import type { ConnectionView } from '../../shared/schemas'
import { CONNECTION_STATES } from '../../shared/states'
import { CALL_FAILURE_KINDS } from '../../shared/call-failures'
import { LEAK_DRILL_STEPS } from '../../shared/leak-drill-steps'
import { pickShape, type Shape } from './pick-shape'

/** A list of Pleo scope names (`expenses:read`): the entries that are one. */
export const SCOPE_NAMES: Shape = [SCOPE_NAME_PATTERN]
/** The same, kept only when it names at least one. */
export const SOME_SCOPE_NAMES: Shape = (value) => {
  const names = pickShape(value, SCOPE_NAMES) as string[] | undefined
  return names?.length ? names : undefined
}

const TIME = 'string'
const text = (value: unknown) => String(value ?? '')

// Times, counts, and operations as method and path template: nothing of a request or an answer.
const EVIDENCE: Shape = {
  'lastSuccessfulCallAt?': TIME,
  'firstFailedCallAt?': TIME,
  'failedCalls': 'number',
  'failures': [{ operation: 'string', kind: new Set(CALL_FAILURE_KINDS), count: 'number' }],
  'confirmedBy': { at: TIME },
}

/**
 * The fields of the connection view the UI knows. The server already strips everything else; this keeps the store
 * (whose state goes into the SSR payload) to that shape even if a response ever carried more.
 */
const CONNECTION_VIEW: Shape = {
  'state': new Set(CONNECTION_STATES),
  'keyType': value => value === 'integrated' ? value : 'standalone',
  'environment': value => value === 'staging' ? value : 'production',
  'company?': { 'id': 'string', 'name?': 'string' },
  // A hint is the mask and at most four characters; anything longer is not shown.
  'keyHint?': KEY_HINT_PATTERN,
  'installation?': { id: 'string', status: 'string' },
  'connectedAt?': TIME,
  'keyReplacedAt?': TIME,
  'lastVerifiedAt?': TIME,
  'keyExpiresAt?': TIME,
  'problem?': {
    'code': 'string',
    'message': text,
    'action': text,
    'variant?': 'string',
    'operation?': 'string',
    'missingScopes?': SOME_SCOPE_NAMES,
    'evidence?': EVIDENCE,
  },
  'progress?': { 'startedAt': TIME, 'step?': new Set(PROGRESS_STEPS) },
  'missingPermissions?': [{ operation: 'string', seenAt: TIME }],
  'scopes?': SCOPE_NAMES,
  // The standby is its hint and until when; the drill its times and step. Nothing else of either is kept.
  'standby?': { 'keyHint': KEY_HINT_PATTERN, 'until?': TIME },
  'leakDrill?': { 'startedAt': TIME, 'step': new Set(LEAK_DRILL_STEPS), 'oldKeyAliveAt?': TIME },
  // An open incident: its id and time, and the calls waiting by operation (counts and times only).
  'incident?': {
    id: 'string',
    openedAt: TIME,
    blockedWork: { 'calls': 'number', 'since?': TIME, 'operations': [{ operation: 'string', count: 'number', firstAt: TIME, lastAt: TIME }] },
  },
}

/** Copies only the fields of the connection view the UI knows; `null` for what is not a view. */
export function pickConnectionView(value: unknown): ConnectionView | null {
  return (pickShape(value, CONNECTION_VIEW) as ConnectionView | undefined) ?? null
}
