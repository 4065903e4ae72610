import { createHash, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { figure, scaled } from '../support/figures'
import {
  generateEncryptionKey,
  keyFingerprint,
  needsRewrap,
  openSecret,
  parseKeyring,
  sealedKeyId,
  sealSecret,
  VaultConfigError,
  VaultDecryptError,
} from '../../src/runtime/server/lib/vault/sealing'

const HEAVY = { timeout: 60_000 }

function randomTenant(): string {
  return `tenant-${randomBytes(6).toString('hex')}${['', '/x', ':x', 'é', '😀'][randomInt(5)]}`
}

function randomPlaintext(): string {
  return randomBytes(randomInt(0, 120)).toString('base64') + ['', 'é', '😀', '\u0000', '中文'][randomInt(5)]
}

function decryptOutcome(open: () => string): 'opened' | VaultDecryptError['reason'] {
  try {
    open()
    return 'opened'
  }
  catch (error) {
    if (error instanceof VaultDecryptError) return error.reason
    throw error
  }
}

function parts(sealed: string) {
  const [prefix, kid, iv, body] = sealed.split('.') as [string, string, string, string]
  return { prefix, kid, iv: Buffer.from(iv, 'base64url'), body: Buffer.from(body, 'base64url') }
}

function assemble(prefix: string, kid: string, iv: Buffer, body: Buffer): string {
  return [prefix, kid, iv.toString('base64url'), body.toString('base64url')].join('.')
}

function flipRandomBit(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes)
  copy[randomInt(copy.length)]! ^= 1 << randomInt(8)
  return copy
}

