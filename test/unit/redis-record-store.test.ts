import type Redis from 'ioredis'
import { createStorage, type Storage } from 'unstorage'
import redisDriver from 'unstorage/drivers/redis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CorruptRecordError, VersionConflictError, type Versioned } from '../../src/runtime/server/lib/storage/record-store'
import { createRedisRecordStore } from '../../src/runtime/server/lib/storage/redis-record-store'
import type { RedisClient } from '../../src/runtime/server/lib/storage/redis-script'
import { encodeTenantId } from '../../src/runtime/server/lib/tenant-id'
import { startRedisServer, type RedisServer } from '../support/redis-server'
import { figure } from '../support/figures'

interface Counter { n: number }

const HEAVY = { timeout: 60_000 }
const increment = (current: Versioned<Counter> | null): Counter => ({ n: (current?.value.n ?? 0) + 1 })

let redis: RedisServer
/** Two app instances: each its own unstorage mount with its own ioredis connection, as Nitro would make them. */
let instances: Array<{ storage: Storage, client: Redis }>

beforeAll(async () => {
  redis = await startRedisServer()
  instances = [0, 1].map(() => {
    const driver = redisDriver({ url: redis.url, base: 'pleo' })
    return { storage: createStorage({ driver }), client: driver.getInstance!() }
  })
})
afterAll(async () => {
  await Promise.all((instances ?? []).map(({ client }) => client.quit()))
  await redis?.stop()
})
beforeEach(async () => {
  await instances[0]!.client.flushall()
})

const storeOf = (instance: number, prefix = 'connections') => createRedisRecordStore<Counter>(instances[instance]!.client, 'pleo:', prefix)

