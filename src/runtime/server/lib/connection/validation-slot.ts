import type { ValidationStep } from '../../../shared/error-codes'
import type { ValidationProgress } from '../../../shared/schemas'
import type { Coordination } from '../storage/coordination'
import { PleoConnectError } from '../errors'
import { useCoordination } from '../storage/stores'
import { logger } from '../logger'

/**
 * One upstream validation per tenant at a time, and a cap on failed attempts per tenant and actor (never per
 * IP, which a client can spoof). In this process, or across instances when the storage is Redis (`storage.ts`
 * picks the backend; tests pass one).
 */
export function isValidating(tenantId: string, coordination: Coordination = useCoordination()): Promise<boolean> {
  return coordination.isSlotTaken(tenantId)
}

/** The tenant's running validation (when it started, its step), or `undefined`. */
export function validationProgress(tenantId: string, coordination: Coordination = useCoordination()): Promise<ValidationProgress | undefined> {
  return coordination.readProgress(tenantId)
}

/**
 * Runs `work` holding the tenant's validation slot; a second caller gets `busy` at once. `work` may report the step
 * it is on, which every instance's connection view shows.
 */
export async function withValidationSlot<T>(tenantId: string, work: (reportStep: (step: ValidationStep) => Promise<void>) => Promise<T>, coordination: Coordination = useCoordination()): Promise<T> {
  const release = await coordination.acquireSlot(tenantId)
  if (!release) throw new PleoConnectError('busy')
  // Progress is for display: failing to record it never stops the validation.
  const reportStep = (step: ValidationStep) => coordination.reportStep(tenantId, step).catch(() => {})
  try {
    return await work(reportStep)
  }
  finally {
    // A slot that cannot be freed now (Redis unreachable) lapses by its TTL; the work's outcome stands.
    await release().catch(() => logger.warn('could not free a validation slot; it expires by itself'))
  }
}

// Per credential (a fingerprint or the stored key's id, never the key): a new key may be tried at once, as Pleo's
// guidelines ask after a failure, while the key Pleo told to wait does wait.
const pleoWaitClaim = (credential: string) => `pleo-wait:${credential}`

/** Pleo answered 429 with `Retry-After` to this credential: the next interactive calls with it wait that long, on every instance. */
export async function holdOffPleo(credential: string, retryAfterSeconds: number, coordination: Coordination = useCoordination()) {
  await coordination.claimOnce(pleoWaitClaim(credential), retryAfterSeconds * 1000)
}

/** Refuses, without calling Pleo, while Pleo's last `Retry-After` for this credential lasts. */
export async function assertPleoNotHoldingOff(credential: string, coordination: Coordination = useCoordination()) {
  const remaining = await coordination.claimRemainingMs(pleoWaitClaim(credential))
  if (remaining > 0) throw new PleoConnectError('pleo_rate_limited', { retryAfter: Math.ceil(remaining / 1000) })
}

export interface AttemptLimit {
  max: number
  windowSeconds: number
}

/** Refuses before anything is sent to Pleo once the actor used up the failed attempts of the window. */
export async function assertAttemptsLeft(tenantId: string, actor: string, limit: AttemptLimit, coordination: Coordination = useCoordination()) {
  const { count, resetInMs } = await coordination.failedAttempts(tenantId, actor)
  if (count < limit.max) return
  throw new PleoConnectError('too_many_attempts', { retryAfter: Math.max(1, Math.ceil(resetInMs / 1000)) })
}

export function recordFailedAttempt(tenantId: string, actor: string, limit: AttemptLimit, coordination: Coordination = useCoordination()): Promise<void> {
  return coordination.addFailedAttempt(tenantId, actor, limit.windowSeconds)
}

export function clearFailedAttempts(tenantId: string, actor: string, coordination: Coordination = useCoordination()): Promise<void> {
  return coordination.clearFailedAttempts(tenantId, actor)
}
