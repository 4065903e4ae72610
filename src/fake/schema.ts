import { z } from 'zod'
import type { FakeCompany, FakeKey } from './types'

const STATUSES = ['ACTIVATED', 'INACTIVE', 'AUTHORIZED', 'PENDING_INTEGRATION', 'ERROR'] as const
const ERROR_CODES = ['NOT_ENTITLED', 'AUTH_ERROR'] as const

/** Pleo's documented limits: at most 50 pairs, keys up to 40 characters, string values up to 500. */
const metadata = z.record(z.string().max(40), z.string().max(500))
  .refine(pairs => Object.keys(pairs).length <= 50, 'metadata holds at most 50 pairs')

/** `CreateClientInstallationRequest`; unknown fields are ignored. */
export const createInstallationBody = z.object({
  status: z.enum(STATUSES).optional(),
  metadata: metadata.optional(),
})

/** `UpdateInstallationRequest`: the status is required. */
export const updateInstallationBody = z.object({
  status: z.enum(STATUSES),
  errorCode: z.enum(ERROR_CODES).optional(),
  metadata: metadata.optional(),
})

const id = z.guid()

const fakeCompany = z.object({
  id,
  name: z.string(),
  organizationId: id.optional(),
  registrationNumber: z.string().optional(),
  address: z.object({
    addressLine1: z.string().optional(),
    locality: z.string().optional(),
    postalCode: z.string().optional(),
    country: z.string(),
  }),
}) satisfies z.ZodType<FakeCompany>

const fakeKey = z.object({
  key: z.string().min(1),
  case: z.string(),
  env: z.enum(['production', 'staging']),
  kind: z.enum(['standalone', 'integrated']),
  subject: z.discriminatedUnion('type', [
    z.object({ type: z.literal('company'), companyId: id }),
    z.object({ type: z.literal('organization'), organizationId: id, companyIds: z.array(id) }),
  ]),
  scopes: z.array(z.string()),
  clientId: z.string(),
  applicationId: id,
  applicationName: z.string().optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  revoked: z.boolean().optional(),
  existingInstallation: z.object({
    status: z.enum(STATUSES),
    errorCode: z.enum(ERROR_CODES).optional(),
    metadata: z.record(z.string(), z.string()).optional(),
  }).nullable().optional(),
  notEntitled: z.boolean().optional(),
  forceStatus: z.union([z.literal(403), z.literal(429), z.literal(500), z.literal(502), z.literal(503)]).optional(),
  latencyMs: z.number().int().nonnegative().optional(),
  rateLimitPerMinute: z.number().int().nonnegative().optional(),
}) satisfies z.ZodType<FakeKey>

/** The body of `POST /__fake/seed`. */
export const seedBody = z.object({
  keys: z.array(fakeKey).default([]),
  companies: z.array(fakeCompany).default([]),
})

/** The body of `POST /__fake/revoke` and `POST /__fake/expire`. */
export const keyBody = z.object({ key: z.string().min(1) })
