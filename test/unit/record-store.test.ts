import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStorage, prefixStorage, type Storage } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import {
  CorruptRecordError,
  createRecordStore,
  type KeyListing,
  VersionConflictError,
  type Versioned,
} from '../../src/runtime/server/lib/storage/record-store'
import { encodeTenantId } from '../../src/runtime/server/lib/tenant-id'
import atomicFs from '../../src/runtime/server/storage/atomic-fs.mjs'
import { figure } from '../support/figures'

interface Counter { n: number, padding?: string }

const HEAVY = { timeout: 60_000 }
const locks = (globalThis as Record<symbol, unknown>)[Symbol.for('nuxt-pleo-connect:record-locks')] as Map<string, unknown>
const temporaryDirectories: string[] = []

afterAll(async () => {
  await Promise.all(temporaryDirectories.map(directory => rm(directory, { recursive: true, force: true })))
})

async function fsStorage(): Promise<Storage> {
  const directory = await mkdtemp(join(tmpdir(), 'pleo-record-store-'))
  temporaryDirectories.push(directory)
  return createStorage({ driver: fsDriver({ base: directory }) })
}

async function memoryStorage(): Promise<Storage> {
  return createStorage()
}

const increment = (current: Versioned<Counter> | null): Counter => ({ n: (current?.value.n ?? 0) + 1 })

