import type { Storage } from 'unstorage'
import { withKeyLock, type KeyLocks } from './in-process-lock'
import { decodeTenantId, encodeTenantId } from '../tenant-id'
import { createStampedCopies, deepFreeze } from './stamped-copies'
import { createBatchedReads, type BatchedReads } from './batched-reads'

/** A record with the number of writes it has seen: 1 when created, +1 on every write. */
export interface Versioned<T> { version: number, value: T }

export type Change<T> = (current: Versioned<T> | null) => T | null | undefined | Promise<T | null | undefined>

export interface RecordStore<T> {
  read(id: string): Promise<Versioned<T> | null>
  /**
   * As `read`, but the value may be shared with other readers and must not be changed: for a caller that only
   * looks (the connection view copies what it shows), it saves a copy per read.
   */
  readShared(id: string): Promise<Versioned<Readonly<T>> | null>
  /**
   * Reads the record, calls `change` and writes what it returns as the next version, with no other operation on
   * this record in between (in this process; across instances on Redis). `null` deletes; `undefined` writes
   * nothing. Returns the record written, or `null` when it deleted or wrote nothing. If `change` throws, nothing
   * is written and the error propagates. `change` must not call the same store for the same id (it would wait for
   * itself), and should have no side effects: a multi-instance store may have to call it again after a conflict.
   */
  update(id: string, change: Change<T>): Promise<Versioned<T> | null>
  /**
   * Writes `next` (`null` deletes) only if the record is still at `expectedVersion` (`0`: absent), otherwise
   * throws `VersionConflictError`. Returns the record written, or `null` when it deleted.
   */
  compareAndSet(id: string, expectedVersion: number, next: T | null): Promise<Versioned<T> | null>
  /** The ids that have a record. */
  list(): Promise<string[]>
  /**
   * The ids that have a record, a page at a time: only one page of records is read at once, so a sweep over
   * 100,000 tenants holds one page, not every record. An id may come twice while the store is being resized
   * (Redis SCAN); none is left out.
   */
  pages(pageSize?: number): AsyncGenerator<string[]>
  /** Like `pages`, with each id's record as read for the listing, so a caller that needs them need not read again. */
  entries(pageSize?: number): AsyncGenerator<Array<RecordEntry<T>>>
}

export interface RecordEntry<T> { id: string, record: Versioned<T> }

/** Ids read per page when listing: enough to keep a sweep's workers fed, few enough to stay light. */
export const LIST_PAGE_SIZE = 500

/** Of `ids`, those with a live record (tombstones have a key but no record), read together, with the record. */
export async function liveEntries<T>(ids: string[], read: (id: string) => Promise<Versioned<T> | null>): Promise<Array<RecordEntry<T>>> {
  const records = await Promise.all(ids.map(read))
  return ids.flatMap((id, index) => records[index] ? [{ id, record: records[index] }] : [])
}

/** The ids of each page of `entries`. */
export async function* idPages<T>(entries: AsyncGenerator<Array<RecordEntry<T>>>): AsyncGenerator<string[]> {
  for await (const page of entries) yield page.map(entry => entry.id)
}

/**
 * `store.update(id, change)` for a caller that holds the record at a known version: `change` is applied to it and
 * written with one compare-and-set, with no read first. If the record changed since, `update` does it again on the
 * fresh record, so the outcome is the same as `update`'s.
 */
export async function updateFromKnown<T>(store: RecordStore<T>, id: string, known: Versioned<T>, change: Change<T>): Promise<Versioned<T> | null> {
  const next = await change(known)
  if (next === undefined) return null
  try {
    return await store.compareAndSet(id, known.version, next)
  }
  catch (error) {
    if (!(error instanceof VersionConflictError)) throw error
    return store.update(id, change)
  }
}

/** Every id of `pages`, for callers that need them all (a rewrap, devtools). */
export async function collectPages(pages: AsyncGenerator<string[]>): Promise<string[]> {
  const ids = new Set<string>()
  for await (const page of pages) for (const id of page) ids.add(id)
  return [...ids]
}

export class VersionConflictError extends Error {
  override name = 'VersionConflictError'
  readonly expectedVersion: number
  readonly actualVersion: number

  constructor(expectedVersion: number, actualVersion: number) {
    super(`The record changed meanwhile: expected version ${expectedVersion}, found ${actualVersion}.`)
    this.expectedVersion = expectedVersion
    this.actualVersion = actualVersion
  }
}

/** A stored value that is not a record this module wrote; it is never overwritten silently. */
export class CorruptRecordError extends Error {
  override name = 'CorruptRecordError'
}

/**
 * What is stored under each key. A delete keeps `{ v, value: null }` (a tombstone, no data) so versions keep
 * growing: otherwise a record deleted and created again would be back at version 1, and a writer still holding
 * the old version 1 would overwrite it.
 */
export interface StoredRecord<T> { v: number, value: T | null }

/** The version of a stored record, and whether it holds a value (`false`: a tombstone). */
interface RecordHeader { v: number, live: boolean }

