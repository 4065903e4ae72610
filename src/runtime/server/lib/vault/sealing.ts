import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto'
import { encodeTenantId } from '../tenant-id'

/** `cipherKey` is `key` imported once: a raw key given to a cipher is imported again on every call (3× slower). */
export interface VaultKey { kid: string, key: Buffer, cipherKey: KeyObject }
/** `primary` encrypts; every key in `byKid` (the primary included) decrypts. */
export interface Keyring { primary: VaultKey, byKid: Map<string, VaultKey> }

/** The keyring setting is unusable. The message never repeats any part of the supplied value. */
export class VaultConfigError extends Error {
  override name = 'VaultConfigError'
}

export type VaultDecryptFailure = 'malformed' | 'unknown_key' | 'rejected'

const DECRYPT_MESSAGES: Record<VaultDecryptFailure, string> = {
  malformed: 'The stored secret is not in the expected sealed format.',
  unknown_key: 'The stored secret was sealed with a key that is not in NUXT_PLEO_CONNECT_ENCRYPTION_KEY.',
  rejected: 'The stored secret failed authentication: it belongs to another tenant or was altered.',
}

/** A sealed value could not be opened. The message is generic and never carries the sealed value or plaintext. */
export class VaultDecryptError extends Error {
  override name = 'VaultDecryptError'
  readonly reason: VaultDecryptFailure

  constructor(reason: VaultDecryptFailure) {
    super(DECRYPT_MESSAGES[reason])
    this.reason = reason
  }
}

const ENV_NAME = 'NUXT_PLEO_CONNECT_ENCRYPTION_KEY'
const EXPECTED_FORMAT = `${ENV_NAME} must be a comma-separated list of entries "<kid>:<key>" or "<key>". `
  + 'Each <key> is 32 random bytes written as base64 (44 characters), base64url (43 characters) or hex (64 characters); '
  + 'each <kid> is 1 to 32 characters from A-Z a-z 0-9 _ -. The first entry encrypts and every entry decrypts. '
  + 'Generate a key with: node -e "console.log(require(\'node:crypto\').randomBytes(32).toString(\'base64\'))"'

const FORMAT_PREFIX = 'pc1'
const AAD_PREFIX = 'pleo-connect|v1'
const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
const KID = /^[\w-]{1,32}$/
const HEX_KEY = /^[0-9a-f]{64}$/i
const BASE64_KEY = /^(?:[A-Z0-9+/]{43}=?|[\w-]{43})$/i
const BASE64URL = /^[\w-]*$/

function configError(problem: string): VaultConfigError {
  return new VaultConfigError(`${ENV_NAME} is invalid: ${problem}. ${EXPECTED_FORMAT}`)
}

function decodeKey(text: string, entryNumber: number): Buffer {
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex')
  if (!BASE64_KEY.test(text)) {
    throw configError(`the key in entry ${entryNumber} is not 32 bytes of base64, base64url or hex`)
  }
  const key = Buffer.from(text, 'base64')
  // The last character carries 2 spare bits; if they are set, the key was most likely mistyped or cut.
  if (key.toString('base64url') !== text.replace(/=$/, '').replaceAll('+', '-').replaceAll('/', '_')) {
    throw configError(`the key in entry ${entryNumber} is not a canonical encoding of 32 bytes`)
  }
  return key
}

// Non-enumerable, so logging or serialising a keyring by mistake does not print key material.
function vaultKey(kid: string, key: Buffer): VaultKey {
  const entry = { kid } as VaultKey
  Object.defineProperty(entry, 'key', { value: key, enumerable: false })
  Object.defineProperty(entry, 'cipherKey', { value: createSecretKey(key), enumerable: false })
  return entry
}

function parseEntry(entry: string, entryNumber: number): VaultKey {
  if (!entry) throw configError(`entry ${entryNumber} is empty`)
  const separator = entry.indexOf(':')
  if (separator === -1) {
    const key = decodeKey(entry, entryNumber)
    return vaultKey(createHash('sha256').update(key).digest('hex').slice(0, 8), key)
  }
  const kid = entry.slice(0, separator)
  if (!KID.test(kid)) throw configError(`the key id in entry ${entryNumber} is not 1 to 32 characters from A-Z a-z 0-9 _ -`)
  return vaultKey(kid, decodeKey(entry.slice(separator + 1), entryNumber))
}