describe.each([['memory', memoryStorage], ['fs', fsStorage]])('record store over the %s driver', (driver, makeStorage) => {
  it('starts at version 1 and adds one per write', async () => {
    const store = createRecordStore<Counter>(await makeStorage(), 'connections')
    expect(await store.read('t')).toBeNull()
    expect(await store.update('t', increment)).toEqual({ version: 1, value: { n: 1 } })
    expect(await store.update('t', increment)).toEqual({ version: 2, value: { n: 2 } })
    expect(await store.compareAndSet('t', 2, { n: 10 })).toEqual({ version: 3, value: { n: 10 } })
    expect(await store.read('t')).toEqual({ version: 3, value: { n: 10 } })
  })

  it('stores { v, value } as JSON under <prefix>:<encoded tenant id>', async () => {
    const storage = await makeStorage()
    await createRecordStore<Counter>(storage, 'connections').update('a/b', increment)
    expect(await storage.getKeys()).toEqual([`connections:${encodeTenantId('a/b')}`])
    expect(await storage.getItem(`connections:${encodeTenantId('a/b')}`)).toEqual({ v: 1, value: { n: 1 } })
  })

  it('loses no update among 1,000 concurrent increments of one record', HEAVY, async () => {
    const store = createRecordStore<Counter>(await makeStorage(), 'connections')
    const results = await Promise.all(Array.from({ length: 1000 }, () => store.update('t', increment)))
    const versions = results.map(result => result!.version).sort((a, b) => a - b)
    const final = await store.read('t')
    const skippedOrDuplicated = versions.filter((version, index) => version !== index + 1).length
    // Each write was based on the latest state: the counter equals the version it was written at.
    const staleWrites = results.filter(result => result!.value.n !== result!.version).length
    figure('P6', `record store (${driver}): 1000 concurrent updates → counter ${final?.value.n}, version ${final?.version}, ${1000 - final!.value.n} lost, ${skippedOrDuplicated} duplicate or skipped versions, ${staleWrites} stale writes`)
    expect(final).toEqual({ version: 1000, value: { n: 1000 } })
    expect(skippedOrDuplicated).toBe(0)
    expect(staleWrites).toBe(0)
    expect(locks.size).toBe(0)
  })

  it('negative control: a naive read-then-setItem loses updates', HEAVY, async () => {
    const storage = await makeStorage()
    await Promise.all(Array.from({ length: 1000 }, async () => {
      const current = await storage.getItem<Counter>('naive')
      await storage.setItem('naive', { n: (current?.n ?? 0) + 1 })
    }))
    const final = await storage.getItem<Counter>('naive')
    const lost = 1000 - (final?.n ?? 0)
    figure('P6', `record store (${driver}): negative control lost ${lost} of 1000 updates`)
    expect(lost).toBeGreaterThan(0)
  })

  // Each trial starts a 1 MiB write and reads at once, which is when the fs driver's truncate-then-write shows.
  const padding = 'x'.repeat(1024 * 1024)
  const isTorn = (value: Counter | null | unknown) =>
    value !== null && (typeof value !== 'object' || (value as Counter).padding !== padding)

  it('never lets a read see a half-written record', HEAVY, async () => {
    const store = createRecordStore<Counter>(await makeStorage(), 'connections')
    let tornReads = 0
    for (let trial = 0; trial < 200; trial++) {
      const writing = store.update('big', current => ({ n: (current?.value.n ?? 0) + 1, padding }))
      const read = await store.read('big')
      if (isTorn(read?.value ?? null) || read?.version !== trial + 1) tornReads++
      await writing
    }
    figure('P6', `record store (${driver}): ${tornReads} torn reads in 200 reads racing 1 MiB writes`)
    expect(tornReads).toBe(0)
  })

  // Only the fs driver can tear a read; the memory driver has nothing to control against.
  if (driver === 'fs') {
    it('negative control: raw fs reads racing writes are torn', HEAVY, async () => {
      const storage = await makeStorage()
      let tornReads = 0
      for (let trial = 0; trial < 200; trial++) {
        const writing = storage.setItem('raw', { n: trial, padding })
        if (isTorn(await storage.getItem('raw').catch(() => 'unreadable'))) tornReads++
        await writing
      }
      console.info(`record-store (${driver}): negative control saw ${tornReads} torn reads in 200 raw reads racing 1 MiB writes`)
      expect(tornReads).toBeGreaterThan(0)
    })
  }

  it('refuses a compareAndSet on a stale version and keeps the stored record', async () => {
    const store = createRecordStore<Counter>(await makeStorage(), 'connections')
    expect(await store.compareAndSet('t', 0, { n: 1 })).toEqual({ version: 1, value: { n: 1 } })
    const conflict = await store.compareAndSet('t', 0, { n: 99 }).catch((error: unknown) => error)
    expect(conflict).toBeInstanceOf(VersionConflictError)
    expect(conflict).toMatchObject({ expectedVersion: 0, actualVersion: 1 })
    await expect(store.compareAndSet('t', 2, { n: 99 })).rejects.toThrow(VersionConflictError)
    await expect(store.compareAndSet('absent', 1, { n: 99 })).rejects.toMatchObject({ actualVersion: 0 })
    await expect(store.compareAndSet('t', -1, { n: 99 })).rejects.toThrow(TypeError)
    expect(await store.read('t')).toEqual({ version: 1, value: { n: 1 } })
    expect(await store.read('absent')).toBeNull()
  })

  it('lets exactly one of many concurrent compareAndSets on the same version win', async () => {
    const store = createRecordStore<Counter>(await makeStorage(), 'connections')
    await store.update('t', increment)
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, n) => store.compareAndSet('t', 1, { n })))
    expect(outcomes.filter(outcome => outcome.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.filter(outcome => outcome.status === 'rejected' && outcome.reason instanceof VersionConflictError)).toHaveLength(49)
  })

  it('deletes, and keeps counting versions so a stale writer cannot overwrite a re-created record', async () => {
    const store = createRecordStore<Counter>(await makeStorage(), 'connections')
    await store.update('t', increment)
    expect(await store.update('t', () => null)).toBeNull()
    expect(await store.read('t')).toBeNull()
    expect(await store.list()).toEqual([])
    expect(await store.update('t', () => null)).toBeNull()

    const recreated = await store.compareAndSet('t', 0, { n: 7 })
    expect(recreated).toEqual({ version: 3, value: { n: 7 } })
    // A writer that read version 1 before the delete must not win.
    await expect(store.compareAndSet('t', 1, { n: 0 })).rejects.toThrow(VersionConflictError)
    expect(await store.compareAndSet('t', 3, null)).toBeNull()
    expect(await store.read('t')).toBeNull()
  })

  it('lists the ids that have a record, decoded, and nothing else', async () => {
    const storage = await makeStorage()
    const store = createRecordStore<Counter>(storage, 'connections')
    const ids = ['a/b', 'a:b', 'a\\b', 'a::b', 'a?b', 'A', 'a', 'é', '😀 x']
    for (const id of ids) await store.update(id, increment)
    await store.update('gone', increment)
    await store.update('gone', () => null)
    await createRecordStore<Counter>(storage, 'connections-audit').update('other', increment)
    await createRecordStore<Counter>(storage, 'connections:nested').update('nested', increment)
    await storage.setItem('connections:zz', { v: 1, value: { n: 1 } })
    await storage.setItem('connectionsx:61', { v: 1, value: { n: 1 } })
    expect((await store.list()).sort()).toEqual([...ids].sort())
  })

  it('lists a page of ids at a time, reading no more records at once than a page holds', async () => {
    const storage = await makeStorage()
    const store = createRecordStore<Counter>(storage, 'connections')
    const ids = Array.from({ length: 1234 }, (_, i) => `tenant-${i}`)
    for (const id of ids) await storage.setItem(`connections:${encodeTenantId(id)}`, { v: 1, value: { n: 1 } })
    await store.update('tenant-0', () => null)
    let reading = 0
    let mostAtOnce = 0
    const getItem = storage.getItem.bind(storage)
    storage.getItem = (async (...args: Parameters<Storage['getItem']>) => {
      mostAtOnce = Math.max(mostAtOnce, ++reading)
      try {
        return await getItem(...args)
      }
      finally {
        reading--
      }
    }) as Storage['getItem']
    const pages: string[][] = []
    for await (const page of store.pages(100)) pages.push(page)
    expect(pages.length).toBe(13)
    expect(pages.every(page => page.length <= 100)).toBe(true)
    expect(pages.flat().sort()).toEqual(ids.slice(1).sort())
    expect(mostAtOnce).toBeLessThanOrEqual(100)
    figure('P23', `${driver}: 1,233 records listed in ${pages.length} pages of ≤ 100, at most ${mostAtOnce} records read at once`)
  })

  it('writes nothing when change throws or returns undefined, and releases the lock', async () => {
    const store = createRecordStore<Counter>(await makeStorage(), 'connections')
    await store.update('t', increment)
    await expect(store.update('t', () => {
      throw new Error('refused')
    })).rejects.toThrow('refused')
    await expect(store.update('t', async () => {
      throw new Error('refused later')
    })).rejects.toThrow('refused later')
    expect(await store.update('t', () => undefined)).toBeNull()
    expect(await store.update('absent', () => undefined)).toBeNull()
    expect(await store.read('t')).toEqual({ version: 1, value: { n: 1 } })
    expect(await store.read('absent')).toBeNull()
    expect(await store.update('t', async current => increment(current))).toEqual({ version: 2, value: { n: 2 } })
    expect(locks.size).toBe(0)
  })

  it('serialises stores made from separate prefixStorage wrappers of the same storage', HEAVY, async () => {
    const storage = await makeStorage()
    // Nitro's useStorage(base) returns a new wrapper on every call.
    const first = createRecordStore<Counter>(prefixStorage(storage, 'pleo-connect'), 'connections')
    const second = createRecordStore<Counter>(prefixStorage(storage, 'pleo-connect'), 'connections')
    await Promise.all(Array.from({ length: 500 }, (_, index) => (index % 2 ? first : second).update('t', increment)))
    expect(await first.read('t')).toEqual({ version: 500, value: { n: 500 } })
  })

  it('refuses a record it did not write instead of overwriting it', async () => {
    const storage = await makeStorage()
    const store = createRecordStore<Counter>(storage, 'connections')
    const key = `connections:${encodeTenantId('t')}`
    for (const foreign of ['half-writ', { n: 1 }, { v: 0, value: 1 }, { v: 1.5, value: 1 }]) {
      await storage.setItem(key, foreign)
      await expect(store.read('t')).rejects.toThrow(CorruptRecordError)
      await expect(store.update('t', increment)).rejects.toThrow(CorruptRecordError)
      await expect(store.compareAndSet('t', 1, { n: 2 })).rejects.toThrow(CorruptRecordError)
      expect(await storage.getItem(key)).toEqual(foreign)
    }
  })

  it('compares a large record by its version, and still refuses a large value it did not write', async () => {
    const storage = await makeStorage()
    const store = createRecordStore<Counter>(storage, 'connections')
    const padding = 'x'.repeat(500)
    expect(await store.compareAndSet('t', 0, { n: 1, padding })).toEqual({ version: 1, value: { n: 1, padding } })
    expect(await store.compareAndSet('t', 1, { n: 2, padding })).toEqual({ version: 2, value: { n: 2, padding } })
    await expect(store.compareAndSet('t', 1, { n: 3, padding })).rejects.toMatchObject({ expectedVersion: 1, actualVersion: 2 })
    expect(await store.compareAndSet('t', 2, null)).toBeNull()
    await expect(store.compareAndSet('t', 2, { n: 3 })).rejects.toMatchObject({ actualVersion: 0 })
    expect(await store.compareAndSet('t', 0, { n: 4, padding })).toEqual({ version: 4, value: { n: 4, padding } })

    // The version alone is read: the stored value is never parsed on the way to the write.
    const parse = vi.spyOn(JSON, 'parse')
    try {
      expect(await store.compareAndSet('t', 4, { n: 5, padding })).toEqual({ version: 5, value: { n: 5, padding } })
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes(padding))).toEqual([])
    }
    finally {
      parse.mockRestore()
    }

    const key = `connections:${encodeTenantId('t')}`
    const cut = `{"v":5,"value":{"n":5,"padding":"${padding}`
    for (const foreign of [{ n: 1, padding }, { v: 5.5, value: { padding } }, cut]) {
      await storage.setItem(key, foreign)
      await expect(store.compareAndSet('t', 5, { n: 6 })).rejects.toThrow(CorruptRecordError)
      expect(await storage.getItem(key)).toEqual(foreign)
    }
    // A record written otherwise (the value first) is read whole, and compared all the same.
    await storage.setItem(key, { value: { n: 5, padding }, v: 5 })
    await expect(store.compareAndSet('t', 4, { n: 6 })).rejects.toMatchObject({ actualVersion: 5 })
    expect(await store.compareAndSet('t', 5, { n: 6 })).toEqual({ version: 6, value: { n: 6 } })
  })

  it('refuses invalid tenant ids and prefixes', async () => {
    const store = createRecordStore<Counter>(await makeStorage(), 'connections')
    await expect(store.read('')).rejects.toThrow(TypeError)
    await expect(store.update('a\nb', increment)).rejects.toThrow(TypeError)
    await expect(store.compareAndSet('x'.repeat(101), 0, { n: 1 })).rejects.toThrow(TypeError)
    for (const prefix of ['', 'a/b', ':a', 'a:', 'a::b', 'a?b', 'a b']) {
      expect(() => createRecordStore(createStorage(), prefix)).toThrow(TypeError)
    }
  })
})

