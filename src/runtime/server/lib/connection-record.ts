import type { ConnectionProblem, KeyType, PleoEnvironment } from '../../shared/schemas'

/** What is stored per tenant. The key is only ever here sealed (`sealedKey`). */
export interface ConnectionRecord {
  state: 'connected' | 'failed' | 'action_required'
  keyType: KeyType
  environment: PleoEnvironment
  /** Random id of the stored key: lets a late writer tell that the key changed under it. */
  keyId?: string
  sealedKey?: string
  keyHint?: string
  company?: { id: string, name?: string }
  installation?: { id: string, status: string }
  organisationKey?: boolean
  /** When the company was first connected; a replacement of the key keeps it. */
  connectedAt?: string
  /** When the key was last replaced. */
  keyReplacedAt?: string
  lastVerifiedAt?: string
  keyExpiresAt?: string
  /** The expiry date a `key_expiring` warning was already sent for. */
  expiryWarnedFor?: string
  problem?: ConnectionProblem
  /** Calls of the app's own code that Pleo refused with 403: missing permissions, not a broken connection. */
  missingPermissions?: Array<{ operation: string, seenAt: string }>
  updatedAt: string
}

export type AuditEventType
  = | 'connected'
    | 'connect_failed'
    | 'key_replaced'
    | 'replace_refused'
    | 'verified'
    | 'check_failed'
    | 'action_required'
    | 'key_expiring'
    | 'permission_missing'
    | 'disconnected'

/** One line of a tenant's audit trail: who did what, when. Never a key, only its hint. */
export interface AuditEvent {
  id: string
  at: string
  type: AuditEventType
  tenantId: string
  actor: string
  companyId?: string
  previousCompanyId?: string
  keyHint?: string
  code?: string
  /** Which case of `code` (its words differ), e.g. `held_elsewhere` for `key_other_company`. */
  variant?: string
  /** Checks with the same outcome in a row are one event: how many, and when the first was. */
  repeated?: number
  firstAt?: string
  /** `permission_missing`: the call Pleo refused (method and path template, never a query string). */
  operation?: string
  state?: ConnectionRecord['state'] | 'disconnected'
}
