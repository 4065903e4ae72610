import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStorage, type Driver } from 'unstorage'
import { afterAll, describe, expect, it } from 'vitest'
import { createRecordStore } from '../../src/runtime/server/lib/storage/record-store'
import { createStampedCopies } from '../../src/runtime/server/lib/storage/stamped-copies'
import atomicFs from '../../src/runtime/server/storage/atomic-fs.mjs'

interface Counter { n: number, padding?: string }

const directories: string[] = []
afterAll(() => Promise.all(directories.map(directory => rm(directory, { recursive: true, force: true }))))

// Far above any file system's clock tick (≤ 10 ms on Linux), so the tests wait less than the default second.
const SETTLE_MS = 150

/** One instance's view of a shared directory: its own driver and store, and how many files it has read. */
function instance(base: string) {
  const driver = atomicFs({ base, stampSettleMs: SETTLE_MS }) as Driver
  let reads = 0
  const counted: Driver = { ...driver, getItem: (key, options) => (reads++, driver.getItem(key, options)) }
  const store = createRecordStore<Counter>(createStorage({ driver: counted }), 'connections', { stamped: true })
  return { store, reads: () => reads }
}

/** Waits until the record's file has settled, so that its stamp is handed out. */
const settle = () => new Promise(resolve => setTimeout(resolve, SETTLE_MS + 50))

async function sharedDirectory() {
  const base = await mkdtemp(join(tmpdir(), 'pleo-stamped-'))
  directories.push(base)
  return base
}

describe('fs reads served from a parsed copy while the file is unchanged', () => {
  it('a settled record is read once, then served by one stat per read', async () => {
    const base = await sharedDirectory()
    const reader = instance(base)
    await reader.store.update('t', () => ({ n: 1 }))
    await settle()
    const before = reader.reads()
    for (let i = 0; i < 5; i++) expect(await reader.store.readShared('t')).toEqual({ version: 1, value: { n: 1 } })
    expect(reader.reads() - before).toBe(1)
  })

  it('a write by another instance is what the next read sees: 0 stale reads in 20 rounds, with 1 to 3 writes between reads, read at once or after settling', { timeout: 30_000 }, async () => {
    const base = await sharedDirectory()
    const writer = instance(base)
    const reader = instance(base)
    await writer.store.update('t', () => ({ n: 0 }))
    let stale = 0
    let served = 0
    for (let round = 1; round <= 20; round++) {
      // The reader's copy is warm and settled; then the other instance writes, sometimes several times (the
      // same size each time, so only the file's identity tells the writes apart), and the reader reads at once.
      await settle()
      await reader.store.readShared('t')
      const readsBefore = reader.reads()
      await reader.store.readShared('t')
      if (reader.reads() === readsBefore) served++
      let written = 0
      for (let write = 0; write < 1 + (round % 3); write++) written = (await writer.store.update('t', () => ({ n: round })))!.version
      // Read at once (the new file is too young to be trusted by its stamp), or once it has settled (the stamp
      // alone must tell that it changed).
      if (round % 2) await settle()
      const seen = await reader.store.readShared('t')
      if (seen?.version !== written || seen.value.n !== round) stale++
    }
    expect(served).toBe(20)
    expect(stale).toBe(0)
  })

  it('a record deleted by another instance reads as absent at once', async () => {
    const base = await sharedDirectory()
    const writer = instance(base)
    const reader = instance(base)
    await writer.store.update('t', () => ({ n: 1 }))
    await settle()
    expect(await reader.store.readShared('t')).not.toBeNull()
    await writer.store.update('t', () => null)
    expect(await reader.store.readShared('t')).toBeNull()
  })

  it('a file younger than the settling time is read every time: two writes within one clock tick could look alike', async () => {
    const base = await sharedDirectory()
    const reader = instance(base)
    await reader.store.update('t', () => ({ n: 1 }))
    const before = reader.reads()
    for (let i = 0; i < 3; i++) await reader.store.readShared('t')
    expect(reader.reads() - before).toBe(3)
  })

  it('shared reads are frozen and plain reads are copies: no reader can change what another sees', async () => {
    const base = await sharedDirectory()
    const reader = instance(base)
    await reader.store.update('t', () => ({ n: 1 }))
    await settle()
    const shared = await reader.store.readShared('t')
    expect(Object.isFrozen(shared!.value)).toBe(true)
    const copy = await reader.store.read('t')
    copy!.value.n = 99
    expect(await reader.store.read('t')).toEqual({ version: 1, value: { n: 1 } })
  })

  it('keeps at most the given number of copies, the least recently used going first', () => {
    const copies = createStampedCopies<number>(2)
    copies.set('a', 's', 1)
    copies.set('b', 's', 2)
    copies.get('a', 's')
    copies.set('c', 's', 3)
    expect(['a', 'b', 'c'].map(key => copies.get(key, 's')?.value)).toEqual([1, undefined, 3])
    expect(copies.get('a', 'other stamp')).toBeUndefined()
  })
})