describe('overlapping reads', () => {
  it('share one storage read, and each reader gets its own copy', async () => {
    const storage = createStorage()
    const store = createRecordStore<Counter>(storage, 'connections')
    await store.update('t', () => ({ n: 1 }))
    let storageReads = 0
    const getItem = storage.getItem.bind(storage)
    storage.getItem = ((...args: Parameters<typeof getItem>) => {
      storageReads++
      return getItem(...args)
    }) as typeof storage.getItem
    const reads = await Promise.all(Array.from({ length: 100 }, () => store.read('t')))
    expect(storageReads).toBe(1)
    reads[0]!.value.n = 99
    expect(reads[1]!.value.n).toBe(1)
    expect((await store.read('t'))!.value.n).toBe(1)
  })

  it('a lone reader gets the value as read, without a copy; readers who shared a read get one each', async () => {
    const store = createRecordStore<Counter>(createStorage(), 'connections')
    await store.update('t', () => ({ n: 1 }))
    const clone = vi.spyOn(globalThis, 'structuredClone')
    try {
      const alone = await store.read('t')
      expect(clone).not.toHaveBeenCalled()
      alone!.value.n = 99
      const [first, second] = await Promise.all([store.read('t'), store.read('t')])
      expect(clone).toHaveBeenCalledTimes(2)
      expect([first!.value.n, second!.value.n]).toEqual([1, 1])
      first!.value.n = 7
      expect(second!.value.n).toBe(1)
    }
    finally {
      clone.mockRestore()
    }
  })

  it('a read that starts after a write has finished sees that write', async () => {
    const store = createRecordStore<Counter>(createStorage(), 'connections')
    await store.update('t', () => ({ n: 1 }))
    const [, afterWrite] = await Promise.all([store.update('t', () => ({ n: 2 })), store.read('t')])
    expect(afterWrite!.value.n).toBe(2)
    expect((await store.read('t'))!.value.n).toBe(2)
  })
})

