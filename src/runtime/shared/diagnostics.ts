// The diagnostics report an admin downloads for support: its shape and version. Nothing in it can hold a key.
import type { BlockedWork, ConnectionProblem, ConnectionState, KeyType, PleoEnvironment } from './schemas'

export const DIAGNOSTICS_FORMAT = 'pleo-connect-diagnostics'
/** Raised when a field changes meaning or goes away; new optional fields keep the version. */
export const DIAGNOSTICS_VERSION = 1

/** How a check of the stored key ended: the class of Pleo's status, or no answer at all. */
export const CHECK_STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'unreachable', 'timeout'] as const
export type CheckStatusClass = typeof CHECK_STATUS_CLASSES[number]

/** One check of the stored key (the admin's, the scheduled one, or one confirming refused calls of the app). */
export interface CheckSample {
  /** UTC ISO time the check was sent. */
  at: string
  statusClass: CheckStatusClass
  /** Pleo's status, when it answered. */
  status?: number
  /** From sending to the whole answer, in milliseconds. */
  latencyMs: number
}

/** Pleo's clock against this server's, from the `Date` header of the latest check that had one. */
export interface ClockReading {
  /** Pleo's time minus ours, in milliseconds (Pleo's header counts whole seconds). */
  skewMs: number
  measuredAt: string
}

/** The incident of a connection that stopped working: when it opened, the reminders, its evidence and blocked work. */
export interface DiagnosticsIncident {
  id: string
  openedAt: string
  remindersSent: number
  /** The calls of the app that failed and the check that confirmed it (operations, never a query or a body). */
  evidence?: ConnectionProblem['evidence']
  /** Calls that failed while it was open, counted by operation. */
  blockedWork: BlockedWork
}

export interface DiagnosticsStateChange {
  at: string
  state: ConnectionState
  /** The audit event type that recorded it (`connected`, `action_required`, …). */
  type: string
  code?: string
  variant?: string
}

export interface PleoDiagnosticsReport {
  format: typeof DIAGNOSTICS_FORMAT
  version: typeof DIAGNOSTICS_VERSION
  generatedAt: string
  module: { name: string, version: string }
  nuxt: { version: string }
  node: { version: string }
  environment: PleoEnvironment
  /** The host of Pleo's base URL this server calls (never a path, a query or credentials). */
  baseUrlHost: string | null
  connection: {
    state: ConnectionState
    keyType: KeyType
    companyId?: string
    keyHint?: string
    /** The key's short fingerprint (an HMAC, never the key), as the audit trail shows it. */
    keyFingerprint?: string
    installation?: { id: string, status: string }
    connectedAt?: string
    keyReplacedAt?: string
    lastVerifiedAt?: string
    keyExpiresAt?: string
    problem?: ConnectionProblem
    /** Open while the connection is broken. */
    incident?: DiagnosticsIncident
    /** The incident that closed last (and when a check or a new key found the connection working again). */
    lastIncident?: DiagnosticsIncident & { resolvedAt: string }
  }
  /** Changes of the connection's state, oldest first. */
  stateHistory: DiagnosticsStateChange[]
  /** The last checks of the stored key, oldest first. */
  recentChecks: CheckSample[]
  clock: ClockReading | null
}

/** The name the downloaded file gets: `pleo-connect-diagnostics-2026-12-03.json`. */
export function diagnosticsFileName(generatedAt: string): string {
  return `${DIAGNOSTICS_FORMAT}-${generatedAt.slice(0, 10)}.json`
}
