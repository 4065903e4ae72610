import type { ConnectionView } from '../../../shared/schemas'
import type { AuditEvent } from '../records'
import { useConnectionStores } from '../storage/stores'
import { listEvents } from './audit-trail'
import { toConnectionView } from './view'

/** One tenant as the DevTools tab shows it: the connection view (never a key) and its newest audit events. */
export interface DevtoolsTenant {
  tenantId: string
  view: ConnectionView
  events: Array<Omit<AuditEvent, 'tenantId'>>
}

const EVENTS_SHOWN = 5

/** Every stored connection, for the development-only DevTools tab. */
export async function devtoolsSnapshot(): Promise<DevtoolsTenant[]> {
  const stores = useConnectionStores()
  const tenants = await stores.connections.list()
  return Promise.all(tenants.sort().map(async (tenantId) => {
    const record = (await stores.connections.read(tenantId))?.value
    const events = (await listEvents(tenantId)).slice(0, EVENTS_SHOWN).map(({ tenantId: _tenant, ...event }) => event)
    return { tenantId, view: toConnectionView(record ?? undefined), events }
  }))
}
