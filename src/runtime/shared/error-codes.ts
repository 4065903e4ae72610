// Every error the module answers with. Pleo's guidelines ask for what failed, in plain words, and a recovery action.

export const ERROR_CODES = [
  'key_malformed',
  'key_rejected',
  'key_lacks_permission',
  'key_other_company',
  'organisation_key_needs_company',
  'installation_not_entitled',
  'pleo_rate_limited',
  'pleo_unreachable',
  'pleo_unavailable',
  'not_connected',
  'busy',
  'too_many_attempts',
  'unauthenticated',
  'forbidden',
  'not_configured',
  'invalid_request',
  'internal_error',
] as const

export type PleoErrorCode = typeof ERROR_CODES[number]

/** HTTP status the module answers with for each code. */
export const ERROR_STATUS: Record<PleoErrorCode, number> = {
  key_malformed: 400,
  key_rejected: 401,
  key_lacks_permission: 403,
  key_other_company: 409,
  organisation_key_needs_company: 422,
  installation_not_entitled: 422,
  pleo_rate_limited: 429,
  pleo_unreachable: 504,
  pleo_unavailable: 502,
  not_connected: 404,
  busy: 409,
  too_many_attempts: 429,
  unauthenticated: 401,
  forbidden: 403,
  not_configured: 503,
  invalid_request: 400,
  internal_error: 500,
}

export interface ErrorText {
  message: string
  action: string
}

/** English texts; the app layer can translate by code. Never interpolate a key into these. */
export const ERROR_TEXT: Record<PleoErrorCode, ErrorText> = {
  key_malformed: {
    message: 'This does not look like a Pleo API Key.',
    action: 'Copy the whole key from Pleo again, without spaces or extra text, and paste it here.',
  },
  key_rejected: {
    message: 'The API Key appears to be invalid. Pleo did not accept it.',
    action: 'Please check the key and try again. If it was deleted or has expired, create a new one in Pleo.',
  },
  key_lacks_permission: {
    message: 'This key does not have the required permissions.',
    action: 'Create a key with the permissions this app needs, or ask a Pleo admin to grant them, then try again.',
  },
  key_other_company: {
    message: 'This key belongs to a different Pleo company than the one connected now.',
    action: 'Check that you copied the key for the right company. To switch companies, confirm the change.',
  },
  organisation_key_needs_company: {
    message: 'This key gives access to a whole Pleo organisation, but a connection needs exactly one company.',
    action: 'Choose the company to connect, or create a company-level key in Pleo.',
  },
  installation_not_entitled: {
    message: 'Pleo could not activate this integration for your company.',
    action: 'Check that your Pleo plan includes this integration, or contact Pleo support, then try again.',
  },
  pleo_rate_limited: {
    message: 'Pleo is receiving too many requests right now.',
    action: 'Wait a moment and try again.',
  },
  pleo_unreachable: {
    message: 'We can\'t reach Pleo right now.',
    action: 'Check your connection and try again in a few minutes.',
  },
  pleo_unavailable: {
    message: 'Pleo is having trouble answering right now.',
    action: 'Try again in a few minutes. If it keeps happening, check Pleo\'s status page.',
  },
  not_connected: {
    message: 'This app is not connected to Pleo.',
    action: 'Connect with a Pleo API Key first.',
  },
  busy: {
    message: 'Another change to this connection is being checked right now.',
    action: 'Wait for it to finish, then try again.',
  },
  too_many_attempts: {
    message: 'Too many attempts to connect in a short time.',
    action: 'Wait a few minutes, check the key, and try again.',
  },
  unauthenticated: {
    message: 'You need to be signed in to manage the Pleo connection.',
    action: 'Sign in to this app, then try again.',
  },
  forbidden: {
    message: 'You are not allowed to manage the Pleo connection.',
    action: 'Ask an administrator of this app for access.',
  },
  not_configured: {
    message: 'The Pleo connection is not set up on this server.',
    action: 'Ask the app\'s developers to finish the setup.',
  },
  invalid_request: {
    message: 'The request could not be understood.',
    action: 'Reload the page and try again.',
  },
  internal_error: {
    message: 'Something went wrong on our side.',
    action: 'Try again. If it keeps happening, contact the app\'s developers.',
  },
}

/** The `data` of every error the module's routes answer with. */
export interface PleoErrorData extends ErrorText {
  code: PleoErrorCode
  /** Seconds to wait before trying again (`pleo_rate_limited`, `too_many_attempts`). */
  retryAfter?: number
  /** `organisation_key_needs_company`: the companies the admin can pick from. */
  companies?: Array<{ id: string, name?: string }>
  /** `key_other_company`: the key's company, and the one connected now (if any). */
  companyId?: string
  connectedCompanyId?: string
}
