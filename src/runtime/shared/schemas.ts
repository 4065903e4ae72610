import { z } from 'zod'
import { isCalendarDateOrTimestamp } from './calendar-date'
import { PROGRESS_STEPS } from './error-codes'
import { CONNECTION_STATES } from './states'
import { API_KEY_MAX_LENGTH } from './key-format'
import { KEY_HINT_PATTERN, UUID_PATTERN } from './patterns'

import { CALL_FAILURE_KINDS } from './call-failures'
import { LEAK_DRILL_STEPS } from './leak-drill-steps'

const uuid = z.string().regex(UUID_PATTERN, 'Must be a Pleo company ID (a UUID).')
const isoDate = z.string().max(40).refine(isCalendarDateOrTimestamp, 'Must be a real date like 2027-01-31.')

// The key's own format is checked separately (checkApiKeyFormat) so its message can be specific.
const apiKey = z.string().max(API_KEY_MAX_LENGTH * 4)

export const connectBodySchema = z.strictObject({
  apiKey,
  companyId: uuid.optional(),
  keyExpiresAt: isoDate.optional(),
  /** Send a key this tenant has seen before (in use, replaced or refused) after all: the admin was asked. */
  acceptKnownKey: z.boolean().optional(),
})

export const replaceBodySchema = connectBodySchema.extend({
  confirmCompanyChange: z.boolean().optional(),
})

/** "Is this the key in use?": only the key, compared by fingerprint, never sent to Pleo. */
export const compareBodySchema = z.strictObject({ apiKey })

export type ConnectBody = z.infer<typeof connectBodySchema>
export type ReplaceBody = z.infer<typeof replaceBodySchema>

export { CONNECTION_STATES, type ConnectionState, type KeyType, type PleoEnvironment } from './states'

export const problemSchema = z.strictObject({
  code: z.string(),
  variant: z.string().optional(),
  message: z.string(),
  action: z.string(),
  /** `key_lacks_permission` seen on one call of the app's own code (method and path template). */
  operation: z.string().optional(),
  /** `key_lacks_permission` (`missing_scopes`): the scopes the app needs that the key lacks. */
  missingScopes: z.array(z.string()).optional(),
  /**
   * A problem the app's own calls ran into and a check of the key confirmed: the last call that worked, the first
   * that failed, how many failed by operation (method and path template) and kind, and the confirming check.
   */
  evidence: z.strictObject({
    lastSuccessfulCallAt: z.string().optional(),
    firstFailedCallAt: z.string().optional(),
    failedCalls: z.number().int().nonnegative(),
    failures: z.array(z.strictObject({
      operation: z.string(),
      kind: z.enum(CALL_FAILURE_KINDS),
      count: z.number().int().positive(),
    })),
    confirmedBy: z.strictObject({ at: z.string() }),
  }).optional(),
})

/**
 * Calls of the app's own code that failed while an incident was open (and those that led to it), by operation
 * (method and path template): what is waiting to be done again once the connection works. Never a body or a query.
 */
export const blockedWorkSchema = z.strictObject({
  calls: z.number().int().nonnegative(),
  since: z.string().optional(),
  operations: z.array(z.strictObject({
    operation: z.string(),
    count: z.number().int().positive(),
    firstAt: z.string(),
    lastAt: z.string(),
  })),
})

/** The only shape the browser ever receives about a connection. */
export const connectionViewSchema = z.strictObject({
  state: z.enum(CONNECTION_STATES),
  keyType: z.enum(['standalone', 'integrated']),
  environment: z.enum(['production', 'staging']),
  company: z.strictObject({ id: z.string(), name: z.string().optional() }).optional(),
  keyHint: z.string().regex(KEY_HINT_PATTERN).optional(),
  installation: z.strictObject({ id: z.string(), status: z.string() }).optional(),
  /** When the company was first connected; a replacement keeps it. */
  connectedAt: z.string().optional(),
  /** When the key was last replaced. */
  keyReplacedAt: z.string().optional(),
  lastVerifiedAt: z.string().optional(),
  keyExpiresAt: z.string().optional(),
  problem: problemSchema.optional(),
  /** A key is being checked right now (a first connection, or a replacement while the current key keeps working). */
  progress: z.strictObject({ step: z.enum(PROGRESS_STEPS).optional(), startedAt: z.string() }).optional(),
  /** The key's scopes, as Pleo listed them when the key was saved (absent: Pleo did not say). */
  scopes: z.array(z.string()).optional(),
  /** Calls of the app's own code that Pleo refused for lack of permission: the rest of the connection works. */
  missingPermissions: z.array(z.strictObject({ operation: z.string(), seenAt: z.string() })).optional(),
  /**
   * The previous key, kept sealed after a replacement (only its hint shows): until when it stands by (absent while a
   * leak drill keeps it, until the drill proves it dead).
   */
  standby: z.strictObject({ keyHint: z.string().regex(KEY_HINT_PATTERN), until: z.string().optional() }).optional(),
  /** A "This key may have leaked" drill is open: since when, at which step, and when Pleo last still accepted the old key. */
  leakDrill: z.strictObject({ startedAt: z.string(), step: z.enum(LEAK_DRILL_STEPS), oldKeyAliveAt: z.string().optional() }).optional(),
  /** The connection worked and stopped working: open until it works again (see the incident hooks). */
  incident: z.strictObject({ id: z.string(), openedAt: z.string(), blockedWork: blockedWorkSchema }).optional(),
})

export type ConnectionView = z.infer<typeof connectionViewSchema>
export type ValidationProgress = NonNullable<ConnectionView['progress']>
export type ConnectionProblem = z.infer<typeof problemSchema>
export type StandbyView = NonNullable<ConnectionView['standby']>
export type LeakDrillView = NonNullable<ConnectionView['leakDrill']>
export type BlockedWork = z.infer<typeof blockedWorkSchema>
