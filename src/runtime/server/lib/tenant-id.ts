/** Longest tenant id accepted, in UTF-16 code units (JavaScript `string.length`). */
export const TENANT_ID_MAX_LENGTH = 100

/**
 * Longest tenant id accepted, in UTF-8 bytes. The encoded id is two hex characters per byte and becomes a file
 * name with the `fs` storage driver, so 127 bytes keep it at 254 characters, under the usual 255-byte limit.
 */
export const TENANT_ID_MAX_BYTES = 127

// Control characters and line/paragraph separators would let an id forge log lines; a lone surrogate has no
// UTF-8 form, so two different ids would encode to the same bytes.
const FORBIDDEN_CHARACTERS = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u
const ENCODED_TENANT_ID = /^(?:[0-9a-f]{2})+$/

export function isValidTenantId(id: unknown): id is string {
  return typeof id === 'string'
    && id.length > 0
    && id.length <= TENANT_ID_MAX_LENGTH
    && !FORBIDDEN_CHARACTERS.test(id)
    && Buffer.byteLength(id, 'utf8') <= TENANT_ID_MAX_BYTES
}

/**
 * Encodes a tenant id as lowercase hex of its UTF-8 bytes. unstorage's `normalizeKey` treats `/`, `:` and `\`
 * alike, merges repeated separators and cuts at `?`, and file systems may ignore case; hex has none of those
 * characters and is injective, so two tenants can never share a storage key or a file.
 */
export function encodeTenantId(tenantId: string): string {
  if (!isValidTenantId(tenantId)) {
    // The id is left out of the message: it may carry characters that would break a log line.
    throw new TypeError(`Invalid tenant id: expected a non-empty string of at most ${TENANT_ID_MAX_LENGTH} characters (${TENANT_ID_MAX_BYTES} UTF-8 bytes) without control characters.`)
  }
  return Buffer.from(tenantId, 'utf8').toString('hex')
}

/** The tenant id that `encodeTenantId` turned into `encoded`, or `undefined` if `encoded` is not such a value. */
export function decodeTenantId(encoded: string): string | undefined {
  if (!ENCODED_TENANT_ID.test(encoded)) return undefined
  const tenantId = Buffer.from(encoded, 'hex').toString('utf8')
  // Invalid UTF-8 decodes to U+FFFD; re-encoding catches it and anything else that would not round-trip.
  return isValidTenantId(tenantId) && encodeTenantId(tenantId) === encoded ? tenantId : undefined
}