describe('the module\'s fs driver', () => {
  it('lists a directory a page at a time, never every name at once, and skips temporary and nested files', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'pleo-record-pages-'))
    temporaryDirectories.push(directory)
    const driver = atomicFs({ base: directory }) as ReturnType<typeof atomicFs> & { getKeyPages: KeyListing }
    const storage = createStorage({ driver })
    driver.getKeys = () => {
      throw new Error('listed every key at once')
    }
    const ids = Array.from({ length: 1234 }, (_, i) => `tenant-${i}`)
    for (const id of ids) await storage.setItem(`connections:${encodeTenantId(id)}`, { v: 1, value: { n: 1 } })
    await storage.setItem('connections:nested:x', { v: 1, value: { n: 1 } })
    await writeFile(join(directory, 'connections', `${encodeTenantId('half')}.abc.tmp`), '{"v":')
    const store = createRecordStore<Counter>(storage, 'connections', { listing: (base, size) => driver.getKeyPages(base, size) })
    await store.update('tenant-0', () => null)
    const pages: string[][] = []
    for await (const page of store.pages(100)) pages.push(page)
    expect(pages.every(page => page.length <= 100)).toBe(true)
    expect(pages.flat().sort()).toEqual(ids.slice(1).sort())
    const entries = []
    for await (const page of store.entries(100)) entries.push(...page)
    expect(entries.find(entry => entry.id === 'tenant-7')).toEqual({ id: 'tenant-7', record: { version: 1, value: { n: 1 } } })
    figure('P23', `fs: 1,233 records listed from the directory in ${pages.length} pages of ≤ 100, no whole-directory listing`)
  })
})
