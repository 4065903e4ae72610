// The shapes of the connection actions, free of Vue, Pinia and Nuxt so that `#pleo-connect` can re-export them.
import type { ConnectionView } from '../../shared/schemas'
import type { PleoConnectionError } from './connection-error'

export interface PleoConnectOptions {
  /** Picks one company of an organisation-level key. */
  companyId?: string
  /** Expiry date of the key, as entered by the admin when Pleo showed one (`2027-01-31`). */
  keyExpiresAt?: string
  /** The admin was told this key was seen before (in use, replaced or refused) and sends it anyway. */
  acceptKnownKey?: boolean
}

export interface PleoReplaceOptions extends PleoConnectOptions {
  /** The admin confirmed that the new key may switch the connection to another company. */
  confirmCompanyChange?: boolean
}

/** What every action of `usePleoConnection()` resolves to; it never throws. */
export type PleoActionResult
  = | { ok: true, view: ConnectionView }
    | { ok: false, error: PleoConnectionError }

/** The two ways to send a key. Plain functions, not Pinia actions: see `usePleoConnectionStore`. */
export interface PleoKeyActions {
  /** First connection: validate → activate the installation → confirm the company. */
  connect: (apiKey: string, options?: PleoConnectOptions) => Promise<PleoActionResult>
  /** Replaces the key; the old one stays in force unless the new one passes. */
  replace: (apiKey: string, options?: PleoReplaceOptions) => Promise<PleoActionResult>
}
