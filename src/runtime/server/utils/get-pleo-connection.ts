import type { H3Event } from 'h3'
import type { ConnectionView } from '../../shared/schemas'
import { resolveTenantForServerUse } from '../lib/http/access-policy'
import { toConnectionView } from '../lib/connection/view'
import { PleoConnectError } from '../lib/errors'
import { useConnectionStores } from '../lib/storage/stores'

export interface PleoConnectionOptions {
  /** The tenant to look up. Default: Standalone's one tenant, or (Integrated) the one the authorize hook names. */
  tenantId?: string
}

export type ConnectedPleoConnection = ConnectionView & { state: 'connected', company: { id: string, name?: string } }

/**
 * The tenant's connection (the same view the settings page shows), or `null` when nothing is connected.
 *
 * @example
 * const connection = await getPleoConnection(event)
 * if (connection?.state === 'action_required') notifyAdmins(connection.problem)
 */
export async function getPleoConnection(event: H3Event, options: PleoConnectionOptions = {}): Promise<ConnectionView | null> {
  const tenantId = await resolveTenantForServerUse(event, options.tenantId)
  const record = (await useConnectionStores().connections.read(tenantId))?.value
  return record?.sealedKey ? toConnectionView(record) : null
}

/**
 * Like `getPleoConnection`, but throws a clear `not_connected` error (404, or 409 while the key needs the
 * admin's action) unless the tenant is connected and working.
 *
 * @example
 * export default defineEventHandler(async (event) => {
 *   const { company } = await requirePleoConnection(event)
 *   return { companyId: company.id }
 * })
 */
export async function requirePleoConnection(event: H3Event, options: PleoConnectionOptions = {}): Promise<ConnectedPleoConnection> {
  const connection = await getPleoConnection(event, options)
  if (connection?.state === 'connected' && connection.company) return connection as ConnectedPleoConnection
  if (connection?.state === 'action_required') {
    throw new PleoConnectError('not_connected', { statusCode: 409, variant: 'needs_attention' })
  }
  throw new PleoConnectError('not_connected')
}
