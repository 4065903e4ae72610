// usePleoKeySubmission without the component: an app with a key field of its own answers Pleo's follow-up
// questions (which company, switch company) by sending the same key again; the composable never keeps the key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { usePleoKeySubmission } from '../../src/runtime/app/composables/usePleoKeySubmission'
import { api, COMPANY_A, COMPANY_B, connected, disconnected, resetApi, ROUTE, VALID_KEY } from './fake-api'
import { piniaState, resetApp } from './helpers'

afterEach(resetApp)

describe('usePleoKeySubmission', () => {
  beforeEach(() => resetApi(disconnected))

  it('an organisation key: asks which company, and the answer sends the same key with it', async () => {
    api.answers.push(
      { error: 'organisation_key_needs_company', data: { companies: [{ id: COMPANY_A, name: 'Acme ApS' }, { id: COMPANY_B }] } },
      { view: { ...connected, company: { id: COMPANY_B } } },
    )
    const submission = usePleoKeySubmission('connect')
    const first = await submission.submit(VALID_KEY, { keyExpiresAt: '2027-01-31' })
    expect(first.ok).toBe(false)
    expect(submission.followUp.value).toEqual({ kind: 'pick', companies: [{ id: COMPANY_A, name: 'Acme ApS' }, { id: COMPANY_B }] })

    const answered = await submission.chooseCompany(VALID_KEY, COMPANY_B)
    expect(answered).toMatchObject({ ok: true, view: { company: { id: COMPANY_B } } })
    expect(submission.error.value).toBeNull()
    expect(submission.followUp.value).toBeUndefined()
    const posts = api.calls.filter(call => call.method === 'POST' && call.path === ROUTE)
    expect(posts.map(call => call.body)).toEqual([
      { apiKey: VALID_KEY, keyExpiresAt: '2027-01-31' },
      { apiKey: VALID_KEY, keyExpiresAt: '2027-01-31', companyId: COMPANY_B },
    ])
    // Nothing of the composable's state, nor the store's, holds the key.
    expect(JSON.stringify({ error: submission.error.value, followUp: submission.followUp.value, sending: submission.sending.value })).not.toContain(VALID_KEY)
    expect(piniaState()).not.toContain(VALID_KEY)
  })

  it('a replacement key of another company: asks to switch, and yes sends the same key with the confirmation', async () => {
    resetApi(connected)
    api.answers.push({ error: 'key_other_company', data: { companyId: COMPANY_B, connectedCompanyId: COMPANY_A } }, { view: { ...connected, company: { id: COMPANY_B } } })
    const submission = usePleoKeySubmission('replace')
    await submission.submit(VALID_KEY)
    expect(submission.followUp.value).toEqual({ kind: 'confirm', companyId: COMPANY_B, connectedCompanyId: COMPANY_A })
    expect((await submission.confirmCompanyChange(VALID_KEY)).ok).toBe(true)
    expect(api.calls.filter(call => call.method === 'PUT').map(call => call.body)).toEqual([{ apiKey: VALID_KEY }, { apiKey: VALID_KEY, confirmCompanyChange: true }])
  })

  it('a first key of another company is a refusal, not a question; reset forgets it', async () => {
    api.answers.push({ error: 'key_other_company', data: { variant: 'held_elsewhere' } })
    const submission = usePleoKeySubmission('connect')
    const result = await submission.submit(VALID_KEY)
    expect(result).toMatchObject({ ok: false, error: { code: 'key_other_company', variant: 'held_elsewhere' } })
    expect(submission.followUp.value).toBeUndefined()
    submission.reset()
    expect(submission.error.value).toBeNull()
  })
})
