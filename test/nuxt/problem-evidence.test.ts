import { afterEach, describe, expect, it } from 'vitest'
import PleoConnectionProblem from '../../src/runtime/app/components/PleoConnectionProblem.vue'
import { pickConnectionView } from '../../src/runtime/app/utils/connection-view'
import type { ConnectionView } from '../../src/runtime/shared/schemas'
import { connected } from './fake-api'
import { usePleoMessages } from '../../src/runtime/app/composables/usePleoMessages'
import { mountPleo, resetApp } from './helpers'

afterEach(resetApp)

const evidence = {
  lastSuccessfulCallAt: '2026-12-03T09:12:00.000Z',
  firstFailedCallAt: '2026-12-03T09:14:30.000Z',
  failedCalls: 4,
  failures: [
    { operation: 'POST /v1/export-jobs', kind: 'rejected' as const, count: 3 },
    { operation: 'GET /v1/expenses', kind: 'unavailable' as const, count: 1 },
  ],
  confirmedBy: { at: '2026-12-03T09:14:31.000Z' },
}
const broken: ConnectionView = { ...connected, state: 'action_required', problem: { code: 'key_rejected', variant: 'stopped_working', message: 'x', action: 'y', evidence } }

describe('the evidence of a confirmed problem', () => {
  it('says, in plain words, when calls last worked, which failed and how, and the check that confirmed it', async () => {
    const text = (await mountPleo(PleoConnectionProblem, { props: { view: broken } })).text()
    for (const words of ['What the app\'s calls to Pleo met', 'Last call that worked', 'First call that failed', 'Confirmed by a check of the key', 'Calls that failed: 4']) expect(text).toContain(words)
    expect(text).toContain('POST /v1/export-jobs: Pleo refused the key (3×)')
    expect(text).toContain('GET /v1/expenses: Pleo had an error (1×)')
  })

  it('says so when no call worked since the server started, and speaks the page\'s language', async () => {
    const { lastSuccessfulCallAt: _none, ...withoutSuccess } = evidence
    const view = { ...broken, problem: { ...broken.problem!, evidence: withoutSuccess } }
    expect((await mountPleo(PleoConnectionProblem, { props: { view } })).text()).toContain('None since this server last started')
    usePleoMessages().locale.value = 'de'
    expect((await mountPleo(PleoConnectionProblem, { props: { view: broken } })).text()).toContain('POST /v1/export-jobs: Pleo hat den Schlüssel abgelehnt (3×)')
  })

  it('reaches the store only in its known shape: unknown kinds and fields are dropped', () => {
    const picked = pickConnectionView({ ...broken, problem: { ...broken.problem, evidence: { ...evidence, extra: 'x', failures: [...evidence.failures, { operation: 'GET /x', kind: 'exploded', count: 1 }, { operation: 5 }] } } })
    expect(picked?.problem?.evidence).toEqual(evidence)
    expect(pickConnectionView({ ...broken, problem: { ...broken.problem, evidence: { failedCalls: 'many' } } })?.problem).not.toHaveProperty('evidence')
  })
})
