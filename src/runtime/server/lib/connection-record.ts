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
  connectedAt?: string
  lastVerifiedAt?: string
  keyExpiresAt?: string
  /** The expiry date a `key_expiring` warning was already sent for. */
  expiryWarnedFor?: string
  problem?: ConnectionProblem
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
  state?: ConnectionRecord['state'] | 'disconnected'
}