describe('sealSecret / openSecret', () => {
  const keyring = parseKeyring(`k1:${generateEncryptionKey()}`)

  it('round-trips and produces pc1.<kid>.<iv>.<ciphertext‖tag>', () => {
    for (const plaintext of ['', 'a', 'pleo-api-key-0123456789', 'é😀中\u0000', 'x'.repeat(10_000)]) {
      const sealed = sealSecret(keyring, 'tenant-1', plaintext)
      expect(sealed).toMatch(/^pc1\.k1\.[\w-]{16}\.[\w-]{22,}$/)
      // Short plaintexts can occur in base64url by chance; only a real key's length says something.
      if (plaintext.length >= 8) expect(sealed).not.toContain(plaintext)
      expect(openSecret(keyring, 'tenant-1', sealed)).toBe(plaintext)
    }
  })

  it('decrypts 0 of 10,000 tampered values (bit flips in iv, ciphertext or tag; truncated tags)', HEAVY, () => {
    const originals = Array.from({ length: 100 }, () => sealSecret(keyring, 'tenant-1', randomPlaintext()))
    const outcomes = { iv: 0, ciphertext: 0, tag: 0, truncated: 0 }
    let opened = 0
    const tampered = scaled(10_000)
    for (let i = 0; i < tampered; i++) {
      const { prefix, kid, iv, body } = parts(originals[i % originals.length]!)
      const kind = (['iv', 'ciphertext', 'tag', 'truncated'] as const)[i % 4]!
      let tampered: string
      if (kind === 'iv') {
        tampered = assemble(prefix, kid, flipRandomBit(iv), body)
      }
      else if (kind === 'truncated') {
        tampered = assemble(prefix, kid, iv, body.subarray(0, body.length - 1 - randomInt(16)))
      }
      else {
        // Flip only inside the part named, so each kind is really exercised.
        const tagStart = body.length - 16
        const copy = Buffer.from(body)
        const index = kind === 'tag' || tagStart === 0 ? tagStart + randomInt(16) : randomInt(tagStart)
        copy[index]! ^= 1 << randomInt(8)
        tampered = assemble(prefix, kid, iv, copy)
      }
      outcomes[kind]++
      if (decryptOutcome(() => openSecret(keyring, 'tenant-1', tampered)) === 'opened') opened++
    }
    figure('P3', `${opened} of ${tampered} tampered ciphertexts decrypted (bit flips in iv, ciphertext or tag; truncated tags: ${JSON.stringify(outcomes)})`)
    expect(opened).toBe(0)
  })

  it('decrypts 0 of 10,000 values swapped to another tenant', HEAVY, () => {
    let opened = 0
    const swaps = scaled(10_000)
    for (let i = 0; i < swaps; i++) {
      const owner = randomTenant()
      const other = i % 2 ? randomTenant() : owner.toUpperCase()
      if (decryptOutcome(() => openSecret(keyring, other, sealSecret(keyring, owner, 'secret'))) === 'opened') opened++
    }
    figure('P3', `${opened} of ${swaps} cross-tenant swaps decrypted`)
    expect(opened).toBe(0)
  })

  it('refuses values for unknown key ids and values relabelled with another key id', () => {
    const keyText = generateEncryptionKey()
    const ring = parseKeyring(`k1:${keyText},k2:${generateEncryptionKey()},same:${keyText}`)
    const sealed = sealSecret(ring, 't', 'secret')
    const { prefix, iv, body } = parts(sealed)
    expect(decryptOutcome(() => openSecret(parseKeyring(`k9:${keyText}`), 't', sealed))).toBe('unknown_key')
    expect(decryptOutcome(() => openSecret(ring, 't', assemble(prefix, 'k9', iv, body)))).toBe('unknown_key')
    expect(decryptOutcome(() => openSecret(ring, 't', assemble(prefix, 'k2', iv, body)))).toBe('rejected')
    // Same key bytes under another id: only the key id in the additional data tells them apart.
    expect(decryptOutcome(() => openSecret(ring, 't', assemble(prefix, 'same', iv, body)))).toBe('rejected')
  })

  it('refuses malformed values with a generic error that carries neither ciphertext nor plaintext', () => {
    const canary = `pleo-${randomBytes(12).toString('hex')}`
    const sealed = sealSecret(keyring, 't', canary)
    const { kid, iv, body } = parts(sealed)
    const malformed = [
      '', 'secret', sealed.replace(/^pc1/, 'pc2'), `${sealed}.x`, sealed.split('.').slice(0, 3).join('.'),
      assemble('pc1', kid, iv.subarray(0, 11), body), assemble('pc1', kid, Buffer.concat([iv, iv]), body),
      assemble('pc1', kid, iv, body.subarray(0, 15)), assemble('pc1', kid, iv, Buffer.alloc(0)),
      sealed.replace(/\.([\w-]+)$/, '.$1='), sealed.replace(/^(pc1\.k1\.)./, '$1+'),
      sealed.replace(/^pc1\.k1/, 'pc1.k+1'), sealed.replace(/^pc1\.k1/, 'pc1.'),
      undefined as unknown as string,
    ]
    for (const value of malformed) expect(decryptOutcome(() => openSecret(keyring, 't', value))).toBe('malformed')

    const errors: unknown[] = []
    for (const open of [() => openSecret(keyring, 'other', sealed), () => openSecret(keyring, 't', `${sealed}.x`)]) {
      try {
        open()
      }
      catch (error) {
        errors.push(error)
      }
    }
    expect(errors).toHaveLength(2)
    for (const error of errors) {
      const printed = `${(error as Error).message} ${inspect(error)}`
      expect(printed).not.toContain(canary)
      for (const part of sealed.split('.').slice(2)) {
        for (let start = 0; start + 8 <= part.length; start++) expect(printed).not.toContain(part.slice(start, start + 8))
      }
    }
  })

  it('accepts only the canonical base64url spelling of the ciphertext', () => {
    // 6 bytes of plaintext + 16 of tag = 22 bytes: the last base64url character has 4 unused bits.
    const sealed = sealSecret(keyring, 't', 'abcdef')
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = sealed.at(-1)!
    const variant = sealed.slice(0, -1) + alphabet[alphabet.indexOf(last) + 1]
    expect(Buffer.from(variant.split('.')[3]!, 'base64url')).toEqual(Buffer.from(sealed.split('.')[3]!, 'base64url'))
    expect(decryptOutcome(() => openSecret(keyring, 't', variant))).toBe('malformed')
  })

  it('uses 0 duplicate IVs, 12-byte IVs and 16-byte tags in 100% of 100,000 seals', HEAVY, () => {
    const count = Number(process.env.PLEO_VAULT_IV_SAMPLES) || scaled(100_000)
    const ivs = new Set<string>()
    let wellFormed = 0
    const started = performance.now()
    for (let i = 0; i < count; i++) {
      const plaintext = 'k'.repeat(i % 40)
      const { iv, body } = parts(sealSecret(keyring, 'tenant-1', plaintext))
      ivs.add(iv.toString('hex'))
      if (iv.length === 12 && body.length === plaintext.length + 16) wellFormed++
    }
    const seconds = (performance.now() - started) / 1000
    figure('P3', `${count - ivs.size} duplicate IVs in ${count} seals (${seconds.toFixed(2)} s); IV 12 B + tag 16 B in ${wellFormed}/${count}`)
    expect(ivs.size).toBe(count)
    expect(wellFormed).toBe(count)
  })

  it('agrees with an independent WebCrypto AES-GCM implementation in 1,000 round trips each way', HEAVY, async () => {
    const keyText = generateEncryptionKey()
    const ring = parseKeyring(`web:${keyText}`)
    const subtle = globalThis.crypto.subtle
    const cryptoKey = await subtle.importKey('raw', Buffer.from(keyText, 'base64'), 'AES-GCM', false, ['encrypt', 'decrypt'])
    const toHex = (text: string) => Array.from(new TextEncoder().encode(text), byte => byte.toString(16).padStart(2, '0')).join('')
    const gcm = (iv: Uint8Array, tenantId: string) => ({
      name: 'AES-GCM', iv, tagLength: 128, additionalData: new TextEncoder().encode(`pleo-connect|v1|${toHex(tenantId)}|web`),
    })

    let agreed = 0
    for (let i = 0; i < 1000; i++) {
      const tenantId = randomTenant()
      const plaintext = randomPlaintext()
      const { iv, body } = parts(sealSecret(ring, tenantId, plaintext))
      const decryptedByWeb = new TextDecoder().decode(await subtle.decrypt(gcm(iv, tenantId), cryptoKey, body))

      const webIv = globalThis.crypto.getRandomValues(new Uint8Array(12))
      const webBody = Buffer.from(await subtle.encrypt(gcm(webIv, tenantId), cryptoKey, new TextEncoder().encode(plaintext)))
      const openedFromWeb = openSecret(ring, tenantId, assemble('pc1', 'web', Buffer.from(webIv), webBody))

      if (decryptedByWeb === plaintext && openedFromWeb === plaintext) agreed++
    }
    figure('P3', `${agreed}/1000 cross-implementation round trips agree (both directions)`)
    expect(agreed).toBe(1000)
  })
})

