import type { AuditEventType, PleoAuditEntry } from '../../shared/audit'
import type { ConnectionProblem, KeyType, PleoEnvironment } from '../../shared/schemas'
import type { LeakDrillStep } from '../../shared/leak-drill'

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
  standby?: StandbyKey
  leakDrill?: LeakDrill
  updatedAt: string
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
