import { describe, expect, it } from 'vitest'
import { createBatchedReads } from '../../src/runtime/server/lib/storage/batched-reads'

/** A store whose reads the test finishes by hand, each answering the value current when the read began. */
function slowStore() {
  let value = 0
  const reads: Array<() => void> = []
  const load = () => {
    const seen = value
    return new Promise<number>(resolve => reads.push(() => resolve(seen)))
  }
  return { load, reads, write: (next: number) => (value = next), finishRead: () => reads.shift()!() }
}

describe('batched reads', () => {
  it('callers arriving together share one read', async () => {
    const store = slowStore()
    const read = createBatchedReads<number>()
    const answers = Promise.all([read('k', store.load), read('k', store.load), read('k', store.load)])
    // The first caller's read, and one queued read for the two that arrived while it ran.
    store.finishRead()
    await new Promise(resolve => setImmediate(resolve))
    store.finishRead()
    expect(await answers).toEqual([0, 0, 0])
    expect(store.reads).toHaveLength(0)
  })

  it('a caller arriving after a write (elsewhere) is served by a read begun after it asked, never by the read under way', async () => {
    const store = slowStore()
    const read = createBatchedReads<number>()
    const early = read('k', store.load)
    store.write(1) // another instance's write, answered before the next caller asks
    const late = read('k', store.load)
    store.finishRead()
    expect(await early).toBe(0)
    await new Promise(resolve => setImmediate(resolve))
    store.finishRead()
    expect(await late).toBe(1)
  })

  it('a failed read fails its callers only; the next caller reads again', async () => {
    const read = createBatchedReads<number>()
    await expect(read('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await read('k', async () => 7)).toBe(7)
  })

  it('keeps keys apart', async () => {
    const read = createBatchedReads<string>()
    expect(await Promise.all([read('a', async () => 'a'), read('b', async () => 'b')])).toEqual(['a', 'b'])
  })
})
