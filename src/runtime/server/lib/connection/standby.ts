// The previous key after a replacement: kept sealed as a standby, put back in force once if the new key turns out
// refused (a mistaken rotation), destroyed when its window ends or the admin says so. Never a key in an event.
import type { PleoConnectRuntimeConfig } from '../config'
import { useModuleConfig } from '../config'
import type { PleoAccess } from '../http/access-policy'
import type { ConnectionRecord, StandbyKey } from '../records'
import { PleoConnectError } from '../errors'
import { useConnectionStores } from '../storage/stores'
import { recordEvent } from './audit-trail'
import { shortFingerprint } from './known-keys'
import { toConnectionView } from './view'
import type { ConnectionView } from '../../../shared/schemas'

export type StandbyDestroyedVariant = 'expired' | 'by_admin' | 'replaced'

/** The standby window from config, in milliseconds (`0`: off; a value that is not a number counts as the default). */
export function standbyWindowMs(config: PleoConnectRuntimeConfig = useModuleConfig()): number {
  const hours = Number(config.standbyHours ?? 24)
  return Number.isFinite(hours) && hours > 0 ? hours * 3_600_000 : 0
}

/**
 * What the connection keeps of `previous` once a new key replaced it. An open leak drill keeps the key it suspects
 * (whatever the window, until the drill proves it dead; a second replacement during the drill keeps the first
 * suspect). Otherwise a handover standby of a working key, for the same company only: falling back to another
 * company's key would silently switch the app back to that company's data, which the admin explicitly chose to leave.
 */
export function standbyAfterReplacement(previous: ConnectionRecord, options: { sameCompany: boolean, now: Date }): StandbyKey | undefined {
  if (previous.leakDrill) {
    if (previous.standby?.purpose === 'leak_drill') return previous.standby
    return standbyOf(previous, 'leak_drill')
  }
  const windowMs = standbyWindowMs()
  // A key that already stopped working is no standby.
  if (!options.sameCompany || windowMs === 0 || previous.state !== 'connected') return undefined
  return standbyOf(previous, 'handover', new Date(options.now.getTime() + windowMs).toISOString())
}

function standbyOf(record: ConnectionRecord, purpose: StandbyKey['purpose'], until?: string): StandbyKey | undefined {
  if (!record.sealedKey || !record.keyId) return undefined
  return {
    purpose,
    keyId: record.keyId,
    sealedKey: record.sealedKey,
    ...(record.keyHint && { keyHint: record.keyHint }),
    ...(record.keyFingerprint && { fingerprint: record.keyFingerprint }),
    ...(until && { until }),
    ...(record.installation && { installation: { ...record.installation } }),
    ...(record.organisationKey !== undefined && { organisationKey: record.organisationKey }),
    ...(record.scopes && { scopes: [...record.scopes] }),
    ...(record.keyExpiresAt && { keyExpiresAt: record.keyExpiresAt }),
    ...(record.keySavedBy && { savedBy: record.keySavedBy }),
  }
}

/** A handover standby that may still be put back in force at `now`. */
export function usableStandby(record: ConnectionRecord, now = new Date()): StandbyKey | undefined {
  const standby = record.standby
  if (standby?.purpose !== 'handover' || !standby.until) return undefined
  return Date.parse(standby.until) > now.getTime() ? standby : undefined
}

/** The record shaped as if the standby were its key: for a Pleo client and a check of that key. */
export function asStandbyRecord(record: ConnectionRecord, standby: StandbyKey): ConnectionRecord {
  return { ...record, keyId: standby.keyId, sealedKey: standby.sealedKey, organisationKey: standby.organisationKey, keyHint: standby.keyHint, keyFingerprint: standby.fingerprint }
}

/** Audits the end of a standby; the event names the destroyed key by hint and fingerprint only. */
export function auditStandbyDestroyed(tenantId: string, actor: string, record: ConnectionRecord, standby: StandbyKey, variant: StandbyDestroyedVariant) {
  return recordEvent({
    type: 'standby_destroyed',
    tenantId,
    actor,
    variant,
    companyId: record.company?.id,
    ...(standby.keyHint && { keyHint: standby.keyHint }),
    ...(standby.fingerprint && { keyFingerprint: shortFingerprint(standby.fingerprint) }),
    state: record.state,
  })
}

/**
 * The admin's "Destroy it now": the handover standby is removed (in one compare-and-set on its key id) and that is
 * audited. A drill's standby stays until the drill proves it dead; no standby is no change.
 */
export async function destroyStandby(access: PleoAccess): Promise<ConnectionView> {
  const { tenantId, actor } = access
  const store = useConnectionStores().connections
  const record = (await store.read(tenantId))?.value
  if (!record?.sealedKey) throw new PleoConnectError('not_connected')
  const standby = record.standby
  if (!standby) return toConnectionView(record)
  if (standby.purpose === 'leak_drill') throw new PleoConnectError('invalid_request', { variant: 'leak_drill_keeps_standby' })
  const written = await removeStandby(tenantId, standby.keyId)
  if (written) await auditStandbyDestroyed(tenantId, actor, written, standby, 'by_admin')
  return toConnectionView(written ?? (await store.read(tenantId))?.value)
}

/** The sweep's part: a handover standby past its window is destroyed (once, across instances) and audited. */
export async function destroyExpiredStandby(tenantId: string, record: ConnectionRecord, actor: string, now = new Date()): Promise<boolean> {
  const standby = record.standby
  if (standby?.purpose !== 'handover' || (standby.until && Date.parse(standby.until) > now.getTime())) return false
  const written = await removeStandby(tenantId, standby.keyId)
  if (written) await auditStandbyDestroyed(tenantId, actor, written, standby, 'expired')
  return Boolean(written)
}

/** Removes the standby if it is still the one named: of two instances (or an admin and the sweep) one wins. */
async function removeStandby(tenantId: string, standbyKeyId: string): Promise<ConnectionRecord | undefined> {
  const written = await useConnectionStores().connections.update(tenantId, (current) => {
    if (current?.value.standby?.keyId !== standbyKeyId) return undefined
    const { standby: _destroyed, ...rest } = current.value
    return { ...rest, updatedAt: new Date().toISOString() }
  })
  return written?.value
}
