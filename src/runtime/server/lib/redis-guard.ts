import { createHash, randomUUID } from 'node:crypto'
import type { GuardBackend } from './guard-backend'
import { defineRedisScript, type RedisClient } from './redis-script'
import { encodeTenantId } from './tenant-id'

// Only the holder's token frees or extends a slot: after a pause longer than the TTL, an old holder must not
// free the slot that another instance took meanwhile.
const releaseScript = defineRedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)
const renewScript = defineRedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
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

export interface RedisGuardOptions {
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
export function createRedisGuard(client: RedisClient, keyPrefix: string, { slotTtlMs = 15_000 }: RedisGuardOptions = {}): GuardBackend {
  const slotKey = (tenantId: string) => `${keyPrefix}validation-slots:${encodeTenantId(tenantId)}`
  // Hashed: an actor id is the host app's choice and may be long; JSON keeps tenant and actor apart.
  const attemptKey = (tenantId: string, actor: string) =>
    `${keyPrefix}failed-attempts:${createHash('sha256').update(JSON.stringify([tenantId, actor])).digest('hex')}`

  /** `SET NX PX` with a token, renewed every third of the TTL until released: a killed holder's lease lapses. */
  async function holdLease(key: string, ttlMs: number) {
    const token = randomUUID()
    if (await client.set(key, token, 'PX', ttlMs, 'NX') !== 'OK') return undefined
    const renewal = setInterval(() => {
      // A lost lease stops the renewal; a failed call is tried again at the next tick.
      renewScript(client, [key], [token, ttlMs]).then((renewed) => {
        if (renewed !== 1) clearInterval(renewal)
      }, () => {})
    }, ttlMs / 3)
    renewal.unref()
    return async () => {
      clearInterval(renewal)
      await releaseScript(client, [key], [token])
    }
  }

  return {
    acquireSlot: tenantId => holdLease(slotKey(tenantId), slotTtlMs),
    acquireLease: (name, ttlMs) => holdLease(`${keyPrefix}leases:${name}`, ttlMs),
    async claimOnce(name, ttlMs) {
      return await client.set(`${keyPrefix}claims:${name}`, randomUUID(), 'PX', ttlMs, 'NX') === 'OK'
    },
    async isSlotTaken(tenantId) {
      return await client.exists(slotKey(tenantId)) === 1
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
