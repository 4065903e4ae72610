// Every error the module answers with. Pleo's guidelines ask for what failed, in plain words, and a recovery action:
// the words are in the catalogues (`i18n/en.ts`, `i18n/da.ts`), by code and variant, for both key types.

export const ERROR_CODES = [
  'key_malformed',
  'key_rejected',
  'key_wrong_environment',
  'key_seen_before',
  'key_lacks_permission',
  'key_other_company',
  'organisation_key_needs_company',
  'installation_not_entitled',
  'pleo_rate_limited',
  'pleo_unreachable',
  'pleo_unavailable',
  'pleo_request_failed',
  'not_connected',
  'busy',
  'too_many_attempts',
  'unauthenticated',
  'forbidden',
  'not_configured',
  'storage_unavailable',
  'invalid_request',
  'internal_error',
] as const

export type PleoErrorCode = typeof ERROR_CODES[number]

/** The steps of a connect, in the order they run: the company is confirmed before anything is written in Pleo. */
export const VALIDATION_STEPS = ['checking_key', 'confirming_company', 'activating'] as const
/**
 * Every step a running validation may report: the three above, and one that runs only when Pleo refused the key
 * here and the other environment is asked (`diagnoseEnvironment`), between checking the key and its outcome.
 */
export const PROGRESS_STEPS = [...VALIDATION_STEPS, 'checking_other_environment'] as const
export type ValidationStep = typeof PROGRESS_STEPS[number]

/** HTTP status the module answers with for each code. */
export const ERROR_STATUS: Record<PleoErrorCode, number> = {
  key_malformed: 400,
  key_rejected: 401,
  key_wrong_environment: 422,
  key_seen_before: 409,
  key_lacks_permission: 403,
  key_other_company: 409,
  organisation_key_needs_company: 422,
  installation_not_entitled: 422,
  pleo_rate_limited: 429,
  pleo_unreachable: 504,
  pleo_unavailable: 502,
  pleo_request_failed: 502,
  not_connected: 404,
  busy: 409,
  too_many_attempts: 429,
  unauthenticated: 401,
  forbidden: 403,
  not_configured: 503,
  storage_unavailable: 503,
  invalid_request: 400,
  internal_error: 500,
}

/** The `data` of every error the module's routes answer with. */
export interface PleoErrorData {
  code: PleoErrorCode
  /** Which case of the code this is (e.g. `key_other_company`: `picked_other`, `held_elsewhere`, `switch`). */
  variant?: string
  /** What failed, in plain words (English; the UI shows its own catalogue's words for `code` and `variant`). */
  message: string
  /** What to do about it. */
  action: string
  /** For developers: what to configure (an env var, a hook). Also at the end of `message`. */
  hint?: string
  /** `key_lacks_permission` (`missing_scopes`): the scopes the app needs that the key lacks. */
  missingScopes?: string[]
  /** `key_seen_before`: when this tenant last saw the key (replaced or refused), as `YYYY-MM-DD`. */
  seenAt?: string
  /** `key_wrong_environment`: the Pleo environment the key works in (the variant says the same). */
  keyEnvironment?: 'production' | 'staging'
  /** `key_rejected`, `key_lacks_permission`, … during a connect: the step the key stopped at. */
  step?: ValidationStep
  /** `pleo_request_failed`: Pleo's HTTP status, and Pleo's own error code when it sent one. */
  status?: number
  pleoCode?: string
  /** `key_lacks_permission` on a call of the app's own code: which call (method and path template). */
  operation?: string
  /** `invalid_request` (too large): the byte limit. */
  limit?: number
  /** `invalid_request` (a field): which field. */
  field?: string
  /** Seconds to wait before trying again (`pleo_rate_limited`, `too_many_attempts`). */
  retryAfter?: number
  /** `organisation_key_needs_company`: the companies the admin can pick from. */
  companies?: Array<{ id: string, name?: string }>
  /** `key_other_company`: the key's company, and the one connected now (if any). */
  companyId?: string
  connectedCompanyId?: string
}