describe('Redis record store', () => {
  it('counts versions and keeps the unstorage driver\'s keys and format, so the mount reads what it writes', async () => {
    const store = storeOf(0)
    expect(await store.read('a/b')).toBeNull()
    expect(await store.update('a/b', increment)).toEqual({ version: 1, value: { n: 1 } })
    expect(await store.compareAndSet('a/b', 1, { n: 5 })).toEqual({ version: 2, value: { n: 5 } })
    const key = `connections:${encodeTenantId('a/b')}`
    expect(await instances[0]!.client.get(`pleo:${key}`)).toBe('{"v":2,"value":{"n":5}}')
    expect(await instances[1]!.storage.getItem(key)).toEqual({ v: 2, value: { n: 5 } })
    expect(await instances[1]!.storage.getKeys()).toEqual([key])
    // And the other way round: a record written through the mount is read by the store.
    await instances[1]!.storage.setItem(`connections:${encodeTenantId('c')}`, { v: 7, value: { n: 7 } })
    expect(await storeOf(0).read('c')).toEqual({ version: 7, value: { n: 7 } })
  })

  it('refuses a compare-and-set on a stale version, from this instance or another', async () => {
    const [first, second] = [storeOf(0), storeOf(1)]
    expect(await first.compareAndSet('t', 0, { n: 1 })).toEqual({ version: 1, value: { n: 1 } })
    await expect(second.compareAndSet('t', 0, { n: 2 })).rejects.toThrow(VersionConflictError)
    await expect(first.compareAndSet('t', 0, { n: 2 })).rejects.toMatchObject({ expectedVersion: 0, actualVersion: 1 })
    expect(await second.compareAndSet('t', 1, { n: 2 })).toEqual({ version: 2, value: { n: 2 } })
    await expect(first.compareAndSet('t', 1, null)).rejects.toMatchObject({ expectedVersion: 1, actualVersion: 2 })
    expect(await first.read('t')).toEqual({ version: 2, value: { n: 2 } })
    await expect(first.compareAndSet('t', -1, null)).rejects.toThrow(TypeError)
  })

  it('keeps counting versions across a delete, so a writer holding the old version cannot overwrite a new record', async () => {
    const [first, second] = [storeOf(0), storeOf(1)]
    await first.update('t', increment)
    expect(await second.compareAndSet('t', 1, null)).toBeNull()
    expect(await first.read('t')).toBeNull()
    expect(await first.list()).toEqual([])
    expect(await second.compareAndSet('t', 0, null)).toBeNull()
    expect(await first.update('t', increment)).toEqual({ version: 3, value: { n: 1 } })
    await expect(second.compareAndSet('t', 1, { n: 99 })).rejects.toMatchObject({ actualVersion: 3 })
  })

  it('lists only its own live records', async () => {
    const store = storeOf(0)
    await Promise.all(['x', 'y:1', 'gone'].map(id => store.update(id, increment)))
    await store.update('gone', () => null)
    await storeOf(1, 'connections-audit').update('other', increment)
    await storeOf(1, 'connections:nested').update('nested', increment)
    await instances[0]!.client.set('pleo:connections:zz', '{"v":1,"value":{"n":1}}')
    expect((await store.list()).sort()).toEqual(['x', 'y:1'])
  })

  it('lists a page of ids at a time, reading no more records at once than a page holds', async () => {
    const { client } = instances[0]!
    const ids = Array.from({ length: 1234 }, (_, i) => `tenant-${i}`)
    const batch = client.pipeline()
    for (const id of ids) batch.set(`pleo:connections:${encodeTenantId(id)}`, JSON.stringify({ v: 1, value: { n: 1 } }))
    await batch.exec()
    let reading = 0
    let mostAtOnce = 0
    const counted = new Proxy(client, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver)
        if (name !== 'get') return typeof value === 'function' ? value.bind(target) : value
        return async (key: string) => {
          mostAtOnce = Math.max(mostAtOnce, ++reading)
          try {
            return await target.get(key)
          }
          finally {
            reading--
          }
        }
      },
    }) as unknown as RedisClient
    const pages: string[][] = []
    for await (const page of createRedisRecordStore<Counter>(counted, 'pleo:', 'connections').pages(100)) pages.push(page)
    expect(new Set(pages.flat())).toEqual(new Set(ids))
    expect(mostAtOnce).toBeLessThanOrEqual(100)
    figure('P23', `Redis: 1,234 records listed in ${pages.length} pages, at most ${mostAtOnce} records read at once`)
  })

  it('never overwrites a value it did not write', async () => {
    const store = storeOf(0)
    for (const foreign of ['{"n":1}', 'not json', '{"v":0,"value":1}', '{"v":1.5,"value":1}', '[1,2]']) {
      const key = `pleo:connections:${encodeTenantId('t')}`
      await instances[0]!.client.flushall()
      await instances[0]!.client.set(key, foreign)
      await expect(store.read('t')).rejects.toThrow(CorruptRecordError)
      await expect(store.update('t', increment)).rejects.toThrow(CorruptRecordError)
      await expect(store.compareAndSet('t', 0, { n: 1 })).rejects.toThrow(CorruptRecordError)
      expect(await instances[0]!.client.get(key)).toBe(foreign)
    }
  })

  it('1,000 concurrent updates from two instances: none lost, every version exactly once, no torn read', HEAVY, async () => {
    const scripts = [0, 0]
    const stores = [0, 1].map((instance) => {
      const client = instances[instance]!.client
      // Counts the Lua calls of this instance: each one beyond the first per update is a retry after a conflict.
      const counting = new Proxy(client, {
        get: (target, property) => property === 'evalsha'
          ? (...args: Parameters<RedisClient['evalsha']>) => (scripts[instance]!++, target.evalsha(...args))
          : Reflect.get(target, property, target),
      })
      return createRedisRecordStore<Counter>(counting, 'pleo:', 'connections')
    })
    let reading = true
    let reads = 0
    let inconsistentReads = 0
    const reader = (async () => {
      while (reading) {
        const record = await stores[reads % 2]!.read('race')
        reads++
        // Every write adds 1 to both: a read of a half-written or mixed record would break this.
        if (record && record.value.n !== record.version) inconsistentReads++
      }
    })()

    const results = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => stores[i % 2]!.update('race', increment)))
    reading = false
    await reader
    const written = results.flatMap(result => result.status === 'fulfilled' && result.value ? [result.value.version] : [])
    const failed = results.filter(result => result.status === 'rejected')
    const final = await stores[0]!.read('race')

    expect(failed).toEqual([])
    expect(final).toEqual({ version: 1000, value: { n: 1000 } })
    expect(written.sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1))
    expect(inconsistentReads).toBe(0)
    const retries = scripts[0]! + scripts[1]! - 1000
    figure('P6', `Redis record store: 0 lost updates in 1,000 concurrent updates from 2 instances (final n = ${final!.value.n}), 0 duplicate or skipped versions, ${retries} retries after a conflict, 0 busy; 0 inconsistent reads of ${reads}`)
  })

  it('negative control: the same 1,000 updates as plain getItem + setItem through the mount lose updates', HEAVY, async () => {
    const results = await Promise.all(Array.from({ length: 1000 }, async (_, i) => {
      const storage = instances[i % 2]!.storage
      const current = await storage.getItem<Counter>('naive')
      await storage.setItem('naive', { n: (current?.n ?? 0) + 1 })
    }))
    const final = await instances[0]!.storage.getItem<Counter>('naive')
    const lost = results.length - final!.n
    expect(lost).toBeGreaterThan(0)
    figure('P6', `Redis negative control: ${lost} of 1,000 updates lost with getItem + setItem across 2 instances`)
  })
})