/** Parses the value of `NUXT_PLEO_CONNECT_ENCRYPTION_KEY`; throws `VaultConfigError` if it is unusable. */
export function parseKeyring(value: string): Keyring {
  if (typeof value !== 'string' || !value.trim()) throw configError('it is empty')
  const keys = value.split(',').map((entry, index) => parseEntry(entry.trim(), index + 1))
  const byKid = new Map<string, VaultKey>()
  keys.forEach((key, index) => {
    if (byKid.has(key.kid)) throw configError(`entry ${index + 1} repeats the key id of an earlier entry`)
    byKid.set(key.kid, key)
  })
  return { primary: keys[0]!, byKid }
}

/** A new key for `NUXT_PLEO_CONNECT_ENCRYPTION_KEY`: 32 random bytes as base64. */
export function generateEncryptionKey(): string {
  return randomBytes(KEY_BYTES).toString('base64')
}

// Binding the format version, tenant and key id means a sealed value only opens in the context it was made for.
function additionalData(tenantId: string, kid: string): Buffer {
  return Buffer.from(`${AAD_PREFIX}|${encodeTenantId(tenantId)}|${kid}`, 'utf8')
}

/** Encrypts `plaintext` for `tenantId` with the primary key: `pc1.<kid>.<iv>.<ciphertext‖tag>` (base64url). */
export function sealSecret(keyring: Keyring, tenantId: string, plaintext: string): string {
  const { kid, cipherKey } = keyring.primary
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', cipherKey, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(additionalData(tenantId, kid))
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return [FORMAT_PREFIX, kid, iv.toString('base64url'), sealed.toString('base64url')].join('.')
}

// Only the canonical spelling is accepted, so no two different strings open to the same secret.
function decodeBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined
  const bytes = Buffer.from(text, 'base64url')
  return bytes.toString('base64url') === text ? bytes : undefined
}

/** Decrypts a value made by `sealSecret` for the same tenant; throws `VaultDecryptError` on any failure. */
export function openSecret(keyring: Keyring, tenantId: string, sealed: string): string {
  const parts = typeof sealed === 'string' ? sealed.split('.') : []
  if (parts.length !== 4 || parts[0] !== FORMAT_PREFIX) throw new VaultDecryptError('malformed')
  const [, kid, ivText, bodyText] = parts as [string, string, string, string]
  const iv = decodeBase64url(ivText)
  const body = decodeBase64url(bodyText)
  if (!KID.test(kid) || iv?.length !== IV_BYTES || !body || body.length < TAG_BYTES) throw new VaultDecryptError('malformed')
  const vaultKey = keyring.byKid.get(kid)
  if (!vaultKey) throw new VaultDecryptError('unknown_key')

  // authTagLength pins the tag to 16 bytes; without it Node has accepted truncated GCM tags (DEP0182).
  const decipher = createDecipheriv('aes-256-gcm', vaultKey.cipherKey, iv, { authTagLength: TAG_BYTES })
  decipher.setAAD(additionalData(tenantId, kid))
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8')
  }
  catch {
    throw new VaultDecryptError('rejected')
  }
}

/** The key id a sealed value names, or `undefined` if it is not a sealed value. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = typeof sealed === 'string' ? sealed.split('.') : []
  return parts.length === 4 && parts[0] === FORMAT_PREFIX && KID.test(parts[1]!) ? parts[1] : undefined
}

/** Whether a sealed value should be re-encrypted with the primary key (also true when it names no key id). */
export function needsRewrap(keyring: Keyring, sealed: string): boolean {
  return sealedKeyId(sealed) !== keyring.primary.kid
}

/**
 * A fingerprint of an API key: an HMAC with a key derived from the primary encryption key for this purpose only,
 * so it can name a key (in a storage key, an audit event) without revealing it or letting a guess be checked
 * without the keyring.
 */
export function keyFingerprint(keyring: Keyring, apiKey: string): string {
  return createHmac('sha256', fingerprintKey(keyring.primary.key)).update(apiKey, 'utf8').digest('hex').slice(0, 32)
}

// Derived once per encryption key, not on every submit; held weakly, so it goes with the key when the keyring does.
const fingerprintKeys = new WeakMap<Buffer, KeyObject>()

function fingerprintKey(encryptionKey: Buffer): KeyObject {
  let purposeKey = fingerprintKeys.get(encryptionKey)
  if (!purposeKey) {
    purposeKey = createSecretKey(Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'pleo-connect|fingerprint|v1', 32)))
    fingerprintKeys.set(encryptionKey, purposeKey)
  }
  return purposeKey
}
