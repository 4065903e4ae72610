import { describe, expect, it } from 'vitest'
import { errorWords } from '../../src/runtime/shared/i18n/catalogue'
import { en } from '../../src/runtime/shared/i18n/en'
import { seedCanary } from '../support/keys'
import { ROUTE, useScenario } from '../support/scenario'
import { figure } from '../support/figures'

const MODULE_ROUTES = [
  ['GET', ROUTE],
  ['GET', `${ROUTE}/events`],
  ['GET', `${ROUTE}/diagnostics`],
  ['POST', ROUTE],
  ['PUT', ROUTE],
  ['DELETE', ROUTE],
  ['POST', `${ROUTE}/verify`],
] as const

const HOST_ROUTES = ['/api/host/introspect', '/api/host/company', '/api/pleo/company', '/api/host/diagnostics'] as const

/** Polls an async condition (listeners run after the answer, so the tests wait for their traces). */
async function until(check: () => boolean | Promise<boolean>, what: string) {
  for (let tries = 0; tries < 250; tries++) {
    if (await check()) return
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('the app\'s own auth keeps its meaning in the policy hook', () => {
  const scenario = useScenario()
  const upstreamCalls = () => scenario.pleo.requests.filter(r => r.path.includes('/v1/')).length
  const body = (method: string, path: string) => (method === 'POST' || method === 'PUT') && path === ROUTE ? { apiKey: 'a-key-the-policy-refuses-first' } : undefined

  it('a 401 thrown by the hook (requireUserSession for an anonymous visitor) answers 401 unauthenticated on every route', async () => {
    for (const [method, path] of MODULE_ROUTES) {
      const response = await scenario.call(method, path, body(method, path), { 'x-test-throw': '401' })
      expect(response.status, `${method} ${path}`).toBe(401)
      expect(response.body).toMatchObject({ statusCode: 401, data: { code: 'unauthenticated', ...errorWords(en.errors, { code: 'unauthenticated' }) } })
    }
  })

  it('a 403 thrown by the hook stays forbidden; an unexpected error refuses with forbidden, never a 500', async () => {
    for (const thrown of ['403', '500', 'type-error']) {
      for (const [method, path] of MODULE_ROUTES) {
        const response = await scenario.call(method, path, body(method, path), { 'x-test-throw': thrown })
        expect(response.status, `${thrown}: ${method} ${path}`).toBe(403)
        expect(response.body.data).toMatchObject({ code: 'forbidden', ...errorWords(en.errors, { code: 'forbidden' }) })
      }
    }
    expect(scenario.app.output()).toContain('the \'pleo-connect:authorize\' hook threw TypeError; the request was refused')
    figure('P15', `${3 * MODULE_ROUTES.length}/${3 * MODULE_ROUTES.length} requests whose policy hook threw (403, 500, TypeError) got the generic forbidden shape; 0 answered 5xx; the error's own text never reached a body or a log`)
    expect(scenario.app.output()).not.toContain('the session store is down')
  })

  it('the app\'s own routes calling usePleoClient or requirePleoConnection get the same answers, and `allowed: false` for `use` is honoured', async () => {
    const apiKey = seedCanary(scenario.pleo)
    const connected = await scenario.call('POST', ROUTE, { apiKey })
    expect(connected.status).toBe(200)
    expect((await scenario.call('GET', '/api/host/introspect')).status).toBe(200)
    // The README's server example (test/fixtures/basic/server/api/pleo/company.get.ts) against the fake Pleo.
    const company = await scenario.call('GET', '/api/pleo/company')
    expect(company.status).toBe(200)
    expect(company.body.data).toMatchObject({ id: connected.body.company.id, name: connected.body.company.name })

    scenario.pleo.reset()
    for (const path of HOST_ROUTES) {
      const anonymous = await scenario.call('GET', path, undefined, { 'x-test-throw': '401' })
      expect(anonymous.status, path).toBe(401)
      expect(anonymous.body.data.code).toBe('unauthenticated')
      const refused = await scenario.call('GET', path, undefined, { 'x-test-use': 'deny' })
      expect(refused.status, path).toBe(403)
      expect(refused.body.data.code).toBe('forbidden')
    }
    expect(upstreamCalls()).toBe(0)
  })
})

describe('notification listeners run after the answer', () => {
  const scenario = useScenario({ FIXTURE_SLOW_LISTENER: '1' })
  const hookNames = async () => ((await scenario.call('GET', '/api/host/hook-log')).body as Array<{ name: string }>).map(entry => entry.name)

  it('a listener that waits (a slow mailer) does not hold up the admin\'s answer', async () => {
    const apiKey = seedCanary(scenario.pleo)
    // The listener waits until the gate is opened below, after the answer arrived: an awaited hook would never answer.
    const connected = await scenario.call('POST', ROUTE, { apiKey })
    expect(connected.status).toBe(200)
    expect(connected.body.state).toBe('connected')
    await until(async () => (await hookNames()).includes('slow-listener:started'), 'the slow listener to start')
    expect(await hookNames()).not.toContain('slow-listener:finished')

    await scenario.call('POST', '/api/host/open-gate')
    await until(async () => (await hookNames()).includes('slow-listener:finished'), 'the slow listener to finish')
  })
})

describe('a listener that throws', () => {
  const scenario = useScenario({ FIXTURE_THROWING_LISTENER: '1' })

  it('changes no outcome and is logged by hook name only', async () => {
    const apiKey = seedCanary(scenario.pleo)
    const connected = await scenario.call('POST', ROUTE, { apiKey })
    expect(connected.status).toBe(200)
    await until(() => scenario.app.output().includes('listener failed'), 'the failure to be logged')
    expect(scenario.app.output()).toContain('[pleo-connect] a pleo-connect:connected listener failed (Error)')
    expect(scenario.app.output()).not.toContain('the mailer is down')
    expect((await scenario.call('GET', ROUTE)).body.state).toBe('connected')
  })
})
