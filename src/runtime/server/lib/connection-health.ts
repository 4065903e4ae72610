import type { ConnectionProblem, ConnectionView } from '../../shared/schemas'
import type { PleoAccess } from './access-policy'
import { recordEvent } from './audit'
import type { AuditEventType, ConnectionRecord } from './connection-record'
import { toConnectionView } from './connection-view'
import { PleoConnectError, problemOf } from './errors'
import type { PleoClient } from './pleo-client'
import { useConnectionStores } from './storage'
import { clientForRecord, installationQuery } from './stored-key-client'
import { withValidationSlot } from './validation-guard'

/** What a check of a stored key found: it works, Pleo is in trouble (state kept), or the admin must act. */
export type CheckOutcome
  = | { kind: 'ok', installation: { id: string, status: string } }
    | { kind: 'transient' | 'action_required', problem: ConnectionProblem, retryAfter?: number }

/**
 * Checks the stored key against Pleo now (the admin's "Check connection"). 401/403 or an inactive installation
 * mean the admin must act; network trouble, 429 and 5xx are recorded but leave the state as it was.
 */
export async function verifyConnection(access: PleoAccess): Promise<ConnectionView> {
  const { tenantId, actor } = access
  const checked = (await useConnectionStores().connections.read(tenantId))?.value
  if (!checked?.sealedKey) throw new PleoConnectError('not_connected')
  const pleo = await clientForRecord(tenantId, checked)
  return withValidationSlot(tenantId, async () => {
    const outcome = await checkInstallation(pleo, checked)
    const record = await applyCheckOutcome(tenantId, checked, outcome, { actor, auditEvery: true })
    return toConnectionView(record, false)
  })
}

export async function checkInstallation(pleo: PleoClient, record: ConnectionRecord): Promise<CheckOutcome> {
  let response
  try {
    response = await pleo.request<{ id?: unknown, status?: unknown, errorCode?: unknown }>('GET', '/v1/installations/me', { query: installationQuery(record) })
  }
  catch (error) {
    return { kind: 'transient', problem: problemOf(error) }
  }
  const { status, data } = response
  if (status === 200 && data && typeof data.id === 'string' && typeof data.status === 'string') {
    if (data.status === 'ACTIVATED') return { kind: 'ok', installation: { id: data.id, status: data.status } }
    return actionRequired(data.errorCode === 'NOT_ENTITLED' ? 'installation_not_entitled' : 'not_connected', 'Pleo shows this integration as not active for your company.', 'Update the API Key to activate the connection again.')
  }
  if (status === 404) {
    return actionRequired('not_connected', 'Pleo no longer has this integration installed for your company.', 'Update the API Key to install and connect it again.')
  }
  if (status === 401 || status === 403) return authFailureOutcome(status)
  return { kind: 'transient', problem: problemOf(new PleoConnectError(status === 429 ? 'pleo_rate_limited' : 'pleo_unavailable')), retryAfter: response.retryAfter }
}

/** Pleo refused the stored key (seen by a check or by the host app's own calls). */
export function authFailureOutcome(status: 401 | 403): CheckOutcome {
  return status === 401
    ? actionRequired('key_rejected', 'Your connection to Pleo has been interrupted: Pleo no longer accepts the API Key.', 'Please update your API Key to restore access.')
    : actionRequired('key_lacks_permission', 'Your connection to Pleo has been interrupted: the API Key no longer has the required permissions.', 'Please update your API Key to restore access.')
}

function actionRequired(code: 'key_rejected' | 'key_lacks_permission' | 'installation_not_entitled' | 'not_connected', message: string, action: string): CheckOutcome {
  return { kind: 'action_required', problem: problemOf(new PleoConnectError(code, { message, action })) }
}

const EVENT_FOR_OUTCOME: Record<CheckOutcome['kind'], AuditEventType> = {
  ok: 'verified',
  transient: 'check_failed',
  action_required: 'action_required',
}

/**
 * Writes a check's outcome, unless the key was replaced or removed since the check began (a check of an old key
 * says nothing about the new one). Audits every check an admin asked for, and only changes of state otherwise.
 */
export async function applyCheckOutcome(tenantId: string, checked: ConnectionRecord, outcome: CheckOutcome, options: { actor: string, auditEvery: boolean }): Promise<ConnectionRecord | undefined> {
  const now = new Date().toISOString()
  const store = useConnectionStores().connections
  let previousState: ConnectionRecord['state'] | undefined
  const written = await store.update(tenantId, (current) => {
    if (!current || current.value.keyId !== checked.keyId) return undefined
    previousState = current.value.state
    if (outcome.kind === 'transient') return { ...current.value, problem: outcome.problem, updatedAt: now }
    if (outcome.kind === 'ok') {
      const { problem: _cleared, ...rest } = current.value
      return { ...rest, state: 'connected', installation: outcome.installation, lastVerifiedAt: now, updatedAt: now }
    }
    return { ...current.value, state: 'action_required', problem: outcome.problem, lastVerifiedAt: now, updatedAt: now }
  })
  if (!written) return (await store.read(tenantId))?.value
  if (options.auditEvery || written.value.state !== previousState) {
    await recordEvent({
      type: EVENT_FOR_OUTCOME[outcome.kind],
      tenantId,
      actor: options.actor,
      companyId: checked.company?.id,
      keyHint: checked.keyHint,
      ...(outcome.kind !== 'ok' && { code: outcome.problem.code }),
      state: written.value.state,
    })
  }
  return written.value
}
