// `#pleo-connect`: the module's public types. Nothing here can hold a key.
import type { PleoAuthorizeContext } from '../server/lib/http/access-policy'
import type { AuditEvent } from '../server/lib/records'
import type { PleoIncidentNotice } from '../server/lib/connection/incidents'

export type { ConnectionView, ConnectionState, ConnectionProblem, KeyType, PleoEnvironment, ConnectBody, ReplaceBody } from '../shared/schemas'
export type { PleoErrorCode, PleoErrorData } from '../shared/error-codes'
export type { PleoAuthorizeContext, PleoAccess } from '../server/lib/http/access-policy'
export type { AuditEvent } from '../server/lib/records'
export type { AuditEventType } from '../shared/audit'
export type { PleoDiagnosticsReport, CheckSample, CheckStatusClass, ClockReading, DiagnosticsIncident, DiagnosticsStateChange } from '../shared/diagnostics'
// The admin UI's side: what `usePleoConnection()`'s actions take and resolve to, and the texts' shapes.
export type { PleoActionResult, PleoConnectOptions, PleoReplaceOptions, PleoKeyActions } from '../app/utils/connection-actions'
export type { PleoConnectionError, PleoConnectionAction, PleoClientErrorCode } from '../app/utils/connection-error'
export type { PleoAuditEntry } from '../shared/audit'
export type { PleoKeyFollowUp } from '../app/composables/usePleoKeySubmission'
export type { PleoMessages, PleoMessageOverrides, PleoUiConfig } from '../shared/i18n/messages'

export type { PleoIncidentNotice, IncidentResolution } from '../server/lib/connection/incidents'
export type { PleoBlockedWork } from '../server/utils/get-pleo-blocked-work'
export type { BlockedWork } from '../shared/schemas'

type AuditHook = (event: AuditEvent) => void | Promise<void>
type IncidentHook = (notice: PleoIncidentNotice) => void | Promise<void>

/** Nitro runtime hooks of the module (`nitroApp.hooks.hook('pleo-connect:connected', …)`). */
export interface PleoConnectNitroHooks {
  /** Decide who may read or manage the connection, and (Integrated keys) which tenant a request belongs to. */
  'pleo-connect:authorize': (context: PleoAuthorizeContext) => void | Promise<void>
  /** Every audit event. */
  'pleo-connect:event': AuditHook
  'pleo-connect:connected': AuditHook
  'pleo-connect:key-replaced': AuditHook
  'pleo-connect:verified': AuditHook
  'pleo-connect:check-failed': AuditHook
  'pleo-connect:action-required': AuditHook
  /** The admin-entered expiry date of the key is near (sent once per date, by the scheduled check). */
  'pleo-connect:key-expiring': AuditHook
  /** Pleo refused a call of the app's own code (403) for lack of permission; the connection itself works. */
  'pleo-connect:permission-missing': AuditHook
  'pleo-connect:disconnected': AuditHook
  'pleo-connect:failed': AuditHook
  /**
   * A replacement key was refused within the standby window and the previous key, which still works, was put back
   * in force (once). The event carries both keys' hints and short fingerprints (`keyHint`: now in force;
   * `previousKeyHint`: refused), never a key.
   */
  'pleo-connect:standby-fallback': AuditHook
  /** The previous key kept as a standby was destroyed: `variant` `expired`, `by_admin` or `replaced`. */
  'pleo-connect:standby-destroyed': AuditHook
  /** A leak drill started (`leak_drill_started`), found the old key still working (`leak_drill_old_key_alive`) or closed (`leak_drill_closed`). */
  'pleo-connect:leak-drill': AuditHook
  /** A working connection stopped working (a check confirmed it): once per incident, on one instance. */
  'pleo-connect:incident-opened': IncidentHook
  /** The incident is still open (`healthCheck.incidentReminders`: 1 h, 6 h, 24 h after it opened, then daily). */
  'pleo-connect:incident-reminder': IncidentHook
  /** It works again (or a new key works, or it was disconnected): `blockedWork` lists the calls to do again. */
  'pleo-connect:incident-resolved': IncidentHook
}
