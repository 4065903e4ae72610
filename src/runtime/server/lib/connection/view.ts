import type { ConnectionProblem, ConnectionView, ValidationProgress } from '../../../shared/schemas'
import type { ConnectionRecord, Incident } from '../records'
import { resolveEnvironment, resolveKeyType, useModuleConfig } from '../config'
import { keyringIfConfigured } from '../vault/keyring'
import { PleoConnectError, problemOf } from '../errors'
import { sealedKeyId } from '../vault/sealing'

/**
 * The stored record stripped to what the browser may see: never the sealed key, never internal ids. A validation
 * running now (`progress`) shows as `validating`, also while a replacement is checked and the old key still works.
 */
export function toConnectionView(record: ConnectionRecord | undefined, progress?: ValidationProgress): ConnectionView {
  const config = useModuleConfig()
  const base = { keyType: record?.keyType ?? resolveKeyType(config), environment: record?.environment ?? resolveEnvironment(config) }
  if (!record) return progress ? { state: 'validating', ...base, progress } : { state: 'disconnected', ...base }
  const { state, problem } = standingOf(record)
  const working = Boolean(record.sealedKey)
  return {
    state: progress ? 'validating' : state,
    ...base,
    ...(record.company && { company: { ...record.company } }),
    ...(record.keyHint && { keyHint: record.keyHint }),
    ...(record.installation && { installation: { ...record.installation } }),
    ...(record.connectedAt && { connectedAt: record.connectedAt }),
    ...(record.keyReplacedAt && { keyReplacedAt: record.keyReplacedAt }),
    ...(record.lastVerifiedAt && { lastVerifiedAt: record.lastVerifiedAt }),
    ...(record.keyExpiresAt && { keyExpiresAt: record.keyExpiresAt }),
    ...(working && record.scopes && { scopes: [...record.scopes] }),
    // A new first attempt replaces the failure it follows: "failed" never stands next to "in progress".
    ...(problem && (working || !progress) && { problem: { ...problem } }),
    ...(progress && { progress: { ...progress } }),
    ...(record.missingPermissions?.length && { missingPermissions: record.missingPermissions.map(gap => ({ ...gap })) }),
    ...(working && standbyView(record)),
    ...(working && record.leakDrill && { leakDrill: { ...record.leakDrill } }),
    ...(working && record.incident && { incident: incidentView(record.incident) }),
  }
}

/** The standby as the page shows it: the hint and until when, nothing else; a handover standby past its window is gone. */
function standbyView(record: ConnectionRecord, now = new Date()): Pick<ConnectionView, 'standby'> {
  const standby = record.standby
  if (!standby?.keyHint) return {}
  if (standby.purpose === 'leak_drill') return { standby: { keyHint: standby.keyHint } }
  if (!standby.until || Date.parse(standby.until) <= now.getTime()) return {}
  return { standby: { keyHint: standby.keyHint, until: standby.until } }
}

function incidentView({ id, openedAt, blockedWork }: Incident): NonNullable<ConnectionView['incident']> {
  return { id, openedAt, blockedWork: { ...blockedWork, operations: blockedWork.operations.map(entry => ({ ...entry })) } }
}

/**
 * Where a stored key stands now, beyond what the last check recorded: a key this server's keyring cannot open,
 * or an admin-entered expiry date that has passed, cannot keep the connection working, so both need the admin.
 */
export function standingOf(record: ConnectionRecord, now = new Date()): { state: ConnectionRecord['state'], problem?: ConnectionProblem } {
  if (!record.sealedKey || record.state === 'failed') return { state: record.state, problem: record.problem }
  if (!keyringCanOpen(record.sealedKey)) {
    return { state: 'action_required', problem: problemOf(new PleoConnectError('not_configured', { variant: 'key_unreadable' })) }
  }
  if (record.state === 'connected' && hasExpiredByDate(record, now)) {
    return { state: 'action_required', problem: expiredByDateProblem(record.keyExpiresAt!) }
  }
  return { state: record.state, problem: record.problem }
}

/** The day after the admin-entered expiry date has begun (UTC): the key may stop working at any moment. */
export function hasExpiredByDate(record: Pick<ConnectionRecord, 'keyExpiresAt'>, now = new Date()): boolean {
  return Boolean(record.keyExpiresAt) && record.keyExpiresAt!.slice(0, 10) < now.toISOString().slice(0, 10)
}

export function expiredByDateProblem(keyExpiresAt: string): ConnectionProblem {
  return problemOf(new PleoConnectError('key_rejected', { variant: 'expired_by_date', params: { date: keyExpiresAt.slice(0, 10) } }))
}

function keyringCanOpen(sealedKey: string): boolean {
  const kid = sealedKeyId(sealedKey)
  return kid !== undefined && Boolean(keyringIfConfigured(useModuleConfig())?.byKid.has(kid))
}
