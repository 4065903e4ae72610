import type { PleoClientErrorCode } from './connection-error'

/** The steps a key goes through on Connect and on Update API Key, in order. */
export const VALIDATION_STEPS = ['validate', 'activate', 'confirm'] as const
export type ValidationStep = typeof VALIDATION_STEPS[number]

/** The step a refusal belongs to, so the admin sees how far the key got; transient trouble belongs to none. */
export function failedStepOf(code: PleoClientErrorCode): ValidationStep | undefined {
  switch (code) {
    case 'key_malformed':
    case 'key_rejected':
    case 'key_lacks_permission':
      return 'validate'
    case 'installation_not_entitled':
      return 'activate'
    case 'key_other_company':
    case 'organisation_key_needs_company':
      return 'confirm'
    default:
      return undefined
  }
}
