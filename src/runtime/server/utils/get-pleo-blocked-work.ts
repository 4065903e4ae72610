import type { H3Event } from 'h3'
import type { BlockedWork } from '../../shared/schemas'
import { resolveTenantForServerUse } from '../lib/http/access-policy'
import { flushBlockedWork } from '../lib/connection/blocked-work'
import { useConnectionStores } from '../lib/storage/stores'
import type { PleoConnectionOptions } from './get-pleo-connection'

export interface PleoBlockedWork {
  incidentId: string
  openedAt: string
  /** Set once the incident closed: the calls are ready to be done again. */
  resolvedAt?: string
  /** Calls of the app's own code (through `usePleoClient`) that failed during the incident, by operation. */
  blockedWork: BlockedWork
}

/**
 * The calls of the app's own code that failed while the tenant's connection was broken: of the open incident, or
 * else of the last one that closed (the same list `pleo-connect:incident-resolved` carries), so that host code can do
 * them again. `null` when there was no incident. Operations are method and path template: never a body or a query.
 *
 * @example
 * const blocked = await getPleoBlockedWork(event)
 * if (blocked?.resolvedAt) await requeueExports(blocked.blockedWork.operations)
 */
export async function getPleoBlockedWork(event: H3Event, options: PleoConnectionOptions = {}): Promise<PleoBlockedWork | null> {
  const tenantId = await resolveTenantForServerUse(event, options.tenantId)
  const store = useConnectionStores().connections
  let record = (await store.read(tenantId))?.value
  if (record?.incident) {
    // This instance's calls not yet written count too.
    await flushBlockedWork({ tenantId, keyId: record.keyId })
    record = (await store.read(tenantId))?.value
  }
  const incident = record?.incident ?? record?.lastIncident
  if (!incident) return null
  const resolvedAt = record?.incident ? undefined : record?.lastIncident?.resolvedAt
  return { incidentId: incident.id, openedAt: incident.openedAt, ...(resolvedAt && { resolvedAt }), blockedWork: structuredClone(incident.blockedWork) }
}
