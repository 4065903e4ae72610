import { describe, expect, it } from 'vitest'
import { errorForPleoStatus, parseRetryAfter } from '../../src/runtime/server/lib/pleo/status-map'
import { isCompanyUrn, parseResourceUrn } from '../../src/runtime/server/lib/pleo/resource-urn'

describe('parseResourceUrn', () => {
  it('reads the company id from a company URN', () => {
    const urn = parseResourceUrn('urn:pleo:company:123e4567-e89b-12d3-a456-426614174000')
    expect(urn).toEqual({ type: 'company', id: '123e4567-e89b-12d3-a456-426614174000' })
    expect(isCompanyUrn(urn)).toBe(true)
  })

  it('keeps organisation URNs generic (the spelling is unconfirmed)', () => {
    for (const type of ['organization', 'organisation', 'Organization']) {
      const urn = parseResourceUrn(`urn:pleo:${type}:0b8c2f6e-8f4e-4a55-9a3f-3c1d2e4f5a6b`)
      expect(urn?.type).toBe(type.toLowerCase())
      expect(isCompanyUrn(urn)).toBe(false)
    }
  })

  it.each([undefined, 42, '', 'urn:pleo:company', 'urn:other:company:abc', 'urn:pleo:company:a/b', 'urn:pleo:company:abc:def'])('rejects %j', (value) => {
    expect(parseResourceUrn(value)).toBeUndefined()
  })
})

describe('errorForPleoStatus', () => {
  it.each([
    [401, 'key_rejected', 401],
    [403, 'key_lacks_permission', 403],
    [429, 'pleo_rate_limited', 429],
    [500, 'pleo_unavailable', 502],
    [502, 'pleo_unavailable', 502],
    [503, 'pleo_unavailable', 502],
    [302, 'pleo_unavailable', 502],
    [400, 'pleo_unavailable', 502],
  ])('Pleo %i → %s (%i)', (status, code, ours) => {
    const error = errorForPleoStatus(status)
    expect(error.code).toBe(code)
    expect(error.statusCode).toBe(ours)
    expect(error.cause).toBeUndefined()
  })

  it('carries Retry-After on 429', () => {
    expect(errorForPleoStatus(429, { retryAfter: 7 }).data.retryAfter).toBe(7)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, caps at an hour, ignores junk', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10)
    expect(parseRetryAfter('999999', now)).toBe(3600)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})
