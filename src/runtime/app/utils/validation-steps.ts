import { VALIDATION_STEPS, type ValidationStep } from '../../shared/error-codes'
import type { PleoConnectionError } from './connection-error'

export { VALIDATION_STEPS, type ValidationStep }

/** Refusals that are not about the key: they happened outside the steps, so no step list is shown for them. */
const OUTSIDE_THE_STEPS = new Set(['pleo_rate_limited', 'pleo_unreachable', 'pleo_unavailable', 'network_error', 'busy', 'too_many_attempts', 'not_configured', 'storage_unavailable', 'internal_error', 'forbidden', 'unauthenticated', 'invalid_request'])

/**
 * The step a refused key stopped at, as the server reported it (it knows which steps ran). A malformed key is
 * refused before anything is sent: at the first step.
 */
export function failedStepOf(error: PleoConnectionError): ValidationStep | undefined {
  if (OUTSIDE_THE_STEPS.has(error.code)) return undefined
  return error.step ?? (error.code === 'key_malformed' ? 'checking_key' : undefined)
}

/** Asking the other environment is part of checking the key: it stands in the list at that step's place. */
function mainStepIndex(step: ValidationStep): number {
  return step === 'checking_other_environment' ? 0 : VALIDATION_STEPS.indexOf(step)
}

/** How each step stands, given the step the key stopped at (or is on now): earlier steps ran, later ones did not. */
export function stepStatus(step: ValidationStep, reached: ValidationStep, outcome: 'failed' | 'running'): 'done' | 'failed' | 'running' | 'notReached' {
  const index = mainStepIndex(step)
  const at = mainStepIndex(reached)
  return index < at ? 'done' : index === at ? outcome : 'notReached'
}
