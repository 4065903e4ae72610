import { scopeNames } from './connection-view'
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

const KNOWN_CODES = new Set<string>(ERROR_CODES)

/** Reads `{ statusCode, message, data: { code, … } }` from a failed `$fetch` into a `PleoConnectionError`. */
export function toConnectionError(error: unknown, during: PleoConnectionAction): PleoConnectionError {
  const failure = error as { data?: { data?: Record<string, unknown> }, response?: unknown, statusCode?: number } | undefined
  const data = failure?.data?.data
  if (!data || typeof data.code !== 'string' || !KNOWN_CODES.has(data.code)) {
    // No answer at all is a network problem; an answer without a module code is a server fault.
    return { code: failure?.response || failure?.statusCode ? 'internal_error' : 'network_error', during }
  }
  const result: PleoConnectionError = { code: data.code as PleoErrorCode, during }
  if (typeof data.retryAfter === 'number' && data.retryAfter > 0) result.retryAfter = data.retryAfter
  if (Array.isArray(data.companies)) result.companies = data.companies.flatMap(toCompany)
  if (typeof data.companyId === 'string') result.companyId = data.companyId
  if (typeof data.connectedCompanyId === 'string') result.connectedCompanyId = data.connectedCompanyId
  const missingScopes = scopeNames(data.missingScopes)
  if (missingScopes?.length) result.missingScopes = missingScopes
  if (typeof data.seenAt === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data.seenAt)) result.seenAt = data.seenAt
  if (typeof data.variant === 'string' && /^\w{1,40}$/.test(data.variant)) result.variant = data.variant
  if ((VALIDATION_STEPS as readonly string[]).includes(data.step as string)) result.step = data.step as ValidationStep
  return result
}

function toCompany(value: unknown): Array<{ id: string, name?: string }> {
  const { id, name } = (value ?? {}) as { id?: unknown, name?: unknown }
  if (typeof id !== 'string') return []
  return [typeof name === 'string' && name ? { id, name } : { id }]
}
