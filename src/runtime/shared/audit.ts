// The audit trail's events, as the server stores them and the events route sends them.

export const AUDIT_EVENT_TYPES = [
  'connected',
  'connect_failed',
  'key_replaced',
  'replace_refused',
  'verified',
  'check_failed',
  'action_required',
  'key_expiring',
  'permission_missing',
  'key_compared',
  'disconnected',
  'standby_fallback',
  'standby_destroyed',
  'leak_drill_started',
  'leak_drill_old_key_alive',
  'leak_drill_closed',
  'incident_opened',
  'incident_reminder',
  'incident_resolved',
] as const

export type AuditEventType = typeof AUDIT_EVENT_TYPES[number]

/** One line of the audit trail as the events route sends it: who did what, when. Never a key, only its hint. */
export interface PleoAuditEntry {
  id: string
  /** UTC ISO time. */
  at: string
  /** An `AuditEventType`; a type this version does not know yet is kept and shown as it is. */
  type: AuditEventType | (string & {})
  actor: string
  companyId?: string
  previousCompanyId?: string
  keyHint?: string
  /** The short fingerprint of the event's key (an HMAC, never the key): follows a key through a rotation. */
  keyFingerprint?: string
  /** `key_replaced`: the short fingerprint of the key it replaced; `standby_fallback`: of the key that failed. */
  previousKeyFingerprint?: string
  /** `standby_fallback`: the hint of the key that failed (the event's own `keyHint` is the standby's, now in force). */
  previousKeyHint?: string
  code?: string
  /** Which case of `code` (its words differ), e.g. `held_elsewhere` for `key_other_company`. */
  variant?: string
  /** Checks with the same outcome in a row are one event: how many, and when the first was. */
  repeated?: number
  firstAt?: string
  /** `key_expiring`: whole days left until the expiry date the admin entered. */
  daysLeft?: number
  /** `permission_missing`: the call Pleo refused (method and path template, never a query string). */
  operation?: string
  /** `incident_*`: the incident the event belongs to. */
  incidentId?: string
  /** `incident_reminder`: which reminder this is (1, 2, …). */
  reminder?: number
  /** `incident_resolved`: how many calls of the app failed while it was open. */
  blockedCalls?: number
}
