import { afterEach, describe, expect, it } from 'vitest'
import PleoConnectionProblem from '../../src/runtime/app/components/PleoConnectionProblem.vue'
import { pickConnectionView } from '../../src/runtime/app/utils/connection-view'
import type { ConnectionView } from '../../src/runtime/shared/schemas'
import PleoConnectionBanner from '../../src/runtime/app/components/PleoConnectionBanner.vue'
import { connected, resetApi } from './fake-api'
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

const incident = {
  id: 'incident-1',
  openedAt: '2026-12-03T09:14:31.000Z',
  blockedWork: {
    calls: 7,
    since: '2026-12-03T09:14:30.000Z',
    operations: [
      { operation: 'POST /v1/export-jobs', count: 5, firstAt: '2026-12-03T09:14:30.000Z', lastAt: '2026-12-03T09:20:00.000Z' },
      { operation: 'GET /v1/expenses', count: 2, firstAt: '2026-12-03T09:15:00.000Z', lastAt: '2026-12-03T09:16:00.000Z' },
    ],
  },
}
const withIncident: ConnectionView = { ...broken, incident }

describe('an open incident: what confirmed it and what is waiting', () => {
  it('the banner says in a line how many calls failed and when a check confirmed it, and which calls wait', async () => {
    resetApi(withIncident)
    const banner = (await mountPleo(PleoConnectionBanner)).find('.pleo-banner')
    const text = banner.text()
    expect(text).toMatch(/Seen in 4 failed calls of this app; a check of the key at .+ confirmed it\./)
    expect(text).toMatch(/Calls waiting to be done again: 7 calls failed since .+/)
    expect(text).toContain('POST /v1/export-jobs: 5×')
    expect(text).toContain('GET /v1/expenses: 2×')
    // The action stays where it was: the banner keeps its alert role and its link.
    expect(banner.attributes('role')).toBe('alert')
    expect(banner.find('a').text()).toBe('Replace API Key')
  })

  it('the banner says nothing more when there is no evidence or incident, and speaks the page\'s language', async () => {
    resetApi({ ...connected, state: 'action_required', problem: { code: 'key_rejected', message: 'x', action: 'y' } })
    const plain = (await mountPleo(PleoConnectionBanner)).text()
    expect(plain).not.toContain('Seen in')
    expect(plain).not.toContain('Calls waiting')
    resetApi(withIncident)
    usePleoMessages().locale.value = 'da'
    expect((await mountPleo(PleoConnectionBanner)).text()).toContain('Kald, der venter på at blive gentaget')
  })

  it('the settings page lists the waiting calls and says the app is told which to do again', async () => {
    const text = (await mountPleo(PleoConnectionProblem, { props: { view: withIncident } })).text()
    expect(text).toContain('POST /v1/export-jobs: 5×')
    expect(text).toContain('When the connection works again, the app is told which calls to do again.')
  })

  it('the incident reaches the store only in its known shape', () => {
    const picked = pickConnectionView({ ...withIncident, incident: { ...incident, extra: 1, blockedWork: { ...incident.blockedWork, body: 'x', operations: [...incident.blockedWork.operations, { operation: 'GET /x' }] } } })
    expect(picked?.incident).toEqual(incident)
    expect(pickConnectionView({ ...withIncident, incident: { id: 1 } })).not.toHaveProperty('incident')
  })
})
