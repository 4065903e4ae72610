import type { H3Event } from 'h3'
import type { PleoDiagnosticsReport } from '../../shared/diagnostics'
import { resolveTenantForServerUse } from '../lib/http/access-policy'
import { buildDiagnosticsReport } from '../lib/connection/diagnostics-report'
import type { PleoConnectionOptions } from './get-pleo-connection'

/**
 * The tenant's diagnostics report, the one the settings page downloads: versions, Pleo's host, the connection with
 * its key hint and short fingerprint, the state history, the last checks and Pleo's clock skew. Never a key.
 *
 * @example
 * export default defineEventHandler(async (event) => {
 *   const report = await getPleoDiagnostics(event)
 *   await openSupportTicket({ attachment: JSON.stringify(report, null, 2) })
 * })
 */
export async function getPleoDiagnostics(event: H3Event, options: PleoConnectionOptions = {}): Promise<PleoDiagnosticsReport> {
  return buildDiagnosticsReport(await resolveTenantForServerUse(event, options.tenantId))
}
