import type { H3Event } from 'h3'
import { resolveTenantForServerUse } from '../lib/access-policy'
import { applyCheckOutcome, authFailureOutcome } from '../lib/connection-health'
import { PleoConnectError } from '../lib/errors'
import { withRequestScope } from '../lib/notify'
import { errorForPleoStatus } from '../lib/pleo-status'
import { useConnectionStores } from '../lib/storage'
import { clientForRecord } from '../lib/stored-key-client'
import type { PleoConnectionOptions } from './pleo-connection'

export interface PleoFetchOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  query?: Record<string, string | undefined>
  body?: Record<string, unknown>
}

export interface PleoApiClient {
  /** The connected Pleo company: most of Pleo's API is scoped to it. */
  companyId: string
  /**
   * Calls Pleo's External API with the stored key and answers the parsed JSON of a 2xx. Other answers throw the
   * module's errors (`key_rejected`, `pleo_rate_limited`…); a 401 or 403 also marks the connection
   * `action_required` at once, so admins see it without waiting for the next check. GETs are retried once on
   * 502/503/504; writes are never retried.
   */
  fetch: <T = unknown>(path: `/${string}`, options?: PleoFetchOptions) => Promise<T>
}

/**
 * A client for Pleo's API with the tenant's stored key, Pleo's base URL and the company id. The key stays on the
 * server, inside the client; it is never returned.
 *
 * @example
 * export default defineEventHandler(async (event) => {
 *   const pleo = await usePleoClient(event)
 *   return pleo.fetch(`/v1/companies/${pleo.companyId}`)
 * })
 */
export async function usePleoClient(event: H3Event, options: PleoConnectionOptions = {}): Promise<PleoApiClient> {
  const tenantId = await resolveTenantForServerUse(event, options.tenantId)
  const record = (await useConnectionStores().connections.read(tenantId))?.value
  if (!record?.sealedKey || !record.company) throw new PleoConnectError('not_connected')
  const pleo = await clientForRecord(tenantId, record)

  return {
    companyId: record.company.id,
    async fetch<T>(path: `/${string}`, { method = 'GET', query, body }: PleoFetchOptions = {}) {
      const response = await pleo.request<T>(method, path, { query, body })
      if (response.status >= 200 && response.status < 300) return response.data as T
      if (response.status === 401 || response.status === 403) {
        const outcome = authFailureOutcome(response.status)
        await withRequestScope(event, () => applyCheckOutcome(tenantId, record, outcome, { actor: 'system:api-call', auditEvery: false }))
      }
      throw errorForPleoStatus(response.status, response.retryAfter)
    },
  }
}
