/** Promise chains per key: each entry is the settling of the last task queued for that key. */
export type KeyLocks = Map<string, Promise<void>>

/** Runs `task` after every earlier task for `key` has settled; the entry is removed once the key is idle. */
export async function withKeyLock<R>(locks: KeyLocks, key: string, task: () => Promise<R>): Promise<R> {
  const previous = locks.get(key) ?? Promise.resolve()
  let release!: () => void
  const done = new Promise<void>((resolve) => {
    release = resolve
  })
  const tail = previous.then(() => done)
  locks.set(key, tail)
  await previous
  try {
    return await task()
  }
  finally {
    release()
    if (locks.get(key) === tail) locks.delete(key)
  }
}
