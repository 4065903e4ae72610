import Redis from 'ioredis'
import { createStorage, prefixStorage, type Storage } from 'unstorage'
import memoryDriver from 'unstorage/drivers/memory'
import redisDriver from 'unstorage/drivers/redis'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { encodeTenantId } from '../../src/runtime/server/lib/tenant-id'
import { startRedisServer, type RedisServer } from '../support/redis-server'

// Nitro's storage as the module sees it at run time: one root storage with mounts.
const runtime = vi.hoisted(() => ({ storage: undefined as unknown as Storage }))
vi.mock('nitropack/runtime', () => ({
  useStorage: (base?: string) => base ? prefixStorage(runtime.storage, base) : runtime.storage,
  useRuntimeConfig: () => ({ pleoConnect: { storage: 'pleo-connect' } }),
}))
const { useConnectionStores, useCoordination } = await import('../../src/runtime/server/lib/storage/stores')

const increment = (current: { value: { n: number } } | null) => ({ n: (current?.value.n ?? 0) + 1 })

let redis: RedisServer
let raw: Redis

beforeAll(async () => {
  redis = await startRedisServer()
  raw = new Redis(redis.url)
})
afterAll(async () => {
  await runtime.storage?.dispose()
  await raw?.quit()
  await redis?.stop()
})
beforeEach(async () => {
  await raw.flushall()
})

describe('choosing the backend from the mounted driver', () => {
  it('keeps the in-process backend for memory, and switches to Redis when the mount is replaced at startup', async () => {
    runtime.storage = createStorage()
    runtime.storage.mount('pleo-connect', memoryDriver())
    await useConnectionStores().connections.update('t', increment as never)
    expect(await runtime.storage.getKeys('pleo-connect')).toEqual([`pleo-connect:connections:${encodeTenantId('t')}`])
    expect(await raw.keys('*')).toEqual([])

    // What a host app's server plugin does: unmount without awaiting anything, then mount Redis.
    void runtime.storage.unmount('pleo-connect', false)
    runtime.storage.mount('pleo-connect', redisDriver({ url: redis.url, base: 'pleo' }))
    await useConnectionStores().connections.update('t', increment as never)
    const release = await useCoordination().acquireSlot('t')
    await useCoordination().addFailedAttempt('t', 'actor', 60)
    const keys = (await raw.keys('*')).sort()
    expect(keys).toEqual([`pleo:connections:${encodeTenantId('t')}`, expect.stringMatching(/^pleo:failed-attempts:[0-9a-f]{64}$/), `pleo:validation-progress:{${encodeTenantId('t')}}`, `pleo:validation-slots:{${encodeTenantId('t')}}`])
    expect(await runtime.storage.getItem(`pleo-connect:connections:${encodeTenantId('t')}`)).toEqual({ v: 1, value: { n: 1 } })
    await release!()
  })

  it('finds the records where the driver puts them when Redis is mounted above the module\'s mount', async () => {
    await runtime.storage?.dispose()
    runtime.storage = createStorage({ driver: redisDriver({ url: redis.url, base: 'app' }) })
    await useConnectionStores().connections.update('t', increment as never)
    expect(await raw.keys('*')).toEqual([`app:pleo-connect:connections:${encodeTenantId('t')}`])
    expect(await runtime.storage.getItem(`pleo-connect:connections:${encodeTenantId('t')}`)).toEqual({ v: 1, value: { n: 1 } })
  })
})
