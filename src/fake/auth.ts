import type { FakeEnvironment, FakeKey } from './types'

export interface AuthOptions {
  strictEmptyPassword: boolean
  acceptRawBasic: boolean
  acceptApiKeyAsBearer: boolean
}

/** `key` is set whenever the credential named a known key, even a refused one, so the request can be labelled. */
export type AuthResult
  = | { ok: true, key: FakeKey }
    | { ok: false, message: string, key?: FakeKey }

const BASE64 = /^[A-Z0-9+/]+={0,2}$/i

/**
 * The auth check of every /v1 route (fake spec 3.3): HTTP Basic with the key as username and an empty password.
 * Every refusal is a 401; the messages never contain the credential.
 */
export function authenticate(
  authorization: string | undefined,
  env: FakeEnvironment,
  findKey: (key: string) => FakeKey | undefined,
  options: AuthOptions,
  now = Date.now(),
): AuthResult {
  const credential = readCredential(authorization, findKey, options)
  if ('message' in credential) return { ok: false, message: credential.message }
  const key = findKey(credential.key)
  if (!key) return { ok: false, message: 'Unknown API key.' }
  if (key.revoked) return { ok: false, message: 'The API key has been revoked.', key }
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return { ok: false, message: 'The API key has expired.', key }
  if (key.env !== env) return { ok: false, message: 'The API key does not belong to this environment.', key }
  return { ok: true, key }
}

function readCredential(
  authorization: string | undefined,
  findKey: (key: string) => FakeKey | undefined,
  options: AuthOptions,
): { key: string } | { message: string } {
  const header = authorization?.trim()
  if (!header) return { message: 'Missing credentials.' }
  const space = header.indexOf(' ')
  const scheme = (space === -1 ? header : header.slice(0, space)).toLowerCase()
  const token = space === -1 ? '' : header.slice(space + 1).trim()
  if (!token) return { message: 'Malformed credentials.' }

  if (scheme === 'bearer') {
    return options.acceptApiKeyAsBearer ? { key: token } : { message: 'API keys are sent with Basic authentication.' }
  }
  if (scheme !== 'basic') return { message: 'Unsupported authorization scheme.' }

  if (options.acceptRawBasic && findKey(token)) return { key: token }
  const decoded = decodeBase64(token)
  if (decoded === undefined) return { message: 'Malformed credentials.' }
  const colon = decoded.indexOf(':')
  if (colon === -1) return { message: 'Malformed credentials.' }
  if (options.strictEmptyPassword && decoded.length > colon + 1) {
    return { message: 'The password must be empty: the API key is the username.' }
  }
  return { key: decoded.slice(0, colon) }
}

/** Strict base64: the alphabet, padding, length, and a UTF-8 text that encodes back to the same token. */
export function decodeBase64(token: string): string | undefined {
  if (token.length % 4 !== 0 || !BASE64.test(token)) return undefined
  const text = Buffer.from(token, 'base64').toString('utf8')
  return Buffer.from(text, 'utf8').toString('base64') === token ? text : undefined
}
