import { PleoConnectError } from '../errors'
import { withKeyLock, type KeyLocks } from './in-process-lock'
import {
  assertRecordPrefix,
  type Change,
  collectPages,
  CorruptRecordError,
  isStoredRecord,
  LIST_PAGE_SIZE,
  type RecordStore,
  type StoredRecord,
  VersionConflictError,
  type Versioned,
  idPages,
  liveEntries,
} from './record-store'
import { defineRedisScript, escapeRedisGlob, scanKeys, type RedisClient } from './redis-script'
import { decodeTenantId, encodeTenantId } from '../tenant-id'
import { createStampedCopies, deepFreeze } from './stamped-copies'
import { createBatchedReads } from './batched-reads'

/**
 * Compares the stored live version (a tombstone or no key counts as 0) with ARGV[1] and, if equal, stores
 * ARGV[2] (JSON, '' to delete) as the next version, all in one step: Redis runs a script without interleaving.
 * Replies { 1, written version }, { 0, actual version } on conflict, { 2, 0 } for deleting what is absent,
 * { -1, 0 } for a value this module did not write.
 */
const compareAndSetScript = defineRedisScript(`
local raw = redis.call('GET', KEYS[1])
local stored, live = 0, false
if raw then
  local ok, record = pcall(cjson.decode, raw)
  if not ok or type(record) ~= 'table' or type(record.v) ~= 'number' or record.v < 1 or record.v % 1 ~= 0 or record.value == nil then
    return { -1, 0 }
  end
  stored = record.v
  live = record.value ~= cjson.null
end
local actual = live and stored or 0
if actual ~= tonumber(ARGV[1]) then return { 0, actual } end
if ARGV[2] == '' and not live then return { 2, 0 } end
local version = stored + 1
local value = ARGV[2] == '' and 'null' or ARGV[2]
redis.call('SET', KEYS[1], '{"v":' .. string.format('%d', version) .. ',"value":' .. value .. '}')
return { 1, version }
`)

const MAX_ATTEMPTS = 20

// Per client: updates within one process queue up instead of racing each other, so retries are only needed
// against other instances. Keyed by client, so two clients in one process (tests) behave as two instances.
const locksByClient = new WeakMap<RedisClient, KeyLocks>()

/**
 * A `RecordStore` whose guarantees hold across instances sharing one Redis: `compareAndSet` is one Lua script,
 * `update` is read → change → compareAndSet, retried on conflict and `busy` after `MAX_ATTEMPTS`. A GET is
 * atomic, so reads are never torn. Keys and values are those the unstorage driver uses (`keyPrefix` is its
 * `base`), so the records stay readable through the storage mount.
 */
export function createRedisRecordStore<T>(client: RedisClient, keyPrefix: string, prefix: string): RecordStore<T> {
  assertRecordPrefix(prefix)
  const redisKey = (id: string) => `${keyPrefix}${prefix}:${encodeTenantId(id)}`
  const locks = locksByClient.get(client) ?? new Map()
  locksByClient.set(client, locks)

  async function readStored(key: string): Promise<StoredRecord<T> | null> {
    const raw = await client.get(key)
    return raw === null ? null : parseStored(raw)
  }

  function parseStored(raw: string): StoredRecord<T> {
    let stored: unknown
    try {
      stored = JSON.parse(raw)
    }
    catch {
      stored = undefined
    }
    if (!isStoredRecord(stored)) throw new CorruptRecordError(`A stored "${prefix}" record is not in the expected format.`)
    return stored as StoredRecord<T>
  }

  const live = (stored: StoredRecord<T> | null): Versioned<T> | null =>
    stored && stored.value !== null ? { version: stored.v, value: stored.value } : null

  /** The written record, `null` after a delete, or the version found instead of `expectedVersion`. */
  async function trySet(key: string, expectedVersion: number, next: T | null): Promise<{ written: Versioned<T> | null } | { conflict: number }> {
    const [status, version] = await compareAndSetScript(client, [key], [expectedVersion, next === null ? '' : JSON.stringify(next)]) as [number, number]
    if (status === -1) throw new CorruptRecordError(`A stored "${prefix}" record is not in the expected format.`)
    if (status === 0) return { conflict: version }
    return { written: status === 1 && next !== null ? { version, value: next } : null }
  }

  async function read(id: string): Promise<Versioned<T> | null> {
    return live(await readStored(redisKey(id)))
  }

  const copies = createStampedCopies<StoredRecord<T>>()

  const batchedReads = createBatchedReads<Versioned<T> | null>()

  /** One GET for the readers arriving together; its parse is reused while the stored text is unchanged. */
  function readShared(id: string): Promise<Versioned<T> | null> {
    const key = redisKey(id)
    return batchedReads(key, async () => {
      const raw = await client.get(key)
      if (raw === null) return null
      // Equal text, equal record: no stamp can be fresher than the text itself.
      const copy = copies.get(key, raw)
      if (copy) return live(copy.value)
      const stored = deepFreeze(parseStored(raw))
      copies.set(key, raw, stored)
      return live(stored)
    })
  }

  async function update(id: string, change: Change<T>): Promise<Versioned<T> | null> {
    const key = redisKey(id)
    return withKeyLock(locks, key, async () => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const current = live(await readStored(key))
        const next = await change(current)
        if (next === undefined || (next === null && !current)) return null
        const result = await trySet(key, current?.version ?? 0, next)
        if ('written' in result) return result.written
        // Another instance wrote first: wait a random moment so two instances do not collide again in step.
        await new Promise(resolve => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)))
      }
      throw new PleoConnectError('busy')
    })
  }

  async function compareAndSet(id: string, expectedVersion: number, next: T | null): Promise<Versioned<T> | null> {
    if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
      throw new TypeError('expectedVersion must be a non-negative integer (0 means the record must be absent).')
    }
    const result = await trySet(redisKey(id), expectedVersion, next)
    if ('conflict' in result) throw new VersionConflictError(expectedVersion, result.conflict)
    return result.written
  }

  // SCAN pages of key names on every master (a cluster spreads them), each page's records read together.
  async function* entries(pageSize = LIST_PAGE_SIZE) {
    const base = `${keyPrefix}${prefix}:`
    for await (const keys of scanKeys(client, `${escapeRedisGlob(base)}*`, pageSize)) {
      const ids = [...new Set(keys.map(key => decodeTenantId(key.slice(base.length))).filter(id => id !== undefined))]
      // COUNT is a hint: a reply may hold more keys than asked for.
      for (let start = 0; start < ids.length; start += pageSize) {
        const live = await liveEntries(ids.slice(start, start + pageSize), read)
        if (live.length) yield live
      }
    }
  }
  const pages = (pageSize?: number) => idPages(entries(pageSize))

  return { read, readShared, update, compareAndSet, list: () => collectPages(pages()), pages, entries }
}
