import { useStorage } from 'nitropack/runtime'
import type { Driver } from 'unstorage'
import type { AuditEvent, CompanyClaim, ConnectionRecord } from '../records'
import { useModuleConfig } from '../config'
import { createMemoryCoordination, type Coordination } from './coordination'
import { createRecordStore, type KeyListing, type RecordStore, wholeListing } from './record-store'
import { createRedisCoordination } from './redis-coordination'
import { createRedisRecordStore } from './redis-record-store'
import { redisKeyPrefix, type RedisClient } from './redis-script'
import { logger } from '../logger'
import { withStorageErrors } from './storage-errors'

interface ConnectionStores {
  connections: RecordStore<ConnectionRecord>
  events: RecordStore<AuditEvent[]>
  /** Which tenant holds each Pleo company (keyed by company id). */
  companyClaims: RecordStore<CompanyClaim>
}

interface Backend {
  driver: Driver
  stores: ConnectionStores
  coordination: Coordination
}

/** The module's own fs driver (`storage/atomic-fs.mjs`): whole-file writes, and a stamp per write. */
const ATOMIC_FS_DRIVER = 'pleo-connect-fs'

// One per process: slots and counters must not be lost when the stores are made again.
const memoryCoordination = createMemoryCoordination()
const warnedDrivers = new Set<string>()
let backend: Backend | undefined

/** The module's Nitro storage mount (fs under .data/pleo-connect by default, any unstorage driver by option). */
export function useConnectionStores(): ConnectionStores {
  return useBackend().stores
}

/** Where validation slots and failed-attempt counters live: next to the records. */
export function useCoordination(): Coordination {
  return useBackend().coordination
}

/**
 * Chosen on first use and again whenever the mount's driver changes, so a mount replaced at startup (a server
 * plugin calling `useStorage().mount()`) is honoured. Redis coordinates every instance that shares it; any other
 * driver gets the in-process locks, which hold within one instance only.
 */
function useBackend(): Backend {
  const mount = useModuleConfig().storage
  const { driver, base } = useStorage().getMount(mount)
  if (backend?.driver === driver) return backend

  if (driver.name === 'redis' && driver.getInstance) {
    const client = driver.getInstance() as RedisClient
    // The driver's `base`, then what is left of the mount path when the driver is mounted higher up.
    const keyPrefix = redisKeyPrefix(driver.options?.base) + `${mount}:`.slice(base.length)
    const store = <T>(prefix: string) => createRedisRecordStore<T>(client, keyPrefix, prefix)
    backend = { driver, coordination: withStorageErrors(createRedisCoordination(client, keyPrefix), 'coordination'), stores: makeStores(store) }
  }
  else {
    const name = driver.name ?? 'custom'
    if (!['fs', 'fs-lite', ATOMIC_FS_DRIVER, 'memory'].includes(name) && !warnedDrivers.has(name)) {
      warnedDrivers.add(name)
      logger.warn(`Storage driver "${name}": concurrent writes and validation limits are coordinated within this server instance only. Use the redis driver for several instances.`)
    }
    const storage = useStorage(mount)
    const stamped = name === ATOMIC_FS_DRIVER
    const listing = pagedListing(driver, `${mount}:`.slice(base.length)) ?? wholeListing(storage)
    backend = { driver, coordination: memoryCoordination, stores: makeStores(prefix => createRecordStore(storage, prefix, { stamped, listing })) }
  }
  return backend
}

type PagedDriver = Driver & { getKeyPages?: (base: string, pageSize: number) => AsyncGenerator<string[]> }

/** The module's fs driver lists a directory in batches; `driverBase` is the mount's path inside the driver. */
function pagedListing(driver: PagedDriver, driverBase: string): KeyListing | undefined {
  const { getKeyPages } = driver
  if (!getKeyPages) return undefined
  return async function* (base, pageSize) {
    for await (const keys of getKeyPages(`${driverBase}${base}`, pageSize)) yield keys.map(key => key.slice(driverBase.length))
  }
}

function makeStores(store: <T>(prefix: string) => RecordStore<T>): ConnectionStores {
  return {
    connections: withStorageErrors(store<ConnectionRecord>('connections'), 'connections'),
    events: withStorageErrors(store<AuditEvent[]>('events'), 'audit trail'),
    companyClaims: withStorageErrors(store<CompanyClaim>('company-claims'), 'company claims'),
  }
}
