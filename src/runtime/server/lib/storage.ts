import { useStorage } from 'nitropack/runtime'
import type { AuditEvent, ConnectionRecord } from './connection-record'
import { useModuleConfig } from './config'
import { createRecordStore, type RecordStore } from './record-store'

interface ConnectionStores {
  connections: RecordStore<ConnectionRecord>
  events: RecordStore<AuditEvent[]>
  /** Which tenant holds each Pleo company (keyed by company id). */
  companyClaims: RecordStore<{ tenantId: string }>
}

let stores: ConnectionStores | undefined

/** The module's Nitro storage mount (fs under .data/pleo-connect by default, any unstorage driver by option). */
export function useConnectionStores(): ConnectionStores {
  if (!stores) {
    const storage = useStorage(useModuleConfig().storage)
    stores = {
      connections: createRecordStore<ConnectionRecord>(storage, 'connections'),
      events: createRecordStore<AuditEvent[]>(storage, 'events'),
      companyClaims: createRecordStore<{ tenantId: string }>(storage, 'company-claims'),
    }
  }
  return stores
}
