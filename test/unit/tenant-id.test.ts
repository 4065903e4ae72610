import { randomInt } from 'node:crypto'
import { normalizeKey } from 'unstorage'
import { describe, expect, it } from 'vitest'
import { figure, scaled } from '../support/figures'
import {
  decodeTenantId,
  encodeTenantId,
  isValidTenantId,
  TENANT_ID_MAX_BYTES,
  TENANT_ID_MAX_LENGTH,
} from '../../src/runtime/server/lib/tenant-id'

// Characters chosen to provoke collisions: unstorage separators, case pairs, and look-alike or
// normalisation-equivalent unicode.
const ALPHABET = [
  ...'aAbBzZ09._-', '/', ':', '\\', '?', '#', '%', '$', ' ', '&', '=', '*', '"', '<', '>', '|',
  'é', 'e\u0301', 'ß', 'ẞ', 'İ', 'ı', 'Ａ', 'ﬁ', '中', 'Ω', 'Ω', '\u200D', '😀', '👩‍💻',
]

function randomTenantId(): string {
  let id = ''
  const length = 1 + randomInt(16)
  for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)]
  return id
}

const NEAR_MISSES: ((id: string) => string)[] = [
  id => id.toUpperCase(),
  id => id.toLowerCase(),
  id => id.replaceAll(':', '/').replaceAll('\\', ':'),
  id => `${id}:`,
  id => `${id}?${randomTenantId()}`,
  id => id.normalize('NFD'),
  id => id.slice(0, -1),
  id => `${id}${ALPHABET[randomInt(ALPHABET.length)]}`,
]

function nearMiss(id: string): string {
  return NEAR_MISSES[randomInt(NEAR_MISSES.length)]!(id) || 'a'
}

/** What unstorage will actually use as the key, folded for case-insensitive file systems. */
function effectiveKey(id: string): string {
  return normalizeKey(`connections:${encodeTenantId(id)}`).toLowerCase()
}

function handPickedCases(): string[][] {
  const separators = ['/', ':', '\\', '::', '//', '\\\\', ':/', '/:', '?', '?x', '#', '.', '..', '%2F', '%3A', '$', ' ']
  const groups: string[][] = []
  for (const [left, right] of [['a', 'b'], ['A', 'b'], ['tenant', '1'], ['x', '']]) {
    groups.push([...separators.map(separator => `${left}${separator}${right}`), `${left}${right}`])
    groups.push(separators.flatMap(separator => [`${separator}${left}`, `${left}${separator}`]))
  }
  groups.push(
    ['A', 'a'],
    ['Tenant', 'tenant', 'TENANT'],
    ['é', 'e\u0301', 'É'],
    ['ß', 'ss', 'SS', 'ẞ'],
    ['İ', 'i̇', 'i', 'ı', 'I'],
    ['Ａ', 'A', 'a'],
    ['ﬁ', 'fi'],
    ['Ω', 'Ω'],
    ['a\u200Db', 'ab'],
    ['😀', '😀😀'],
    ['a?b', 'a?c', 'a'],
    ['.', '..', '...'],
    ['a.b', 'a..b', 'a_b', 'a-b'],
  )
  return groups
}

describe('encodeTenantId', () => {
  it('never maps two different ids to the same storage key (100,000 random pairs)', () => {
    const pairs = scaled(100_000)
    let collisions = 0
    for (let i = 0; i < pairs; i++) {
      const first = randomTenantId()
      let second = first
      // Half of the pairs are near-misses of the first id, which is where collisions would hide.
      while (second === first || !isValidTenantId(second)) second = i % 2 ? randomTenantId() : nearMiss(first)
      if (effectiveKey(first) === effectiveKey(second)) collisions++
    }
    figure('P14', `${collisions} storage-key collisions in ${pairs} random pairs of distinct tenant ids`)
    expect(collisions).toBe(0)
  }, 60_000) // A count, not a time: on a loaded machine the 100,000 pairs can take longer than the default 5 s.

  it('keeps every hand-picked separator, case and unicode case apart', () => {
    const ids = [...new Set(handPickedCases().flat())]
    const keys = new Set(ids.map(effectiveKey))
    const pairs = ids.length * (ids.length - 1) / 2
    figure('P14', `${ids.length - keys.size} collisions among ${ids.length} hand-picked ids (${pairs} pairs)`)
    expect(keys.size).toBe(ids.length)
  })

  it('produces lowercase hex that unstorage and file systems keep as is', () => {
    for (let i = 0; i < 10_000; i++) {
      const encoded = encodeTenantId(randomTenantId())
      expect(encoded).toMatch(/^(?:[0-9a-f]{2})+$/)
      expect(normalizeKey(`connections:${encoded}`)).toBe(`connections:${encoded}`)
    }
    expect(encodeTenantId('a/b')).toBe('612f62')
  })

  it('round-trips through decodeTenantId', () => {
    const samples = [...handPickedCases().flat(), ...Array.from({ length: 10_000 }, randomTenantId)]
    for (const id of samples) expect(decodeTenantId(encodeTenantId(id))).toBe(id)
  })

  it('refuses invalid ids instead of encoding them', () => {
    expect(() => encodeTenantId('')).toThrow(TypeError)
    expect(() => encodeTenantId('a\nb')).toThrow(/Invalid tenant id/)
    expect(() => encodeTenantId('a\nb')).not.toThrow(/a\nb/)
  })
})

describe('isValidTenantId', () => {
  it('accepts ordinary ids up to the limits', () => {
    for (const id of ['a', 'tenant-1', 'a/b', '😀', 'x'.repeat(TENANT_ID_MAX_LENGTH), 'é'.repeat(63)]) {
      expect(isValidTenantId(id)).toBe(true)
    }
  })

  it('rejects empty, too long, control characters, separators of lines and lone surrogates', () => {
    const invalid: unknown[] = [
      '', 'x'.repeat(TENANT_ID_MAX_LENGTH + 1), '中'.repeat(Math.floor(TENANT_ID_MAX_BYTES / 3) + 1),
      'a\nb', 'a\rb', 'a\tb', 'a\0b', 'a\x7Fb', 'a\x85b', 'a\u2028b', 'a\u2029b', 'a\uD800b', '\uDFFF',
      undefined, null, 42, ['a'], { toString: () => 'a' },
    ]
    for (const id of invalid) expect(isValidTenantId(id)).toBe(false)
  })
})

describe('decodeTenantId', () => {
  it('rejects values encodeTenantId cannot produce', () => {
    for (const encoded of ['', '6', '6G', '612F62', 'ff', 'c0af', '0a', 'zz', '61:62', ' 61']) {
      expect(decodeTenantId(encoded)).toBeUndefined()
    }
  })
})