describe('key rotation', () => {
  const oldKey = generateEncryptionKey()
  const newKey = generateEncryptionKey()

  it('keeps old values readable when a new key is deployed decrypt-only, then promoted', () => {
    const before = parseKeyring(`old:${oldKey}`)
    const decryptOnly = parseKeyring(`old:${oldKey},new:${newKey}`)
    const promoted = parseKeyring(`new:${newKey}, old:${oldKey}`)
    const sealedBefore = sealSecret(before, 't', 'secret')

    expect(sealedKeyId(sealSecret(decryptOnly, 't', 'x'))).toBe('old')
    expect(openSecret(decryptOnly, 't', sealedBefore)).toBe('secret')
    expect(openSecret(promoted, 't', sealedBefore)).toBe('secret')

    const sealedAfter = sealSecret(promoted, 't', 'secret')
    expect(sealedKeyId(sealedAfter)).toBe('new')
    // Every instance on the decrypt-only ring can already read what a promoted instance writes.
    expect(openSecret(decryptOnly, 't', sealedAfter)).toBe('secret')
    expect(decryptOutcome(() => openSecret(before, 't', sealedAfter))).toBe('unknown_key')
  })

  it('says which values need rewrapping', () => {
    const before = parseKeyring(`old:${oldKey}`)
    const promoted = parseKeyring(`new:${newKey},old:${oldKey}`)
    const sealedBefore = sealSecret(before, 't', 'secret')
    expect(needsRewrap(before, sealedBefore)).toBe(false)
    expect(needsRewrap(promoted, sealedBefore)).toBe(true)
    expect(needsRewrap(promoted, sealSecret(promoted, 't', 'secret'))).toBe(false)
    expect(needsRewrap(promoted, 'not sealed')).toBe(true)
  })

  it('reads the key id of a sealed value', () => {
    expect(sealedKeyId(sealSecret(parseKeyring(`abc_-9:${oldKey}`), 't', 's'))).toBe('abc_-9')
    for (const value of ['', 'pc1', 'pc1..a.b', 'pc2.k.a.b', 'pc1.k.a', 'pc1.k!.a.b', 'pc1.k.a.b.c']) {
      expect(sealedKeyId(value)).toBeUndefined()
    }
  })
})

