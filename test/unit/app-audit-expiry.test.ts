import { describe, expect, it } from 'vitest'
import { pickAuditEntries } from '../../src/runtime/app/utils/audit-events'
import { isCalendarDate } from '../../src/runtime/shared/calendar-date'
import { keyExpiry } from '../../src/runtime/app/utils/key-expiry'
import { safeLinkTarget } from '../../src/runtime/app/utils/link-target'

describe('keyExpiry', () => {
  const today = new Date(2027, 0, 21, 23, 59)

  it('counts calendar days from the admin\'s own date, whatever the hour', () => {
    expect(keyExpiry('2027-01-31', today)).toEqual({ days: 10, expired: false, warn: true })
    expect(keyExpiry('2027-01-31', new Date(2027, 0, 21, 0, 1))?.days).toBe(10)
    expect(keyExpiry('2027-01-21', today)).toEqual({ days: 0, expired: false, warn: true })
    expect(keyExpiry('2027-01-20', today)).toEqual({ days: -1, expired: true, warn: true })
    expect(keyExpiry('2027-02-04', today)?.warn).toBe(true)
    expect(keyExpiry('2027-02-05', today)?.warn).toBe(false)
    expect(keyExpiry('2027-02-05', today, 15)?.warn).toBe(true)
  })

  it('crosses months, years and daylight-saving changes in whole days', () => {
    const zone = process.env.TZ
    process.env.TZ = 'Europe/Copenhagen'
    try {
      expect(keyExpiry('2028-01-01', new Date(2027, 11, 31, 23, 30))?.days).toBe(1)
      expect(keyExpiry('2027-04-01', new Date(2027, 2, 20, 0, 30))?.days).toBe(12)
      expect(keyExpiry('2027-11-01', new Date(2027, 9, 25, 23, 30))?.days).toBe(7)
    }
    finally {
      if (zone === undefined) delete process.env.TZ
      else process.env.TZ = zone
    }
  })

  it('reads the date part of a timestamp, and ignores what is not a date', () => {
    expect(keyExpiry('2027-01-31T00:00:00.000Z', today)?.days).toBe(10)
    expect(keyExpiry('soon', today)).toBeUndefined()
    expect(keyExpiry('2027-02-30', today)).toBeUndefined()
  })
})

describe('isCalendarDate', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(isCalendarDate('2027-01-31')).toBe(true)
    expect(isCalendarDate('2028-02-29')).toBe(true)
    for (const value of ['2027-02-29', '2027-13-01', '31/01/2027', '2027-1-31', '', '2027-01-31T00:00:00Z']) {
      expect(isCalendarDate(value), value).toBe(false)
    }
  })
})

describe('pickAuditEntries', () => {
  it('copies the known fields, drops the tenant and anything unknown', () => {
    const entries = pickAuditEntries({ events: [{ id: 'e1', at: '2026-01-02T10:00:00.000Z', type: 'connected', tenantId: 't', actor: 'a', companyId: 'c', previousCompanyId: 'p', keyHint: '••••abcd', code: 'x', state: 'connected', apiKey: 'secret-key-value-123' }] })
    expect(entries).toEqual([{ id: 'e1', at: '2026-01-02T10:00:00.000Z', type: 'connected', actor: 'a', companyId: 'c', previousCompanyId: 'p', keyHint: '••••abcd', code: 'x' }])
  })

  it('never keeps a hint longer than the mask and four characters', () => {
    const entries = pickAuditEntries({ events: [{ id: 'e1', at: 't', type: 'connected', actor: 'a', keyHint: 'demo-valid-3f9c2a7e1b4d6058' }, { id: 'e2', at: 't', type: 'connected', actor: 'a', keyHint: '••••abcde' }] })
    expect(entries?.map(entry => entry.keyHint)).toEqual([undefined, undefined])
  })

  it('skips malformed events, and answers null for what is not a trail', () => {
    expect(pickAuditEntries({ events: [null, 1, { id: 'e1' }, { id: 'e2', at: 't', type: 'verified' }] })).toEqual([{ id: 'e2', at: 't', type: 'verified', actor: '' }])
    expect(pickAuditEntries({})).toBeNull()
    expect(pickAuditEntries(null)).toBeNull()
  })
})

describe('safeLinkTarget', () => {
  it('keeps web addresses and paths of this site, nothing else', () => {
    expect(safeLinkTarget('https://app.pleo.io/settings/integrations')).toBe('https://app.pleo.io/settings/integrations')
    expect(safeLinkTarget('http://localhost:3000/back')).toBe('http://localhost:3000/back')
    expect(safeLinkTarget('/back?x=1')).toBe('/back?x=1')
    for (const target of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', '//evil.example', '/\\evil.example', 'app.pleo.io', '']) {
      expect(safeLinkTarget(target), target).toBeUndefined()
    }
  })
})
