// The company's name is read once the company check (the change confirmed, the claim in storage) has passed: a
// refusal of the check, at once or later, costs no call for the name.
import { describe, expect, it } from 'vitest'
import { activateInstallation } from '../../src/runtime/server/lib/pleo/activation'
import type { PleoClient } from '../../src/runtime/server/lib/pleo/http-client'
import { PleoConnectError } from '../../src/runtime/server/lib/errors'

const COMPANY = '2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21'

/** A Pleo client that answers a company key with an active installation, recording each call as it is sent. */
function stubPleo(calls: string[]): PleoClient {
  const answers: Record<string, unknown> = {
    '/v1/introspect': { data: { subjectURN: `urn:pleo:company:${COMPANY}`, scope: '' } },
    '/v1/installations/me': { id: 'i1', resource: `urn:pleo:company:${COMPANY}`, status: 'ACTIVATED' },
    [`/v1/companies/${COMPANY}`]: { data: { name: 'Nordlys ApS' } },
  }
  const request = async (method: string, path: string) => {
    calls.push(`${method} ${path}`)
    return { status: 200, data: answers[path], timing: { sentAt: 0, headersAt: 0, latencyMs: 0 } }
  }
  return { request, expectOk: async (method: string, path: string) => (await request(method, path)).data } as unknown as PleoClient
}

describe('the company check and the company name', () => {
  it('the name is asked for once the check has passed, and shown', async () => {
    const calls: string[] = []
    let callsWhileChecking: string[] = []
    const result = await activateInstallation(stubPleo(calls), {
      checkCompany: async () => {
        await new Promise(resolve => setTimeout(resolve, 20))
        callsWhileChecking = [...calls]
      },
    })
    expect(callsWhileChecking).not.toContain(`GET /v1/companies/${COMPANY}`)
    expect(calls).toContain(`GET /v1/companies/${COMPANY}`)
    expect(result.company).toEqual({ id: COMPANY, name: 'Nordlys ApS' })
  })

  it('a check that refuses at once: refused, and no call for the name', async () => {
    const calls: string[] = []
    const refusal = await activateInstallation(stubPleo(calls), {
      checkCompany: () => {
        throw new PleoConnectError('key_other_company', { variant: 'switch' })
      },
    }).catch(error => error)
    expect(refusal).toMatchObject({ code: 'key_other_company', data: { step: 'confirming_company' } })
    expect(calls.sort()).toEqual(['GET /v1/installations/me', 'GET /v1/introspect'])
  })

  it('a check that refuses later (the company is held elsewhere): the same refusal, no call for the name', async () => {
    const calls: string[] = []
    const refusal = await activateInstallation(stubPleo(calls), {
      checkCompany: async () => {
        throw new PleoConnectError('key_other_company', { variant: 'held_elsewhere' })
      },
    }).catch(error => error)
    expect(refusal).toMatchObject({ code: 'key_other_company', data: { variant: 'held_elsewhere', step: 'confirming_company' } })
    expect(calls.sort()).toEqual(['GET /v1/installations/me', 'GET /v1/introspect'])
  })
})