describe('parseKeyring', () => {
  const base64 = generateEncryptionKey()
  const bytes = Buffer.from(base64, 'base64')

  it('accepts base64, base64url and hex keys, with or without a key id', () => {
    const unpadded = base64.replace(/=$/, '')
    const base64url = bytes.toString('base64url')
    const ring = parseKeyring(` first:${bytes.toString('hex').toUpperCase()} ,${base64},\tu:${base64url}, p:${unpadded}\n`)
    const derivedKid = createHash('sha256').update(bytes).digest('hex').slice(0, 8)
    expect(ring.primary.kid).toBe('first')
    expect([...ring.byKid.keys()]).toEqual(['first', derivedKid, 'u', 'p'])
    for (const entry of ring.byKid.values()) expect(entry.key.equals(bytes)).toBe(true)
    expect(ring.byKid.get('first')).toBe(ring.primary)
  })

  it('keeps key bytes out of logs and JSON', () => {
    const ring = parseKeyring(`k1:${base64}`)
    const printed = `${inspect(ring, { depth: 5 })} ${JSON.stringify(ring.primary)}`
    expect(printed).toContain('k1')
    for (const form of [base64, bytes.toString('hex'), bytes.toString('base64url'), [...bytes.subarray(0, 4)].join(', ')]) {
      expect(printed).not.toContain(form)
    }
  })

  it('generates 32-byte base64 keys that parse', () => {
    const key = generateEncryptionKey()
    expect(key).toMatch(/^[A-Z0-9+/]{43}=$/i)
    expect(parseKeyring(key).primary.key).toHaveLength(32)
    expect(generateEncryptionKey()).not.toBe(key)
  })

  const other = generateEncryptionKey()
  const derivedKid = createHash('sha256').update(bytes).digest('hex').slice(0, 8)
  const hex = bytes.toString('hex')
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  const nonCanonical = base64.slice(0, 42) + alphabet[alphabet.indexOf(base64[42]!) ^ 1] + '='
  const malformed: [string, unknown, RegExp][] = [
    ['empty', '', /empty/],
    ['whitespace only', ' \t\n ', /empty/],
    ['not a string', undefined, /empty/],
    ['a lone comma', ',', /entry 1 is empty/],
    ['a trailing comma', `${base64},`, /entry 2 is empty/],
    ['a leading comma', `,${base64}`, /entry 1 is empty/],
    ['an empty middle entry', `a:${base64},,b:${other}`, /entry 2 is empty/],
    ['base64 one character short', base64.slice(0, 42), /entry 1/],
    ['base64 one character long', `${base64.slice(0, 43)}AB`, /entry 1/],
    ['base64 of 31 bytes', randomBytes(31).toString('base64'), /entry 1/],
    ['base64 of 33 bytes', randomBytes(33).toString('base64'), /entry 1/],
    ['base64 of 48 bytes', randomBytes(48).toString('base64'), /entry 1/],
    ['base64 with spare bits set', nonCanonical, /canonical/],
    ['base64 mixing both alphabets', `+${bytes.toString('base64url').slice(1).replace(/^(.)/, '_')}`, /entry 1/],
    ['base64 with an inner space', `${base64.slice(0, 20)} ${base64.slice(20, 43)}`, /entry 1/],
    ['hex one character short', hex.slice(0, 63), /entry 1/],
    ['hex one character long', `${hex}a`, /entry 1/],
    ['hex with a non-hex character', `${hex.slice(0, 63)}g`, /entry 1/],
    ['hex of 31 bytes', randomBytes(31).toString('hex'), /entry 1/],
    ['an empty key id', `:${base64}`, /key id in entry 1/],
    ['a key id of 33 characters', `${'k'.repeat(33)}:${base64}`, /key id in entry 1/],
    ['a key id with a dot', `k.1:${base64}`, /key id in entry 1/],
    ['a key id with a space', `k 1:${base64}`, /key id in entry 1/],
    ['a key id with a pipe', `k|1:${base64}`, /key id in entry 1/],
    ['a non-ASCII key id', `ké:${base64}`, /key id in entry 1/],
    ['a key id without a key', 'k1:', /entry 1/],
    ['space between key id and key', `k1: ${base64}`, /entry 1/],
    ['two colons', `k1:${base64}:x`, /entry 1/],
    ['a duplicate key id', `k1:${base64},k2:${other},k1:${other}`, /entry 3 repeats/],
    ['the same bare key twice', `${base64},${base64}`, /entry 2 repeats/],
    ['a key id equal to a derived one', `${derivedKid}:${other},${base64}`, /entry 2 repeats/],
  ]

  it.each(malformed)('refuses %s with a message that does not repeat the value', (_case, value, problem) => {
    let caught: unknown
    try {
      parseKeyring(value as string)
    }
    catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(VaultConfigError)
    const error = caught as VaultConfigError
    expect(error.message).toMatch(problem)
    expect(error.message).toContain('NUXT_PLEO_CONNECT_ENCRYPTION_KEY')
    expect(error.message).toMatch(/comma-separated.*base64.*hex/)
    const text = typeof value === 'string' ? value : ''
    for (let start = 0; start + 6 <= text.length; start++) {
      const window = text.slice(start, start + 6)
      if (window.trim().length === 6) expect(`${error.message}\n${inspect(error)}`).not.toContain(window)
    }
  })
})

