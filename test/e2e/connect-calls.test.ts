// Issue 14, item 1: each connect case makes only the upstream calls it needs, and the independent ones run at
// the same time (the installation read beside the key check). The same table drives the connect bench.
import { afterEach, describe, expect, it } from 'vitest'
import { CONNECT_CASES, callsInFlight, callsSince } from '../support/connect-cases'
import { waitFor } from '../support/keys'
import { figure } from '../support/figures'
import { ROUTE, useScenario } from '../support/scenario'

const s = useScenario()

afterEach(async () => {
  await s.call('DELETE', ROUTE)
  s.pleo.reset()
})

describe('the upstream calls of a connect', () => {
  it.each(CONNECT_CASES)('$name: only the calls it needs, the key check and the installation read at once', async (connectCase) => {
    // Long enough that both reads are surely in flight together if they were sent together.
    const { before, method, body } = connectCase.prepare(s.pleo, 300)
    if (before) expect((await s.call('POST', ROUTE, before)).body.state).toBe('connected')
    const from = s.pleo.requests.length
    const response = s.call(method, ROUTE, body)
    await waitFor(() => callsSince(s.pleo, from).length >= 2 || callsSince(s.pleo, from).some(call => call.includes('/v1/companies/')), 'the first calls to reach Pleo')
    const together = callsInFlight(s.pleo, from)
    const { status, body: view } = await response
    expect(status).toBe(200)
    expect(view.state).toBe('connected')
    expect(together.map(call => call.replace(/\?.*/, ''))).toEqual(expect.arrayContaining(['GET /v1/introspect', 'GET /v1/installations/me']))
    const made = callsSince(s.pleo, from)
    expect([...made].sort()).toEqual([...connectCase.calls(view.company.id)].sort())
    figure('P22', `connect, ${connectCase.name}: ${made.length} upstream calls (${made.join(', ')}), ${connectCase.chain} of them in a chain`)
  })
})
