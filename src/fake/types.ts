import type { IncomingMessage, ServerResponse } from 'node:http'

export type FakeEnvironment = 'production' | 'staging'

export type InstallationStatus = 'ACTIVATED' | 'INACTIVE' | 'AUTHORIZED' | 'PENDING_INTEGRATION' | 'ERROR'

export type InstallationErrorCode = 'NOT_ENTITLED' | 'AUTH_ERROR'

export interface FakeCompany {
  id: string
  name: string
  organizationId?: string
  registrationNumber?: string
  address: { addressLine1?: string, locality?: string, postalCode?: string, country: string }
}

export interface FakeInstallationSeed {
  status: InstallationStatus
  errorCode?: InstallationErrorCode
  metadata?: Record<string, string>
}

export type FakeSubject
  = | { type: 'company', companyId: string }
    | { type: 'organization', organizationId: string, companyIds: string[] }

export interface FakeKey {
  key: string
  /** Short human label, e.g. 'valid, no installation yet'. */
  case: string
  env: FakeEnvironment
  kind: 'standalone' | 'integrated'
  subject: FakeSubject
  scopes: string[]
  clientId: string
  applicationId: string
  applicationName?: string
  expiresAt?: string
  revoked?: boolean
  existingInstallation?: FakeInstallationSeed | null
  /** Calls to these paths (e.g. `/v1/export-items`) answer 403: a key created without that permission. */
  deniedPaths?: string[]
  /** `GET /v1/introspect` answers without `subjectURN` (introspect's subject is optional in Pleo's spec). */
  introspectWithoutSubject?: boolean
  /** The installation can never become ACTIVATED: any attempt leaves it INACTIVE with errorCode NOT_ENTITLED (answer 200). */
  notEntitled?: boolean
  /** Every /v1 call answers this status once the key is authenticated (403 = valid key without permission). 429 carries Retry-After. */
  forceStatus?: 403 | 429 | 500 | 502 | 503
  /** Every /v1 call is answered this many milliseconds after it arrived (a stand-in for Pleo's round trip). */
  latencyMs?: number
  rateLimitPerMinute?: number
}

export interface FakePleoOptions {
  /** Seeded keys. @default DEMO_SEED.keys */
  keys?: FakeKey[]
  /** Seeded companies. @default DEMO_SEED.companies */
  companies?: FakeCompany[]
  /**
   * Honour the `x-fake-pleo-fault: 429|500|502|503|timeout|redirect` request header. Test-only.
   * @default false
   */
  allowFaultHeader?: boolean
  /** A non-empty Basic password is refused with 401. @default true */
  strictEmptyPassword?: boolean
  /** Also accept `Basic <raw key>` without base64. @default false */
  acceptRawBasic?: boolean
  /**
   * When set, the control routes (`/__fake/*`) also require the header `x-fake-pleo-token` with this value.
   * They always require a loopback Host, and JSON for their POSTs.
   * @default ''
   */
  controlToken?: string
  /** Also accept `Bearer <key>`. @default false */
  acceptApiKeyAsBearer?: boolean
  /** The type segment of an organisation URN (`urn:pleo:<type>:<id>`); the real spelling is unconfirmed. @default 'organization' */
  organisationUrnType?: string
  /** What POST /v1/installations/me answers when an installation already exists. @default 200 */
  postConflict?: 200 | 409
  /** Retry-After sent with forced and injected 429s. @default 2 */
  retryAfterSeconds?: number
  /**
   * How far the fake's clock is ahead of the machine's (negative: behind), in milliseconds: its `Date` response
   * header, which Pleo sends on every answer as any HTTP server does, reads that much off. Changed at run time with
   * `setClockSkew` or `POST /__fake/clock { skewMs }`.
   * @default 0
   */
  clockSkewMs?: number
  /** Receives one line per request: method, path, status, ms. Never a key or an Authorization header. */
  log?: (line: string) => void
}

export interface FakeRequestRecord {
  method: string
  path: string
  query: Record<string, string>
  /** Lower-cased names; the authorization value is replaced by '[redacted]'. */
  headers: Record<string, string>
  body: unknown
  keyCase?: string
  /** 0 while the request is in flight, and when it never got an answer. */
  status: number
  at: string
}

export interface FakeInstallation {
  id: string
  applicationId: string
  resource: string
  status: string
  metadata: Record<string, string>
  createdAt: string
  updatedAt: string
  errorCode?: InstallationErrorCode
}

export interface FakeListening {
  url: string
  port: number
  close(): Promise<void>
}

export interface FakePleo {
  /** A node request listener, to mount the fake in any node server. */
  handler: (req: IncomingMessage, res: ServerResponse) => void
  /** Starts a server. @default port 0 (any free port), host '127.0.0.1' */
  listen(port?: number, host?: string): Promise<FakeListening>
  /** Restores the initial seed, and forgets installations, rate-limit windows and recorded requests. */
  reset(): void
  /** Adds keys and companies (replacing those with the same key or id). */
  seed(keys: FakeKey[], companies?: FakeCompany[]): void
  revoke(key: string): void
  expire(key: string): void
  /** Sets how far the fake's clock (its `Date` header) is off, in milliseconds; `reset` restores the option's. */
  setClockSkew(ms: number): void
  installations(): Array<{ keyCase: string, env: string, installation: object }>
  /** Every request received, oldest first (cleared by reset). */
  requests: FakeRequestRecord[]
  /** Requests currently being processed. */
  inFlight(): number
}
