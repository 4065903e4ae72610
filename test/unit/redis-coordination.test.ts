import Redis from 'ioredis'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Coordination } from '../../src/runtime/server/lib/storage/coordination'
import { createRedisCoordination } from '../../src/runtime/server/lib/storage/redis-coordination'
import { startRedisServer, type RedisServer } from '../support/redis-server'
import { figure } from '../support/figures'

// The guard functions default to the backend Nitro's storage selects; these tests pass their own.
vi.mock('nitropack/runtime', () => ({
  useStorage: () => {
    throw new Error('not in Nitro')
  },
  useRuntimeConfig: () => ({}),
}))
const { assertAttemptsLeft, isValidating, recordFailedAttempt, withValidationSlot } = await import('../../src/runtime/server/lib/connection/validation-slot')

const HEAVY = { timeout: 60_000 }
const LIMIT = { max: 5, windowSeconds: 900 }

let redis: RedisServer
const clients: Redis[] = []
let guards: Coordination[]

function newClient() {
  const client = new Redis(redis.url)
  clients.push(client)
  return client
}

beforeAll(async () => {
  redis = await startRedisServer()
  // Two app instances, each with its own connection.
  guards = [createRedisCoordination(newClient(), 'pleo:'), createRedisCoordination(newClient(), 'pleo:')]
})
afterAll(async () => {
  await Promise.all(clients.map(client => client.status === 'end' ? undefined : client.quit()))
  await redis?.stop()
})
beforeEach(async () => {
  await clients[0]!.flushall()
})

