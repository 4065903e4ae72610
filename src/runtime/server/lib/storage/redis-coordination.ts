import { createHash, randomUUID } from 'node:crypto'
import { PROGRESS_STEPS, type ValidationStep } from '../../../shared/error-codes'
import type { ValidationProgress } from '../../../shared/schemas'
import type { Coordination } from './coordination'
import { defineRedisScript, hashTag, type RedisClient } from './redis-script'
import { encodeTenantId } from '../tenant-id'
import { createBatchedReads } from './batched-reads'

// Only the holder's token frees or extends a slot (and the progress beside it, KEYS[2] when given): after a pause
// longer than the TTL, an old holder must not free the slot that another instance took meanwhile.
const releaseScript = defineRedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if KEYS[2] then redis.call('DEL', KEYS[2]) end
return redis.call('DEL', KEYS[1])
`)
const renewScript = defineRedisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if KEYS[2] then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`)
// The progress is written only while its slot is held, and lives no longer than the slot.
const reportStepScript = defineRedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', math.max(1, redis.call('PTTL', KEYS[1])))
return 1
`)
// INCR and EXPIRE in one step: a crash between them would leave a counter that never expires. The window is
// fixed from the first failure; later failures do not extend it.
const countFailureScript = defineRedisScript(`
local count = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
`)
const readFailuresScript = defineRedisScript(`
local count = redis.call('GET', KEYS[1])
if not count then return { 0, 0 } end
return { tonumber(count), redis.call('PTTL', KEYS[1]) }
`)

export interface RedisCoordinationOptions {
  /**
   * How long a slot outlives its holder: the holder renews it every third of this while it validates, so a
   * killed instance's slot is free again within this time.
   * @default 15000
   */
  slotTtlMs?: number
}

/**
 * Validation slots and leases (`SET NX PX` + token), one-time claims (`SET NX PX`) and failed-attempt counters
 * (`INCR` + `EXPIRE`) shared by all instances.
 */
export function createRedisCoordination(client: RedisClient, keyPrefix: string, { slotTtlMs = 15_000 }: RedisCoordinationOptions = {}): Coordination {
  // Hash-tagged by tenant: the scripts and the MGET below touch a slot and its progress together, which a Redis
  // Cluster allows only for keys of one hash slot.
  const slotKey = (tenantId: string) => `${keyPrefix}validation-slots:${hashTag(encodeTenantId(tenantId))}`
  const progressKey = (tenantId: string) => `${keyPrefix}validation-progress:${hashTag(encodeTenantId(tenantId))}`
  // Hashed: an actor id is the host app's choice and may be long; JSON keeps tenant and actor apart.
  const attemptKey = (tenantId: string, actor: string) =>
    `${keyPrefix}failed-attempts:${createHash('sha256').update(JSON.stringify([tenantId, actor])).digest('hex')}`

  const batchedProgressReads = createBatchedReads<ValidationProgress | undefined>()

  /** `SET NX PX` with a token, renewed every third of the TTL until released: a killed holder's lease lapses. */
  async function holdLease(key: string, ttlMs: number, beside: string[] = []) {
    const token = randomUUID()
    if (await client.set(key, token, 'PX', ttlMs, 'NX') !== 'OK') return undefined
    const renewal = setInterval(() => {
      // A lost lease stops the renewal; a failed call is tried again at the next tick.
      renewScript(client, [key, ...beside], [token, ttlMs]).then((renewed) => {
        if (renewed !== 1) clearInterval(renewal)
      }, () => {})
    }, ttlMs / 3)
    renewal.unref()
    return async () => {
      clearInterval(renewal)
      await releaseScript(client, [key, ...beside], [token])
    }
  }

  return {
    async acquireSlot(tenantId) {
      const release = await holdLease(slotKey(tenantId), slotTtlMs, [progressKey(tenantId)])
      if (release) await client.set(progressKey(tenantId), JSON.stringify({ startedAt: new Date().toISOString() }), 'PX', slotTtlMs)
      return release
    },
    acquireLease: (name, ttlMs) => holdLease(`${keyPrefix}leases:${name}`, ttlMs),
    async claimOnce(name, ttlMs) {
      return await client.set(`${keyPrefix}claims:${name}`, randomUUID(), 'PX', ttlMs, 'NX') === 'OK'
    },
    async claimRemainingMs(name) {
      return Math.max(0, await client.pttl(`${keyPrefix}claims:${name}`))
    },
    async isSlotTaken(tenantId) {
      return await client.exists(slotKey(tenantId)) === 1
    },
    async readProgress(tenantId) {
      // Shared by the readers arriving together (each served by a read begun after it asked); each gets its own copy.
      const progress = await batchedProgressReads(tenantId, async () => {
        const [slot, stored] = await client.mget(slotKey(tenantId), progressKey(tenantId))
        if (slot === null) return undefined
        return parseProgress(stored ?? null) ?? { startedAt: new Date().toISOString() }
      })
      return progress && { ...progress }
    },
    async reportStep(tenantId, step) {
      const current = parseProgress(await client.get(progressKey(tenantId))) ?? { startedAt: new Date().toISOString() }
      await reportStepScript(client, [slotKey(tenantId), progressKey(tenantId)], [JSON.stringify({ ...current, step })])
    },
    async failedAttempts(tenantId, actor) {
      const [count, resetInMs] = await readFailuresScript(client, [attemptKey(tenantId, actor)], []) as [number, number]
      return { count, resetInMs: Math.max(0, resetInMs) }
    },
    async addFailedAttempt(tenantId, actor, windowSeconds) {
      await countFailureScript(client, [attemptKey(tenantId, actor)], [Math.max(1, Math.ceil(windowSeconds))])
    },
    async clearFailedAttempts(tenantId, actor) {
      await client.del(attemptKey(tenantId, actor))
    },
  }
}

function parseProgress(raw: string | null): ValidationProgress | undefined {
  if (!raw) return undefined
  try {
    const { startedAt, step } = JSON.parse(raw) as Partial<ValidationProgress>
    if (typeof startedAt !== 'string') return undefined
    return PROGRESS_STEPS.includes(step as ValidationStep) ? { startedAt, step } : { startedAt }
  }
  catch {
    return undefined
  }
}