describe('keyFingerprint', () => {
  // Written out here as the definition: an HMAC under a key derived (HKDF) from the primary encryption key.
  const expected = (encryptionKey: string, apiKey: string) => {
    const purposeKey = Buffer.from(hkdfSync('sha256', Buffer.from(encryptionKey, 'base64'), Buffer.alloc(0), 'pleo-connect|fingerprint|v1', 32))
    return createHmac('sha256', purposeKey).update(apiKey, 'utf8').digest('hex').slice(0, 32)
  }

  it('derives its key once per encryption key and keeps it apart per keyring, also when called again and again', () => {
    const [a, b] = [generateEncryptionKey(), generateEncryptionKey()]
    const ringA = parseKeyring(a)
    const ringB = parseKeyring(`${b},${a}`)
    for (let i = 0; i < 3; i++) {
      expect(keyFingerprint(ringA, 'pk_one')).toBe(expected(a, 'pk_one'))
      expect(keyFingerprint(ringB, 'pk_one')).toBe(expected(b, 'pk_one'))
      expect(keyFingerprint(ringA, 'pk_two')).toBe(expected(a, 'pk_two'))
    }
    // The same key parsed again (a new keyring object) names keys the same.
    expect(keyFingerprint(parseKeyring(a), 'pk_one')).toBe(expected(a, 'pk_one'))
    expect(keyFingerprint(ringA, 'pk_one')).not.toBe(keyFingerprint(ringB, 'pk_one'))
  })
})
