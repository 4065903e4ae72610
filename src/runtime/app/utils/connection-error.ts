import { SOME_SCOPE_NAMES } from './connection-view'
import { pickShape, SOME_TEXT, type Shape } from './pick-shape'
import { ERROR_CODES, VALIDATION_STEPS, type PleoErrorCode, type ValidationStep } from '../../shared/error-codes'

/** The store's actions; each failure remembers which one it came from. */
export type PleoConnectionAction = 'refresh' | 'connect' | 'replace' | 'verify' | 'disconnect' | 'diagnostics' | 'destroyStandby' | 'startLeakDrill' | 'verifyLeakDrill'

/** The server's codes, plus one for a request that never got an answer from the app's own server. */
export type PleoClientErrorCode = PleoErrorCode | 'network_error'

/**
 * What the app keeps of a failed request: the code (texts come from the catalog, so they can be translated)
 * and the non-secret details a follow-up question needs. Never a key, never the server's free text.
 */
export interface PleoConnectionError {
  code: PleoClientErrorCode
  /** Which case of the code (its words differ), e.g. `key_other_company`: `picked_other`, `held_elsewhere`, `switch`. */
  variant?: string
  during: PleoConnectionAction
  /** The step of a connect the key stopped at, as the server reports it. */
  step?: ValidationStep
  /** Seconds to wait before trying again. */
  retryAfter?: number
  /** `organisation_key_needs_company`: the companies to pick from (may be empty when Pleo did not list them). */
  companies?: Array<{ id: string, name?: string }>
  /** `key_other_company`: the company of the submitted key… */
  companyId?: string
  /** …and, on a replacement, the company connected now. */
  connectedCompanyId?: string
  /** `key_lacks_permission` (`missing_scopes`): the scopes the app needs that the key lacks. */
  missingScopes?: string[]
  /** `key_seen_before`: the day this tenant last saw the key (`YYYY-MM-DD`). */
  seenAt?: string
}

// The code and the non-secret details a follow-up question needs; a company's name only when it has one.
const ERROR_DETAILS: Shape = {
  'code': new Set(ERROR_CODES),
  'retryAfter?': value => typeof value === 'number' && value > 0 ? value : undefined,
  'companies?': [{ 'id': 'string', 'name?': SOME_TEXT }],
  'companyId?': 'string',
  'connectedCompanyId?': 'string',
  'missingScopes?': SOME_SCOPE_NAMES,
  'seenAt?': /^\d{4}-\d{2}-\d{2}$/,
  'variant?': /^\w{1,40}$/,
  'step?': new Set(VALIDATION_STEPS),
}

/** Reads `{ statusCode, message, data: { code, … } }` from a failed `$fetch` into a `PleoConnectionError`. */
export function toConnectionError(error: unknown, during: PleoConnectionAction): PleoConnectionError {
  const failure = error as { data?: { data?: unknown }, response?: unknown, statusCode?: number } | undefined
  const details = pickShape(failure?.data?.data, ERROR_DETAILS) as Omit<PleoConnectionError, 'during'> | undefined
  // No answer at all is a network problem; an answer without a module code is a server fault.
  if (!details) return { code: failure?.response || failure?.statusCode ? 'internal_error' : 'network_error', during }
  return { ...details, during }
}