// How `JSON.stringify` writes a `StoredRecord`: the version first, then the value.
const HEADER = /^\{"v":([1-9]\d{0,15}),"value":[[{]/
/** Texts shorter than this (tombstones among them) are parsed whole: it costs next to nothing. */
const SHORT_TEXT = 64

/**
 * The version of a record from its stored text (a string, or the bytes the fs driver reads), without parsing the
 * value: a trail of 200 events takes 0.3 ms to parse. `undefined` when it is short, or does not start and end as
 * this store writes a record.
 */
function recordHeader(raw: unknown): RecordHeader | undefined {
  const text = rawText(raw)
  if (text === undefined || text.length < SHORT_TEXT) return undefined
  const start = typeof text === 'string' ? text.slice(0, SHORT_TEXT) : text.toString('latin1', 0, SHORT_TEXT)
  const endsAsObject = (typeof text === 'string' ? text.charCodeAt(text.length - 1) : text[text.length - 1]) === 0x7D
  const match = endsAsObject ? HEADER.exec(start) : null
  const v = Number(match?.[1])
  return match && Number.isSafeInteger(v) ? { v, live: true } : undefined
}

/** What a driver's `getItemRaw` gave, as text or bytes; `undefined` for anything else. */
function rawText(raw: unknown): string | Buffer | undefined {
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) return raw
  return raw instanceof Uint8Array ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) : undefined
}

/** A stored text as `getItem` would give it: parsed JSON, or the text itself when it is not JSON. */
function parseText(text: string | Buffer): unknown {
  const string = typeof text === 'string' ? text : text.toString('utf8')
  try {
    return JSON.parse(string)
  }
  catch {
    return string
  }
}

const PREFIX = /^[\w-]+(?::[\w-]+)*$/

export function assertRecordPrefix(prefix: string) {
  if (!PREFIX.test(prefix)) throw new TypeError('A record store prefix is one or more ":"-separated words of A-Z a-z 0-9 _ -.')
}

export function isStoredRecord(stored: unknown): stored is StoredRecord<unknown> {
  if (typeof stored !== 'object' || stored === null || !('value' in stored) || !('v' in stored)) return false
  return Number.isSafeInteger(stored.v) && (stored.v as number) > 0
}

// Shared by every store in the process (and by copies of this module, hence the global symbol): Nitro's
// `useStorage(base)` returns a new wrapper object on every call, so locks cannot be keyed by storage object.
// Two unrelated storages that use the same key only wait for each other, which is harmless.
const LOCKS_SYMBOL = Symbol.for('nuxt-pleo-connect:record-locks')
const globalWithLocks = globalThis as typeof globalThis & { [LOCKS_SYMBOL]?: KeyLocks }
const locks: KeyLocks = globalWithLocks[LOCKS_SYMBOL] ??= new Map()

// Reads of one key that overlap share one locked storage read: a burst of readers would otherwise queue behind
// each other on the lock. Sharing is safe because each of them could have been served by that same read.
interface SharedRead { result: Promise<unknown>, readers: number }
const READS_SYMBOL = Symbol.for('nuxt-pleo-connect:shared-record-reads')
const globalWithReads = globalThis as typeof globalThis & { [READS_SYMBOL]?: Map<string, SharedRead> }
const pendingReads = globalWithReads[READS_SYMBOL] ??= new Map<string, SharedRead>()

// Shared reads (the status view) are batched instead (see `createBatchedReads`): each reader is served by a read
// begun after it asked, so a write another instance has answered is never missed.
const SHARED_READS_SYMBOL = Symbol.for('nuxt-pleo-connect:record-read-batches')
const globalWithSharedReads = globalThis as typeof globalThis & { [SHARED_READS_SYMBOL]?: BatchedReads<unknown> }
const batchedReads = globalWithSharedReads[SHARED_READS_SYMBOL] ??= createBatchedReads<unknown>()

export interface RecordStoreOptions {
  /**
   * The driver's `getMeta` gives a `stamp` that changes with every write (the module's fs driver): reads keep a
   * parsed copy while it is unchanged. Off for other drivers, whose `getMeta` may cost as much as a read.
   */
  stamped?: boolean
  /** How keys are listed: a driver that lists a directory in batches passes its own (see `KeyListing`). */
  listing?: KeyListing
}

/**
 * A versioned compare-and-set layer over unstorage, which has none, and whose `fs` driver can be read half
 * written. Every operation on a record runs under a per-key lock, so within one process reads are never torn
 * and no update is lost. The lock does not reach other processes: on Redis, `createRedisRecordStore` keeps this
 * interface across instances. Values are stored as JSON.
 */
export function createRecordStore<T>(storage: Storage, prefix: string, options: RecordStoreOptions = {}): RecordStore<T> {
  const { stamped = false, listing = wholeListing(storage) } = options
  assertRecordPrefix(prefix)
  const storageKey = (id: string) => `${prefix}:${encodeTenantId(id)}`

  async function readStored(key: string): Promise<StoredRecord<T> | null> {
    const stored = await storage.getItem(key)
    if (stored === null) return null
    if (!isStoredRecord(stored)) throw new CorruptRecordError(`A stored "${prefix}" record is not in the expected format.`)
    return stored as StoredRecord<T>
  }

  async function write(key: string, stored: Pick<StoredRecord<T>, 'v'> | null, next: T | null): Promise<Versioned<T> | null> {
    const version = (stored?.v ?? 0) + 1
    copies.forget(key)
    await storage.setItem(key, { v: version, value: next } satisfies StoredRecord<T>)
    return next === null ? null : { version, value: next }
  }

  const live = (stored: StoredRecord<T> | null): Versioned<T> | null =>
    stored && stored.value !== null ? { version: stored.v, value: stored.value } : null

  const copies = createStampedCopies<StoredRecord<T> | null>()

  /**
   * The stored record, served from the parsed copy while the driver's stamp of it is unchanged (the module's fs
   * driver: one stat instead of a read and a parse). The stamp is taken before the read, so a write landing in
   * between leaves a copy older than its stamp says, which the next read replaces, never the other way round.
   */
  async function readStamped(key: string): Promise<StoredRecord<T> | null> {
    const stamp = stamped ? (await storage.getMeta(key, { nativeOnly: true }))?.stamp : undefined
    if (typeof stamp !== 'string') return readStored(key)
    const copy = copies.get(key, stamp)
    if (copy) return copy.value
    const stored = deepFreeze(await readStored(key))
    copies.set(key, stamp, stored)
    return stored
  }

  function readShared(id: string): Promise<Versioned<T> | null> {
    const key = storageKey(id)
    return batchedReads(key, () => withKeyLock(locks, key, async () => live(await readStamped(key)))) as Promise<Versioned<T> | null>
  }

  async function read(id: string): Promise<Versioned<T> | null> {
    const key = storageKey(id)
    let shared = pendingReads.get(key)
    if (!shared) {
      const result = withKeyLock(locks, key, async () => live(await readStored(key)))
      shared = { result, readers: 0 }
      pendingReads.set(key, shared)
      void result.finally(() => pendingReads.delete(key)).catch(() => {})
    }
    shared.readers++
    const value = await shared.result as Versioned<T> | null
    // The read left the map before any reader resumes (its `finally` came first), so the count is final: readers
    // who shared it each get their own copy, so one cannot change what another sees; a lone reader keeps it whole.
    return shared.readers === 1 ? value : structuredClone(value)
  }

  async function update(id: string, change: Change<T>): Promise<Versioned<T> | null> {
    const key = storageKey(id)
    return withKeyLock(locks, key, async () => {
      const stored = await readStored(key)
      const current = live(stored)
      const next = await change(current)
      if (next === undefined || (next === null && !current)) return null
      return write(key, stored, next)
    })
  }

  // Only the version is compared, so it is all that is parsed when the text starts as `write` stores it: the
  // caller read this version whole before. Anything else is read whole, and refused if it is not a record.
  async function readHeader(key: string): Promise<RecordHeader | null> {
    const raw = await storage.getItemRaw(key)
    if (raw === null || raw === undefined) return null
    const header = recordHeader(raw)
    if (header) return header
    const text = rawText(raw)
    const stored = text === undefined ? await storage.getItem(key) : parseText(text)
    if (!isStoredRecord(stored)) throw new CorruptRecordError(`A stored "${prefix}" record is not in the expected format.`)
    return { v: stored.v, live: stored.value !== null }
  }

  async function compareAndSet(id: string, expectedVersion: number, next: T | null): Promise<Versioned<T> | null> {
    if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
      throw new TypeError('expectedVersion must be a non-negative integer (0 means the record must be absent).')
    }
    const key = storageKey(id)
    return withKeyLock(locks, key, async () => {
      const header = await readHeader(key)
      const actualVersion = header?.live ? header.v : 0
      if (actualVersion !== expectedVersion) throw new VersionConflictError(expectedVersion, actualVersion)
      if (next === null && !header?.live) return null
      return write(key, header, next)
    })
  }

  // Key names a page at a time (the fs driver reads the directory in batches), each page's records read together.
  async function* entries(pageSize = LIST_PAGE_SIZE) {
    const base = `${prefix}:`
    for await (const keys of listing(base, pageSize)) {
      const ids = keys.map(key => decodeTenantId(key.slice(base.length))).filter(id => id !== undefined)
      const live = await liveEntries(ids, read)
      if (live.length) yield live
    }
  }
  const pages = (pageSize?: number) => idPages(entries(pageSize))

  return { read, readShared, update, compareAndSet, list: () => collectPages(pages()), pages, entries }
}

/**
 * The keys under `base` (of a storage), at most `pageSize` a page. A driver that can list a directory in batches
 * (the module's fs driver) passes its own, so memory does not grow with the number of records.
 */
export type KeyListing = (base: string, pageSize: number) => AsyncGenerator<string[]>

/** Any unstorage driver: the keys listed at once, then handed out a page at a time. */
export function wholeListing(storage: Storage): KeyListing {
  return async function* (base, pageSize) {
    const keys = await storage.getKeys(base)
    for (let start = 0; start < keys.length; start += pageSize) yield keys.slice(start, start + pageSize)
  }
}
