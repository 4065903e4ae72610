import type { AuditEventType, PleoAuditEntry } from '../../shared/audit'
import type { BlockedWork, ConnectionProblem, KeyType, PleoEnvironment } from '../../shared/schemas'
import type { CheckSample, ClockReading } from '../../shared/diagnostics'
import type { LeakDrillStep } from '../../shared/leak-drill-steps'

/**
 * The previous key of a connection, kept sealed after a replacement passed. `handover`: for `standbyHours`, so that
 * a mistaken rotation does not stop the app (usePleoClient falls back to it once); `leak_drill`: the key a drill
 * must prove dead, never used for calls, kept until Pleo refuses it.
 */
export interface StandbyKey {
  purpose: 'handover' | 'leak_drill'
  keyId: string
  sealedKey: string
  keyHint?: string
  fingerprint?: string
  /** When a handover standby is destroyed (UTC ISO); a drill's has none. */
  until?: string
  /** What the key was connected with, restored if it is put back in force. */
  installation?: { id: string, status: string }
  organisationKey?: boolean
  scopes?: string[]
  keyExpiresAt?: string
  /** Who saved this key (`keySavedBy` while it was in force). */
  savedBy?: string
}

/** An open "This key may have leaked" drill. */
export interface LeakDrill {
  startedAt: string
  step: LeakDrillStep
  /** When Pleo last still accepted the old key (the page says so until a check finds it refused). */
  oldKeyAliveAt?: string
}

/** What is stored per tenant. The key is only ever here sealed (`sealedKey`). */
export interface ConnectionRecord {
  state: 'connected' | 'failed' | 'action_required'
  keyType: KeyType
  environment: PleoEnvironment
  /** Random id of the stored key: lets a late writer tell that the key changed under it. */
  keyId?: string
  sealedKey?: string
  keyHint?: string
  /** The key's fingerprint (`keyFingerprint`: an HMAC under a purpose key of the keyring), never the key. */
  keyFingerprint?: string
  company?: { id: string, name?: string }
  installation?: { id: string, status: string }
  organisationKey?: boolean
  /** The key's scopes as Pleo's introspection listed them at connect; absent when it could not be read. */
  scopes?: string[]
  /** When the company was first connected; a replacement of the key keeps it. */
  connectedAt?: string
  /** When the key was last replaced. */
  keyReplacedAt?: string
  lastVerifiedAt?: string
  keyExpiresAt?: string
  /** The last rung of the expiry reminders sent (days before), and for which date: each rung goes out once. */
  expiryReminder?: { for: string, rung: number }
  problem?: ConnectionProblem
  /** Calls of the app's own code that Pleo refused with 403: missing permissions, not a broken connection. */
  missingPermissions?: Array<{ operation: string, seenAt: string }>
  /** The last checks of this key (status class, latency, time), oldest first, for the diagnostics report. */
  recentChecks?: CheckSample[]
  /** Pleo's clock against ours, from the latest check whose answer had a `Date` header. */
  clock?: ClockReading
  standby?: StandbyKey
  leakDrill?: LeakDrill
  /** Who saved the key in force (the actor of its connection or replacement): incidents name them. */
  keySavedBy?: string
  /** The connection worked and stopped working: open until a check (or a new key) finds it working again. */
  incident?: Incident
  /** The incident that closed last: its blocked work stays readable for the app's replay. */
  lastIncident?: Incident & { resolvedAt: string }
  updatedAt: string
}

export interface Incident {
  id: string
  openedAt: string
  /** Reminders sent so far (hooks `pleo-connect:incident-reminder`). */
  remindersSent: number
  /** The evidence of the problem that opened it (calls of the app that failed, the confirming check). */
  evidence?: ConnectionProblem['evidence']
  blockedWork: BlockedWork
}

export type { AuditEventType } from '../../shared/audit'

/** One line of a tenant's audit trail as stored: the entry the events route sends, with its tenant and state. */
export interface AuditEvent extends PleoAuditEntry {
  type: AuditEventType
  tenantId: string
  state?: ConnectionRecord['state'] | 'disconnected'
}

/** A Pleo company's pointer to the tenant that holds it (see `claimCompany`). */
export interface CompanyClaim {
  tenantId: string
  claimedAt: string
}
