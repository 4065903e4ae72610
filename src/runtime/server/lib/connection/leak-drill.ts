// "This key may have leaked": a guided drill that swaps the key with no downtime, then proves with Pleo that the old
// key is dead before it closes. The old key is kept sealed as the drill's standby until then, never used for calls.
import type { ConnectionView } from '../../../shared/schemas'
import type { PleoAccess } from '../http/access-policy'
import type { ConnectionRecord } from '../records'
import { PleoConnectError } from '../errors'
import { clientForRecord, installationQuery } from '../pleo/stored-key-client'
import { errorForPleoStatus } from '../pleo/status-map'
import { useConnectionStores, useCoordination } from '../storage/stores'
import { useModuleConfig } from '../config'
import { encodeTenantId } from '../tenant-id'
import { recordEvent } from './audit-trail'
import { fingerprintField, shortFingerprint } from './known-keys'
import { asStandbyRecord } from './standby'
import { toConnectionView } from './view'

/** Starts a drill on a working connection (an open one is left as it is). The next replacement keeps the old key. */
export async function startLeakDrill(access: PleoAccess): Promise<ConnectionView> {
  const { tenantId, actor } = access
  const startedAt = new Date().toISOString()
  let started = false
  const written = await useConnectionStores().connections.update(tenantId, (current) => {
    if (!current?.value.sealedKey) throw new PleoConnectError('not_connected')
    if (current.value.leakDrill) return undefined
    started = true
    return { ...current.value, leakDrill: { startedAt, step: 'replace_key' }, updatedAt: startedAt }
  })
  const record = written?.value ?? (await useConnectionStores().connections.read(tenantId))?.value
  if (started && record) {
    await recordEvent({ type: 'leak_drill_started', tenantId, actor, companyId: record.company?.id, keyHint: record.keyHint, ...fingerprintField(record), state: record.state })
  }
  return toConnectionView(record)
}

/**
 * The drill's last step: asks Pleo with the old key. Refused (401/403): the old key is dead, so its sealed copy is
 * destroyed and the drill closed (`leak_drill_closed`). Accepted: the page says the old key still works in Pleo and
 * the drill stays open (`leak_drill_old_key_alive`). Pleo unreachable, limiting or failing: that error, drill open.
 */
export async function verifyLeakDrill(access: PleoAccess): Promise<ConnectionView> {
  const { tenantId, actor } = access
  const store = useConnectionStores().connections
  const record = (await store.read(tenantId))?.value
  if (!record?.sealedKey) throw new PleoConnectError('not_connected')
  if (!record.leakDrill) throw new PleoConnectError('not_connected', { variant: 'no_leak_drill' })
  const suspect = record.standby?.purpose === 'leak_drill' ? record.standby : undefined
  if (record.leakDrill.step !== 'prove_old_key_dead' || !suspect) throw new PleoConnectError('invalid_request', { variant: 'leak_drill_needs_new_key' })

  // Each check spends the tenant's Pleo rate limit, as "Check connection" does: one per cool-down, on any instance.
  const { verifyCooldownSeconds } = useModuleConfig()
  if (verifyCooldownSeconds > 0 && !await useCoordination().claimOnce(`leak-drill-cooldown:${encodeTenantId(tenantId)}`, verifyCooldownSeconds * 1000)) {
    throw new PleoConnectError('too_many_attempts', { variant: 'check_cooldown', retryAfter: verifyCooldownSeconds })
  }
  const dead = await isRefusedByPleo(tenantId, asStandbyRecord(record, suspect))
  const now = new Date().toISOString()
  const written = await store.update(tenantId, (current) => {
    // Only the drill and the suspect this check was about: a newer key or drill is not touched.
    if (current?.value.standby?.keyId !== suspect.keyId || !current.value.leakDrill) return undefined
    if (!dead) return { ...current.value, leakDrill: { ...current.value.leakDrill, oldKeyAliveAt: now }, updatedAt: now }
    const { standby: _destroyed, leakDrill: _closed, ...rest } = current.value
    return { ...rest, updatedAt: now }
  })
  if (written) {
    await recordEvent({
      type: dead ? 'leak_drill_closed' : 'leak_drill_old_key_alive',
      tenantId,
      actor,
      companyId: record.company?.id,
      ...(suspect.keyHint && { keyHint: suspect.keyHint }),
      ...(suspect.fingerprint && { keyFingerprint: shortFingerprint(suspect.fingerprint) }),
      state: written.value.state,
    })
  }
  return toConnectionView(written?.value ?? (await store.read(tenantId))?.value)
}

/**
 * Whether Pleo refuses the key outright (401/403). A key it accepts (an installation, or none: 404) is alive; a
 * redirect, 429, 5xx or no answer proves nothing and is thrown as that error.
 */
async function isRefusedByPleo(tenantId: string, suspect: ConnectionRecord): Promise<boolean> {
  const pleo = await clientForRecord(tenantId, suspect)
  const response = await pleo.request('GET', '/v1/installations/me', { query: installationQuery(suspect) })
  if (response.status === 401 || response.status === 403) return true
  if ((response.status >= 200 && response.status < 300) || (response.status >= 400 && response.status < 429)) return false
  throw errorForPleoStatus(response.status, { retryAfter: response.retryAfter })
}
