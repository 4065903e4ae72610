import type { H3Event } from 'h3'
import { resolveTenantForServerUse } from '../lib/http/access-policy'
import { scopeToCompany, operationOf } from '../lib/pleo/company-scope'
import { clearMissingPermission, recordMissingPermission } from '../lib/connection/health-check'
import { confirmWithKeyCheck } from '../lib/connection/call-confirmation'
import { failureKindOf, noteCallFailed, noteCallSucceeded } from '../lib/connection/call-evidence'
import { hasIncidentOpen, learnOfIncident, noteBlockedCall } from '../lib/connection/blocked-work'
import type { CallFailureKind } from '../../shared/call-failures'
import { PleoConnectError } from '../lib/errors'
import { withRequestScope } from '../lib/notify'
import { logger } from '../lib/logger'
import { errorForPleoStatus } from '../lib/pleo/status-map'
import { useConnectionStores } from '../lib/storage/stores'
import { clientForRecord } from '../lib/pleo/stored-key-client'
import type { PleoConnectionOptions } from './get-pleo-connection'
import type { ConnectionRecord } from '../lib/records'
import type { PleoClient } from '../lib/pleo/http-client'

export interface PleoFetchOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  query?: Record<string, string | undefined>
  body?: Record<string, unknown>
}

export interface PleoApiClient {
  /** The connected Pleo company: most of Pleo's API is scoped to it. */
  companyId: string
  /**
   * Calls Pleo's External API with the stored key and answers the parsed JSON of a 2xx. The call stays in the
   * connected company: one that names another company (path, `company_id`/`companyId` in the query or body) is
   * refused with `forbidden` before anything is sent, and one that names none gets `company_id`. Other answers
   * throw the module's errors: 401 `key_rejected` (the key is checked at once and, if Pleo refuses it there too, the
   * connection needs action), 403 `key_lacks_permission` (recorded as a missing permission for this operation; the
   * connection keeps working), 429 `pleo_rate_limited`, 5xx `pleo_unavailable`, other 4xx `pleo_request_failed`
   * with Pleo's `status`. GETs are retried once on 502/503/504; writes are never retried.
   *
   * Within the standby window after a replacement (`standbyHours`), a 401/403 whose check finds the new key refused
   * and the previous key still working puts the previous key back in force (once, loudly: an incident opened and
   * resolved, audit `standby_fallback`, hook `pleo-connect:standby-fallback`), and this call is sent once more with
   * it, whatever its method: Pleo refused the first attempt outright, so it did nothing. Later clients use the key in
   * force.
   */
  fetch: <T = unknown>(path: string, options?: PleoFetchOptions) => Promise<T>
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
  const companyId = record.company.id
  // Opened now: a stored key this server cannot open fails here, before the app builds its call.
  const pleoWithStoredKey = await clientForRecord(tenantId, record)
  if (record.incident) learnOfIncident({ tenantId, keyId: record.keyId })

  /** One call with one key; a refused key that the confirming check replaced by its standby is tried once more. */
  async function send<T>(inForce: ConnectionRecord, pleo: PleoClient, method: NonNullable<PleoFetchOptions['method']>, path: string, call: ReturnType<typeof scopeToCompany>, mayRetry: boolean): Promise<T> {
    const subject = { tenantId, keyId: inForce.keyId }
    const operation = operationOf(method, path)
    const noteFailed = (kind: CallFailureKind) => {
      noteCallFailed(subject, operation, kind)
      if (hasIncidentOpen(subject)) noteBlockedCall(subject, operation)
    }
    const response = await pleo.request<T>(method, call.path, { query: call.query, body: call.body }).catch((error: unknown) => {
      noteFailed('unreachable')
      throw error
    })
    if (response.status >= 200 && response.status < 300) {
      noteCallSucceeded(subject)
      await clearMissingPermission(tenantId, inForce, operation)
      // The key works again while the connection says it does not: one check of the key closes the incident.
      if (inForce.state === 'action_required') void withRequestScope(event, () => confirmWithKeyCheck(tenantId, inForce, pleo)).catch(() => logger.warn('could not check a key that works again'))
      return response.data as T
    }
    noteFailed(failureKindOf(response.status))
    if (response.status === 401 || response.status === 403) {
      // Confirmed by a check of the key itself before the connection changes state; timeouts, 5xx and 429 never are.
      await withRequestScope(event, () => confirmWithKeyCheck(tenantId, inForce, pleo))
      const standbyInForce = mayRetry ? await standbyNowInForce(tenantId, inForce) : undefined
      if (standbyInForce) return send<T>(standbyInForce, await clientForRecord(tenantId, standbyInForce), method, path, call, false)
    }
    if (response.status === 403) {
      // One refused call says what this key may not do, not that the connection broke.
      await withRequestScope(event, () => recordMissingPermission(tenantId, inForce, operation))
      throw new PleoConnectError('key_lacks_permission', { variant: 'operation', operation })
    }
    throw errorForPleoStatus(response.status, { retryAfter: response.retryAfter, body: response.data, request: 'app' })
  }

  return {
    companyId,
    async fetch<T>(path: string, { method = 'GET', query, body }: PleoFetchOptions = {}) {
      assertPleoPath(path)
      return send<T>(record, pleoWithStoredKey, method, path, scopeToCompany({ path, query, body }, companyId), true)
    },
  }
}

/** The connection now, if the check of a refused key put this record's handover standby back in force. */
async function standbyNowInForce(tenantId: string, refused: ConnectionRecord): Promise<ConnectionRecord | undefined> {
  const standbyKeyId = refused.standby?.purpose === 'handover' ? refused.standby.keyId : undefined
  if (!standbyKeyId) return undefined
  const current = (await useConnectionStores().connections.read(tenantId))?.value
  return current?.sealedKey && current.keyId === standbyKeyId ? current : undefined
}

/**
 * Only a path of Pleo's API: an absolute or protocol-relative URL would take the stored key to another host (the
 * HTTP client drops its base URL for those), and a query belongs in `query`, where it is encoded.
 */
function assertPleoPath(path: string) {
  if (typeof path !== 'string' || !/^\/(?!\/)[\w\-./:%@]*$/.test(path) || path.includes('..')) {
    throw new PleoConnectError('invalid_request', { variant: 'invalid_field', field: 'path', hint: 'Pass a path of Pleo\'s API such as /v1/companies/{id}; put query parameters in `query`.' })
  }
}