describe('validation slot across instances', () => {
  it('200 concurrent acquisitions from two instances: exactly 1 gets the slot, and it is free again after release', async () => {
    const releases = await Promise.all(Array.from({ length: 200 }, (_, i) => guards[i % 2]!.acquireSlot('tenant-a')))
    const held = releases.filter(release => release !== undefined)
    expect(held).toHaveLength(1)
    expect(await isValidating('tenant-a', guards[0])).toBe(true)
    expect(await isValidating('tenant-a', guards[1])).toBe(true)
    expect(await isValidating('tenant-b', guards[1])).toBe(false)
    await held[0]!()
    expect(await isValidating('tenant-a', guards[1])).toBe(false)
    expect(await guards[1]!.acquireSlot('tenant-a')).toBeTypeOf('function')
    figure('P7', '1 of 200 concurrent validation-slot acquisitions from 2 instances succeeded')
  })

  it('withValidationSlot tells a second instance busy, and frees the slot when the work fails', async () => {
    let finish!: () => void
    const first = withValidationSlot('t', () => new Promise<string>((resolve) => {
      finish = () => resolve('done')
    }), guards[0])
    await vi.waitFor(async () => expect(await isValidating('t', guards[1])).toBe(true))
    await expect(withValidationSlot('t', async () => 'second', guards[1])).rejects.toMatchObject({ code: 'busy', statusCode: 409 })
    // The slot is taken before the work starts: on a busy machine the work may not have begun yet.
    await vi.waitFor(() => expect(finish).toBeTypeOf('function'))
    finish()
    expect(await first).toBe('done')
    await expect(withValidationSlot('t', async () => {
      throw new Error('upstream failed')
    }, guards[1])).rejects.toThrow('upstream failed')
    expect(await isValidating('t', guards[0])).toBe(false)
  })

  it('is freed only by its holder: a holder whose slot lapsed cannot free the next holder\'s', async () => {
    const releaseA = await guards[0]!.acquireSlot('t')
    // The slot lapses while A is paused (as after a TTL expiry), and B takes it.
    await clients[0]!.del('pleo:validation-slots:{74}')
    const releaseB = await guards[1]!.acquireSlot('t')
    expect(releaseB).toBeTypeOf('function')
    await releaseA!()
    expect(await guards[0]!.isSlotTaken('t')).toBe(true)
    expect(await guards[0]!.acquireSlot('t')).toBeUndefined()
    await releaseB!()
    expect(await guards[0]!.isSlotTaken('t')).toBe(false)
  })

  it('is kept while its holder works longer than the TTL', async () => {
    const guard = createRedisCoordination(clients[0]!, 'pleo:', { slotTtlMs: 300 })
    const release = await guard.acquireSlot('t')
    await new Promise(resolve => setTimeout(resolve, 1000))
    expect(await guards[1]!.acquireSlot('t')).toBeUndefined()
    await release!()
    expect(await guard.isSlotTaken('t')).toBe(false)
  })

  it('is recovered within the TTL when its holder vanishes', async () => {
    const ttl = 1000
    const doomed = newClient()
    const holder = createRedisCoordination(doomed, 'pleo:', { slotTtlMs: ttl })
    expect(await holder.acquireSlot('t')).toBeTypeOf('function')
    await new Promise(resolve => setTimeout(resolve, 500))
    // The instance dies: no release, no more renewals.
    doomed.disconnect()
    const vanishedAt = Date.now()
    let recoveredAfter = -1
    while (Date.now() - vanishedAt < ttl + 1000) {
      if (await guards[1]!.acquireSlot('t')) {
        recoveredAfter = Date.now() - vanishedAt
        break
      }
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    expect(recoveredAfter).toBeGreaterThanOrEqual(0)
    expect(recoveredAfter).toBeLessThanOrEqual(ttl + 1000)
    figure('P7', `validation slot recovered ${recoveredAfter} ms after its holder vanished (TTL ${ttl} ms)`)
  })
})

describe('failed-attempt limit across instances', () => {
  /** One submit as submitKey makes it: check, take the slot, check again, call Pleo, count the failure. */
  async function badSubmit(guard: Coordination, actor: string, upstream: { calls: number }) {
    await assertAttemptsLeft('tenant-a', actor, LIMIT, guard)
    return withValidationSlot('tenant-a', async () => {
      await assertAttemptsLeft('tenant-a', actor, LIMIT, guard)
      upstream.calls++
      await new Promise(resolve => setTimeout(resolve, 2))
      await recordFailedAttempt('tenant-a', actor, LIMIT, guard)
    }, guard)
  }

  it('1,000 bad submits in bursts of 100 over two instances reach Pleo at most 5 times, counted per tenant + actor only', HEAVY, async () => {
    const upstream = { calls: 0 }
    const outcomes: Record<string, number> = {}
    for (let burst = 0; burst < 10; burst++) {
      const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => badSubmit(guards[i % 2]!, 'mallory@example.test', upstream)))
      for (const result of results) {
        const code = result.status === 'rejected' ? (result.reason as { code: string }).code : 'validated'
        outcomes[code] = (outcomes[code] ?? 0) + 1
      }
    }
    expect(upstream.calls).toBe(LIMIT.max)
    expect(outcomes.validated).toBe(LIMIT.max)
    expect((outcomes.busy ?? 0) + (outcomes.too_many_attempts ?? 0)).toBe(1000 - LIMIT.max)
    await expect(assertAttemptsLeft('tenant-a', 'mallory@example.test', LIMIT, guards[1])).rejects.toMatchObject({ code: 'too_many_attempts' })
    const counters = await clients[0]!.keys('pleo:failed-attempts:*')
    expect(counters).toHaveLength(1)
    const ttl = await clients[0]!.ttl(counters[0]!)
    expect(ttl).toBeGreaterThan(LIMIT.windowSeconds - 60)
    expect(ttl).toBeLessThanOrEqual(LIMIT.windowSeconds)
    // Another admin of the same tenant is not locked out.
    await expect(assertAttemptsLeft('tenant-a', 'alice@example.test', LIMIT, guards[0])).resolves.toBeUndefined()
    figure('P7', `attempt limit: ${upstream.calls} upstream calls (limit ${LIMIT.max}) for 1,000 bad submits in 10 bursts of 100 over 2 instances (${outcomes.busy ?? 0} busy, ${outcomes.too_many_attempts ?? 0} too_many_attempts); 1 counter key, for tenant + actor (the guard is never given a client IP)`)
  })

  it('says when to retry, and the window ends by itself', async () => {
    const limit = { max: 2, windowSeconds: 1 }
    await recordFailedAttempt('t', 'a', limit, guards[0])
    await recordFailedAttempt('t', 'a', limit, guards[1])
    await expect(assertAttemptsLeft('t', 'a', limit, guards[1])).rejects.toMatchObject({ code: 'too_many_attempts', data: { retryAfter: 1 } })
    await new Promise(resolve => setTimeout(resolve, 1100))
    await expect(assertAttemptsLeft('t', 'a', limit, guards[0])).resolves.toBeUndefined()
    expect(await guards[0]!.failedAttempts('t', 'a')).toEqual({ count: 0, resetInMs: 0 })
  })

  it('a later failure does not extend the window, and a success clears the count everywhere', async () => {
    await guards[0]!.addFailedAttempt('t', 'a', 900)
    await clients[0]!.expire((await clients[0]!.keys('pleo:failed-attempts:*'))[0]!, 100)
    await guards[1]!.addFailedAttempt('t', 'a', 900)
    const { count, resetInMs } = await guards[1]!.failedAttempts('t', 'a')
    expect(count).toBe(2)
    expect(resetInMs).toBeLessThanOrEqual(100_000)
    await guards[1]!.clearFailedAttempts('t', 'a')
    expect((await guards[0]!.failedAttempts('t', 'a')).count).toBe(0)
  })
})
