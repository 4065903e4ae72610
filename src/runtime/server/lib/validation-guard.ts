import { PleoConnectError } from './errors'

/**
 * One upstream validation per tenant at a time, and a cap on failed attempts per tenant and actor (never per
 * IP, which a client can spoof). In-process: enough for one server instance.
 */
const validating = new Set<string>()
const failures = new Map<string, { count: number, resetAt: number }>()

export function isValidating(tenantId: string): boolean {
  return validating.has(tenantId)
}

/** Runs `work` holding the tenant's validation slot; a second caller gets `busy` at once. */
export async function withValidationSlot<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
  if (validating.has(tenantId)) throw new PleoConnectError('busy')
  validating.add(tenantId)
  try {
    return await work()
  }
  finally {
    validating.delete(tenantId)
  }
}

export interface AttemptLimit {
  max: number
  windowSeconds: number
}

/** Refuses before anything is sent to Pleo once the actor used up the failed attempts of the window. */
export function assertAttemptsLeft(tenantId: string, actor: string, limit: AttemptLimit, now = Date.now()) {
  const entry = failures.get(attemptKey(tenantId, actor))
  if (!entry || entry.resetAt <= now || entry.count < limit.max) return
  throw new PleoConnectError('too_many_attempts', { retryAfter: Math.ceil((entry.resetAt - now) / 1000) })
}

export function recordFailedAttempt(tenantId: string, actor: string, limit: AttemptLimit, now = Date.now()) {
  const key = attemptKey(tenantId, actor)
  const entry = failures.get(key)
  if (!entry || entry.resetAt <= now) failures.set(key, { count: 1, resetAt: now + limit.windowSeconds * 1000 })
  else entry.count++
  pruneExpired(now)
}

export function clearFailedAttempts(tenantId: string, actor: string) {
  failures.delete(attemptKey(tenantId, actor))
}

function attemptKey(tenantId: string, actor: string) {
  return JSON.stringify([tenantId, actor])
}

function pruneExpired(now: number) {
  if (failures.size < 1000) return
  for (const [key, entry] of failures) {
    if (entry.resetAt <= now) failures.delete(key)
  }
}
