import type { ValidationStep } from '../../../shared/error-codes'
import type { ValidationProgress } from '../../../shared/schemas'

/**
 * Where validation slots and failed-attempt counters live: in this process (one server instance), or in Redis
 * (`redis-coordination.ts`) when several instances share the storage.
 */
export interface Coordination {
  /** Takes the tenant's validation slot: its release, or `undefined` while another caller holds it. */
  acquireSlot(tenantId: string): Promise<(() => Promise<void>) | undefined>
  isSlotTaken(tenantId: string): Promise<boolean>
  /** The running validation's progress (when it started, the step it is on), or `undefined` when none runs. */
  readProgress(tenantId: string): Promise<ValidationProgress | undefined>
  /** Records the step the tenant's running validation is on (only its slot holder calls this). */
  reportStep(tenantId: string, step: ValidationStep): Promise<void>
  /** Takes a named lease, kept alive until released (or `ttlMs` after its holder died): its release, or `undefined`. */
  acquireLease(name: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>
  /** `true` for the first caller of `name` within `ttlMs`, `false` for every other one. */
  claimOnce(name: string, ttlMs: number): Promise<boolean>
  /** Milliseconds until the claim `name` lapses (0 when there is none). */
  claimRemainingMs(name: string): Promise<number>
  /** The actor's failed attempts in the current window, and the milliseconds until the window ends. */
  failedAttempts(tenantId: string, actor: string): Promise<{ count: number, resetInMs: number }>
  /** Counts one failed attempt; the first one of a window starts it. */
  addFailedAttempt(tenantId: string, actor: string, windowSeconds: number): Promise<void>
  clearFailedAttempts(tenantId: string, actor: string): Promise<void>
}

/** The in-process backend: a slot is a set entry, taken and checked in one synchronous step. */
export function createMemoryCoordination(): Coordination {
  const validating = new Map<string, ValidationProgress>()
  const leases = new Set<string>()
  const claims = new Map<string, number>()
  const failures = new Map<string, { count: number, resetAt: number }>()
  const attemptKey = (tenantId: string, actor: string) => JSON.stringify([tenantId, actor])

  function pruneExpired(now: number) {
    if (failures.size < 1000) return
    for (const [key, entry] of failures) {
      if (entry.resetAt <= now) failures.delete(key)
    }
  }

  return {
    async acquireSlot(tenantId) {
      if (validating.has(tenantId)) return undefined
      validating.set(tenantId, { startedAt: new Date().toISOString() })
      return async () => {
        validating.delete(tenantId)
      }
    },
    async isSlotTaken(tenantId) {
      return validating.has(tenantId)
    },
    async readProgress(tenantId) {
      const progress = validating.get(tenantId)
      return progress && { ...progress }
    },
    async reportStep(tenantId, step) {
      const progress = validating.get(tenantId)
      if (progress) progress.step = step
    },
    async acquireLease(name) {
      if (leases.has(name)) return undefined
      leases.add(name)
      return async () => {
        leases.delete(name)
      }
    },
    async claimOnce(name, ttlMs) {
      const now = Date.now()
      for (const [claimed, expiresAt] of claims) if (expiresAt <= now) claims.delete(claimed)
      if (claims.has(name)) return false
      claims.set(name, now + ttlMs)
      return true
    },
    async claimRemainingMs(name) {
      return Math.max(0, (claims.get(name) ?? 0) - Date.now())
    },
    async failedAttempts(tenantId, actor) {
      const now = Date.now()
      const entry = failures.get(attemptKey(tenantId, actor))
      return entry && entry.resetAt > now ? { count: entry.count, resetInMs: entry.resetAt - now } : { count: 0, resetInMs: 0 }
    },
    async addFailedAttempt(tenantId, actor, windowSeconds) {
      const now = Date.now()
      const key = attemptKey(tenantId, actor)
      const entry = failures.get(key)
      if (!entry || entry.resetAt <= now) failures.set(key, { count: 1, resetAt: now + windowSeconds * 1000 })
      else entry.count++
      pruneExpired(now)
    },
    async clearFailedAttempts(tenantId, actor) {
      failures.delete(attemptKey(tenantId, actor))
    },
  }
}
