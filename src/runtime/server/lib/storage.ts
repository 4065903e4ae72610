import { useStorage } from 'nitropack/runtime'
import type { AuditEvent, ConnectionRecord } from './connection-record'
import { useModuleConfig } from './config'
import { createRecordStore, type RecordStore } from './record-store'

let stores: { connections: RecordStore<ConnectionRecord>, events: RecordStore<AuditEvent[]> } | undefined

/** The module's Nitro storage mount (fs under .data/pleo-connect by default, any unstorage driver by option). */
export function useConnectionStores() {
  if (!stores) {
    const storage = useStorage(useModuleConfig().storage)
    stores = {
      connections: createRecordStore<ConnectionRecord>(storage, 'connections'),
      events: createRecordStore<AuditEvent[]>(storage, 'events'),
    }
  }
  return stores
}
