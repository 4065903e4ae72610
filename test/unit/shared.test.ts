import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, ERROR_STATUS } from '../../src/runtime/shared/error-codes'
import { en } from '../../src/runtime/shared/i18n/en'
import { checkApiKeyFormat, normaliseApiKey, readPastedKey } from '../../src/runtime/shared/key-format'
import { keyHint } from '../../src/runtime/shared/key-hint'
import { isLoopbackHost } from '../../src/runtime/shared/loopback'
import { connectBodySchema, connectionViewSchema } from '../../src/runtime/shared/schemas'
import { figure } from '../support/figures'

describe('keyHint', () => {
  it('shows only the last four characters of a normal key', () => {
    expect(keyHint('demo-valid-3f9c2a7e1b4d6058')).toBe('••••6058')
  })

  it('reveals at most 4 characters, and at most a quarter of short keys, for 10,000 random keys', () => {
    let violations = 0
    for (let i = 0; i < 10_000; i++) {
      const key = randomBytes(1 + (i % 60)).toString('base64url').slice(0, 1 + (i % 60))
      const visible = keyHint(key).replace(/^•{4}/, '')
      if (visible.length > 4 || visible.length > key.length / 4 || !key.endsWith(visible)) violations++
    }
    expect(violations).toBe(0)
    figure('P18', `for 10,000 random keys the hint revealed at most 4 characters (and at most a quarter of the key): ${violations} violations`)
  })

  it('shows only the mask for very short input', () => {
    expect(keyHint('abc')).toBe('••••')
  })
})

describe('checkApiKeyFormat', () => {
  it.each([
    ['', 'empty'],
    ['short-key', 'too_short'],
    ['a'.repeat(513), 'too_long'],
    ['abcdefgh ijklmnopqrstu', 'inner_whitespace'],
    ['abcdefghijklmnopqrstu\u0000', 'invisible_characters'],
    ['abcdefghijklmnopqrstuø', 'invisible_characters'],
    ['https://external.pleo.io/v1/x', 'url'],
    ['Basic YWJjZGVmZ2hpamtsbW5vcDo=', 'authorization_header'],
    ['bearer abcdefghijklmnopqrstu', 'authorization_header'],
    ['Authorization: Basic ZGVtby12YWxpZC0zZjljMmE3ZTFiNGQ2MDU4Og==', 'authorization_header'],
    ['PLEO_API_KEY=demo-valid-3f9c2a7e1b4d6058', 'env_line'],
    ['export PLEO_API_KEY="demo-valid-3f9c2a7e1b4d6058"', 'env_line'],
    ['"demo-valid-3f9c2a7e1b4d6058"', 'quoted'],
    ['\'demo-valid-3f9c2a7e1b4d6058\'', 'quoted'],
    ['demo-valid-3f9c\u200B2a7e1b4d6058', 'invisible_characters'],
    ['2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21', 'company_id'],
  ])('%j → %s', (key, problem) => {
    expect(checkApiKeyFormat(key)).toBe(problem)
  })

  it('accepts a plausible key and trims pasted whitespace first', () => {
    expect(checkApiKeyFormat(normaliseApiKey('  demo-valid-3f9c2a7e1b4d6058\n'))).toBeUndefined()
  })
})

describe('readPastedKey', () => {
  const KEY = 'demo-valid-3f9c2a7e1b4d6058'

  it.each([
    [`"${KEY}"`, ['quotes']],
    [`\`${KEY}\``, ['quotes']],
    [`PLEO_API_KEY=${KEY}`, ['env_line']],
    [`export PLEO_API_KEY="${KEY}"\n`, ['env_line', 'quotes']],
    [`NUXT_PLEO_KEY: '${KEY}'`, ['env_line', 'quotes']],
    [`Authorization: Basic ${btoa(`${KEY}:`)}`, ['authorization_header']],
    [`Basic ${btoa(`:${KEY}`)}`, ['authorization_header']],
    [`Bearer ${KEY}`, ['authorization_header']],
    [`"Bearer ${KEY}"`, ['quotes', 'authorization_header']],
    [`\u200B${KEY.slice(0, 10)}\u200D${KEY.slice(10)}\uFEFF`, ['invisible_characters']],
    [`\u00A0${KEY}\u00A0`, []],
    [`${KEY.slice(0, 12)}\r\n${KEY.slice(12)}`, ['line_breaks']],
    [`  ${KEY}\n`, []],
  ])('recovers the key from %j, saying it removed %j', (pasted, removed) => {
    expect(readPastedKey(pasted)).toEqual({ key: KEY, removed, problem: undefined })
  })

  it.each([
    ['https://app.pleo.io/settings/api-keys', 'url'],
    ['2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21', 'company_id'],
    [`${KEY} ${KEY}`, 'inner_whitespace'],
    [`Basic ${btoa(`${KEY}:secret`)}`, 'authorization_header'],
    ['Basic not-base64!', 'authorization_header'],
    ['"short"', 'too_short'],
    ['""', 'too_short'],
    ['   ', 'empty'],
  ])('keeps what cannot be recovered without a guess: %j → %s', (pasted, problem) => {
    expect(readPastedKey(pasted).problem).toBe(problem)
  })

  it('leaves a key that merely contains = or : alone', () => {
    for (const key of ['abcDEF0123456789==', 'ABCDEFGHIJKLMNOP==', 'abc:def:ghijklmnopqrst']) expect(readPastedKey(key)).toEqual({ key, removed: [], problem: undefined })
  })
})

describe('error codes', () => {
  it('every code has a status, a plain message and a recovery action', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400)
      expect(en.errors[code].message.length).toBeGreaterThan(10)
      expect(en.errors[code].action.length).toBeGreaterThan(10)
      expect(en.errors[code].message).not.toMatch(/authentication failed/i)
    }
  })

  it('uses Pleo\'s own recommended wording for a rejected key and missing permissions', () => {
    expect(en.errors.key_rejected.message).toContain('The API Key appears to be invalid')
    expect(en.errors.key_lacks_permission.message).toBe('This key does not have the required permissions.')
  })
})

describe('schemas', () => {
  it('refuses unknown fields and a non-uuid company id', () => {
    expect(connectBodySchema.safeParse({ apiKey: 'x', extra: 1 }).success).toBe(false)
    expect(connectBodySchema.safeParse({ apiKey: 'x', companyId: 'not-a-uuid' }).success).toBe(false)
    expect(connectBodySchema.safeParse({ apiKey: 'x', companyId: '7c1e7a52-5a0b-4d0e-9d57-2f3d2f8c9b10' }).success).toBe(true)
  })

  it('the connection view is strict: an extra field (like a sealed key) fails', () => {
    const view = { state: 'connected', keyType: 'standalone', environment: 'production', keyHint: '••••abcd' }
    expect(connectionViewSchema.safeParse(view).success).toBe(true)
    expect(connectionViewSchema.safeParse({ ...view, sealedKey: 'pc1.x' }).success).toBe(false)
    expect(connectionViewSchema.safeParse({ ...view, keyHint: '••••abcde' }).success).toBe(false)
  })
})

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true], ['LOCALHOST.', true], ['[::1]', true], ['127.0.0.1', true], ['127.255.0.9', true],
    ['127.attacker.example', false], ['127.0.0.1.nip.io', false], ['128.0.0.1', false], ['127.0.0.256', false],
    ['127.00.0.1', false], ['localhost.example', false], ['0x7f.0.0.1', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected)
  })
})
