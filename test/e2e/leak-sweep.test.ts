import { describe, expect, it } from 'vitest'
import { canaryKey, findKeyLeaks } from '../support/canary'
import { figure } from '../support/figures'
import { seedCanary } from '../support/keys'
import { ROUTE, useScenario } from '../support/scenario'

// Promise P2: no key in a log line, an error, an audit event, a hook payload or a stored file, over every error path.

describe('the key never reaches logs, errors, audit events, hook payloads or storage', () => {
  const s = useScenario()
  const codes = new Set<string>()
  const remember = (response: { body: any }) => {
    const code = response.body?.data?.code
    if (code) codes.add(code)
    return response
  }

  it('over every error path the module answers with', { timeout: 60_000 }, async () => {
    const submit = (apiKey: string, headers: Record<string, string> = {}, method = 'POST') => s.call(method, ROUTE, { apiKey }, headers).then(remember)
    await submit('short')
    await submit(canaryKey())
    await submit(seedCanary(s.pleo, 'lacksPermission'))
    await submit(seedCanary(s.pleo, 'organisation'))
    await submit(seedCanary(s.pleo, 'notEntitled'))
    await submit(seedCanary(s.pleo, 'rateLimited'))
    await submit(seedCanary(s.pleo, 'failing'))
    await submit(seedCanary(s.pleo, 'slow'))
    await submit(canaryKey(), { 'x-test-throw': '401' })
    await submit(canaryKey(), { 'x-test-throw': '403' })
    await s.app.request(ROUTE, { method: 'POST', body: `{"apiKey":"${canaryKey()}"`, headers: { 'content-type': 'application/json', 'origin': s.app.url } }).then(remember)
    remember(await s.call('POST', `${ROUTE}/verify`))
    remember(await s.call('PUT', ROUTE, { apiKey: seedCanary(s.pleo) }))
    for (let i = 0; i < 6; i++) await submit(canaryKey(), { 'x-test-actor': 'mallory@example.test' })
    // Successes and the company checks, then busy: two submits at once.
    const first = seedCanary(s.pleo, 'valid')
    expect((await submit(first)).body.state).toBe('connected')
    await submit(seedCanary(s.pleo, 'validOtherCompany'), {}, 'PUT')
    const slow = seedCanary(s.pleo, 'validSameCompany', { latencyMs: 200 })
    await Promise.all([submit(slow, {}, 'PUT'), submit(seedCanary(s.pleo, 'validSameCompany'), {}, 'PUT')])
    remember(await s.call('POST', `${ROUTE}/verify`))
    remember(await s.call('DELETE', `${ROUTE}?uninstall=1`))
    remember(await s.call('DELETE', ROUTE))

    const hookPayloads = (await s.call('GET', '/api/host/hook-log')).body as unknown[]
    const auditEvents = (await s.call('GET', `${ROUTE}/events`)).body.events as unknown[]
    const logLines = s.app.output().split('\n')
    const stored = await s.storedText()
    let hits = 0
    for (const key of s.submittedKeys) {
      hits += findKeyLeaks(s.app.output(), key).length + findKeyLeaks(JSON.stringify(hookPayloads), key).length
        + findKeyLeaks(JSON.stringify(auditEvents), key).length + findKeyLeaks(stored, key).length
    }
    expect(hits).toBe(0)
    const expected = ['key_malformed', 'key_rejected', 'key_lacks_permission', 'key_other_company', 'organisation_key_needs_company', 'installation_not_entitled', 'pleo_rate_limited', 'pleo_unreachable', 'pleo_unavailable', 'not_connected', 'busy', 'too_many_attempts', 'forbidden', 'unauthenticated', 'invalid_request']
    expect(expected.filter(code => !codes.has(code))).toEqual([])
    figure('P2', `${hits} hits of 7 variants of ${s.submittedKeys.size} keys in ${logLines.length} log lines, ${hookPayloads.length} hook payloads, ${auditEvents.length} audit events and ${stored.length} storage bytes; ${expected.length}/${expected.length} error codes exercised`)
  })
})
