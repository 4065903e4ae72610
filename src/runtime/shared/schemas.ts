import { z } from 'zod'
import { API_KEY_MAX_LENGTH } from './key-format'

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Must be a Pleo company ID (a UUID).')
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?$/, 'Must be a date like 2027-01-31.')

// The key's own format is checked separately (checkApiKeyFormat) so its message can be specific.
const apiKey = z.string().max(API_KEY_MAX_LENGTH * 4)

export const connectBodySchema = z.strictObject({
  apiKey,
  companyId: uuid.optional(),
  keyExpiresAt: isoDate.optional(),
})

export const replaceBodySchema = connectBodySchema.extend({
  confirmCompanyChange: z.boolean().optional(),
})

export type ConnectBody = z.infer<typeof connectBodySchema>
export type ReplaceBody = z.infer<typeof replaceBodySchema>

export const CONNECTION_STATES = ['disconnected', 'validating', 'connected', 'failed', 'action_required'] as const
export type ConnectionState = typeof CONNECTION_STATES[number]
export type KeyType = 'standalone' | 'integrated'
export type PleoEnvironment = 'production' | 'staging'

export const problemSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  action: z.string(),
})

/** The only shape the browser ever receives about a connection. */
export const connectionViewSchema = z.strictObject({
  state: z.enum(CONNECTION_STATES),
  keyType: z.enum(['standalone', 'integrated']),
  environment: z.enum(['production', 'staging']),
  company: z.strictObject({ id: z.string(), name: z.string().optional() }).optional(),
  keyHint: z.string().regex(/^•{4}.{0,4}$/u).optional(),
  installation: z.strictObject({ id: z.string(), status: z.string() }).optional(),
  connectedAt: z.string().optional(),
  lastVerifiedAt: z.string().optional(),
  keyExpiresAt: z.string().optional(),
  problem: problemSchema.optional(),
})

export type ConnectionView = z.infer<typeof connectionViewSchema>
export type ConnectionProblem = z.infer<typeof problemSchema>
