import { describe, expect, it } from 'vitest'
import { toConnectionError, type PleoConnectionError } from '../../src/runtime/app/utils/connection-error'
import { pickConnectionView } from '../../src/runtime/app/utils/connection-view'
import { failedStepOf, type ValidationStep } from '../../src/runtime/app/utils/validation-steps'

describe('toConnectionError', () => {
  it('keeps the code and the ids a follow-up needs, and drops the texts', () => {
    const error = { response: {}, statusCode: 409, data: { statusCode: 409, message: 'm', data: { code: 'key_other_company', message: 'm', action: 'a', companyId: 'B', connectedCompanyId: 'A', apiKey: 'leak' } } }
    expect(toConnectionError(error, 'replace')).toEqual({ code: 'key_other_company', during: 'replace', companyId: 'B', connectedCompanyId: 'A' })
  })

  it('reads companies and retryAfter, skipping malformed entries', () => {
    const error = { response: {}, data: { data: { code: 'organisation_key_needs_company', companies: [{ id: 'c1', name: 'One' }, { id: 2 }, null, { id: 'c3', name: '' }], retryAfter: 0 } } }
    expect(toConnectionError(error, 'connect')).toEqual({ code: 'organisation_key_needs_company', during: 'connect', companies: [{ id: 'c1', name: 'One' }, { id: 'c3' }] })
    expect(toConnectionError({ response: {}, data: { data: { code: 'too_many_attempts', retryAfter: 120 } } }, 'connect')).toMatchObject({ retryAfter: 120 })
  })

  it('no answer is a network error; an answer without a module code is a server fault', () => {
    expect(toConnectionError(new TypeError('fetch failed'), 'refresh')).toEqual({ code: 'network_error', during: 'refresh' })
    expect(toConnectionError({ response: {}, statusCode: 502, data: '<html>' }, 'verify')).toEqual({ code: 'internal_error', during: 'verify' })
    expect(toConnectionError({ response: {}, data: { data: { code: 'made_up' } } }, 'verify')).toEqual({ code: 'internal_error', during: 'verify' })
  })
})

describe('pickConnectionView', () => {
  it('copies the known fields only', () => {
    const view = pickConnectionView({
      state: 'connected',
      keyType: 'integrated',
      environment: 'staging',
      company: { id: 'c1', name: 'Acme', extra: 1 },
      keyHint: '••••abcd',
      installation: { id: 'i1', status: 'ACTIVATED' },
      connectedAt: 't1',
      lastVerifiedAt: 't2',
      problem: { code: 'pleo_unreachable', message: 'm', action: 'a' },
      sealedKey: 'pc1.secret',
      apiKey: 'demo-valid-3f9c2a7e1b4d6058',
    })
    expect(view).toEqual({
      state: 'connected',
      keyType: 'integrated',
      environment: 'staging',
      company: { id: 'c1', name: 'Acme' },
      keyHint: '••••abcd',
      installation: { id: 'i1', status: 'ACTIVATED' },
      connectedAt: 't1',
      lastVerifiedAt: 't2',
      problem: { code: 'pleo_unreachable', message: 'm', action: 'a' },
    })
  })

  it('refuses what is not a view, and a hint longer than four characters', () => {
    expect(pickConnectionView(null)).toBeNull()
    expect(pickConnectionView({ state: 'weird' })).toBeNull()
    expect(pickConnectionView({ state: 'connected', keyHint: '••••abcdefgh' })).not.toHaveProperty('keyHint')
  })
})

describe('failedStepOf', () => {
  const refusal = (code: PleoConnectionError['code'], step?: ValidationStep): PleoConnectionError => ({ code, during: 'connect', ...step && { step } })

  it('shows the step the server says a key stopped at, and none for trouble outside the steps', () => {
    expect(failedStepOf(refusal('key_rejected', 'checking_key'))).toBe('checking_key')
    expect(failedStepOf(refusal('key_other_company', 'confirming_company'))).toBe('confirming_company')
    expect(failedStepOf(refusal('installation_not_entitled', 'activating'))).toBe('activating')
    expect(failedStepOf(refusal('key_malformed'))).toBe('checking_key')
    // The server knows which steps ran; the client never guesses one for an error without a step.
    expect(failedStepOf(refusal('key_other_company'))).toBeUndefined()
    for (const code of ['pleo_unreachable', 'busy', 'too_many_attempts', 'network_error'] as const) expect(failedStepOf(refusal(code, 'activating'))).toBeUndefined()
  })
})
