// A key an admin pastes may be one this tenant has had before: the key in use, one replaced since, one Pleo refused.
// Each is named before the key is sent to Pleo ("This is the key that was replaced on 2026-05-12"), and the admin
// may go on anyway (`acceptKnownKey`). Told apart by fingerprint only: the trail keeps no key.
import type { AuditEvent, ConnectionRecord } from '../records'
import { PleoConnectError } from '../errors'

/** The fingerprint as events and hook payloads carry it: 48 bits, enough to follow one tenant's keys. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, 12)
}

/** `{ keyFingerprint }` of a stored key for an event about it, or nothing for a record stored before fingerprints. */
export function fingerprintField(record: Pick<ConnectionRecord, 'keyFingerprint'> | undefined): { keyFingerprint?: string } {
  return record?.keyFingerprint ? { keyFingerprint: shortFingerprint(record.keyFingerprint) } : {}
}

/** Refusals that say the key itself is not accepted (not a passing failure of Pleo's). */
const KEY_REFUSALS = new Set(['key_rejected', 'key_wrong_environment'])

/**
 * Throws `key_seen_before` for a key this tenant has in use, replaced, or had refused since it last disconnected
 * (`events`: the tenant's trail, newest first), unless the admin accepted it. Nothing is sent to Pleo before this, and it counts as no attempt.
 */
export function assertKeyNotKnown(events: AuditEvent[], fingerprint: string, current: ConnectionRecord | undefined, accepted: boolean | undefined): void {
  if (accepted) return
  if (current?.sealedKey && current.keyFingerprint === fingerprint) throw new PleoConnectError('key_seen_before', { variant: 'in_use' })
  const short = shortFingerprint(fingerprint)
  // Newest first: the latest time the key was seen is the one named. A disconnect starts afresh: a key used before
  // it may well be meant again.
  for (const event of events) {
    if (event.type === 'disconnected') return
    if (event.type === 'key_replaced' && event.previousKeyFingerprint === short) {
      throw new PleoConnectError('key_seen_before', { variant: 'replaced', seenAt: event.at.slice(0, 10) })
    }
    if ((event.type === 'connect_failed' || event.type === 'replace_refused') && event.keyFingerprint === short && KEY_REFUSALS.has(event.code ?? '')) {
      throw new PleoConnectError('key_seen_before', { variant: 'refused', seenAt: event.at.slice(0, 10) })
    }
  }
}
