/**
 * Reads of one key shared by the callers that ask at about the same time, each caller served by a read begun
 * after it asked: a caller arriving while a read is under way waits for the next one, which every caller arriving
 * meanwhile shares. Joining the read under way would be cheaper, but that read may have begun before another
 * instance's write was answered, and a caller told of that write would read what the write replaced.
 * At most two reads of a key are pending at once, however many callers wait.
 */
export type BatchedReads<V> = (key: string, load: () => Promise<V>) => Promise<V>

interface Batch<V> {
  read: Promise<V>
  /** The read queued behind this one, shared by every caller that arrived while this one ran. */
  next?: Promise<V>
}

export function createBatchedReads<V>(running = new Map<string, Batch<V>>()): BatchedReads<V> {
  function start(key: string, load: () => Promise<V>): Promise<V> {
    const batch: Batch<V> = { read: load() }
    running.set(key, batch)
    // Registered first, so the key is free again before the queued read starts (and registers itself).
    const finished = () => {
      if (running.get(key) === batch) running.delete(key)
    }
    batch.read.then(finished, finished)
    return batch.read
  }

  return (key, load) => {
    const batch = running.get(key)
    if (!batch) return start(key, load)
    const settled = () => start(key, load)
    batch.next ??= batch.read.then(settled, settled)
    return batch.next
  }
}
