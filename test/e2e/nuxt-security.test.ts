import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_KEYS } from '../../src/fake'
import { startApp, newEncryptionKey, type AppServer } from '../support/app-server'
import { findKeyLeaks } from '../support/canary'
import { MUTATIONS, ROUTE, useScenario } from '../support/scenario'
import { figure } from '../support/figures'

// test/fixtures/nuxt-security: nuxt-security 2.5.1 with `csrf: true` (nuxt-csurf) and no route rules of its own:
// the module excludes its routes from nuxt-csurf and the XSS validator by itself; everything else keeps its defaults.
const s = useScenario({}, {}, 'nuxt-security')
const extraApps: AppServer[] = []
afterAll(async () => {
  for (const app of extraApps) await app.stop()
})

const figures = { flows: 0, flowsPassed: 0, denied: 0, stateChanges: 0, leaks: 0 }

async function raw(path: string, method: string, body: string | undefined, headers: Record<string, string>, app = s.app) {
  const response = await app.request(path, { method: method as 'POST', body, headers })
  const seen = [...response.headers].join('\n') + response.text
  for (const key of [DEMO_KEYS.valid, DEMO_KEYS.validSameCompany, DEMO_KEYS.validOtherCompany]) figures.leaks += findKeyLeaks(seen, key).length
  return response
}

/** The nuxt-csurf cookie and token a page of the app hands out (the `<meta name="csrf-token">` of any page). */
async function csrfPair(app: AppServer) {
  const page = await app.request('/settings/pleo')
  const cookie = page.headers.get('set-cookie')?.split(';')[0]
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page.text)?.[1]
  expect(cookie, 'nuxt-csurf cookie').toBeTruthy()
  expect(token, 'nuxt-csurf token').toBeTruthy()
  return { cookie: cookie!, token: token! }
}

function upstreamCalls() {
  return s.pleo.requests.filter(r => r.path.includes('/v1/')).length
}

describe('nuxt-security with CSRF on', () => {
  it('still guards the host app\'s own routes with nuxt-csurf (the exclusion is only the module\'s)', async () => {
    const refused = await raw('/api/host/note', 'POST', '{}', { 'content-type': 'application/json', 'origin': s.app.url, 'sec-fetch-site': 'same-origin' })
    expect(refused.status).toBe(403)
    expect(refused.text).toContain('CSRF')
    const { cookie, token } = await csrfPair(s.app)
    const accepted = await raw('/api/host/note', 'POST', '{}', { 'content-type': 'application/json', 'origin': s.app.url, cookie, 'csrf-token': token })
    expect(accepted.status).toBe(200)
  })

  it('passes every same-origin JSON flow the UI sends (no CSRF token): connect, replace, verify, disconnect', async () => {
    const steps: Array<[string, string, unknown, string]> = [
      ['POST', ROUTE, { apiKey: DEMO_KEYS.valid }, 'connected'],
      ['PUT', ROUTE, { apiKey: DEMO_KEYS.validSameCompany }, 'connected'],
      ['POST', `${ROUTE}/verify`, undefined, 'connected'],
      ['DELETE', ROUTE, undefined, 'disconnected'],
    ]
    for (const [method, path, body, state] of steps) {
      figures.flows++
      const { status, body: view, headers } = await s.call(method, path, body)
      expect(status, `${method} ${path}`).toBe(200)
      expect(view.state).toBe(state)
      expect(headers.get('cache-control')).toBe('no-store')
      figures.flowsPassed++
    }
    expect((await s.call('GET', `${ROUTE}/events`)).status).toBe(200)
  })

  it('the module still refuses cross-site and simple-content-type requests, even with a valid nuxt-csurf token', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    const before = (await s.call('GET', ROUTE)).body
    const eventsBefore = (await s.call('GET', `${ROUTE}/events`)).body
    const callsBefore = upstreamCalls()
    const csrf = await csrfPair(s.app)
    s.submittedKeys.add(DEMO_KEYS.validOtherCompany) // sent only by refused requests; afterAll checks the server output for it
    const json = JSON.stringify({ apiKey: DEMO_KEYS.validOtherCompany, confirmCompanyChange: true })
    const siteHeaders: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { referer: 'https://evil.example/page' },
      { 'sec-fetch-site': 'cross-site', 'cookie': csrf.cookie, 'csrf-token': csrf.token },
    ]
    const simpleTypes = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']
    for (const [method, path] of MUTATIONS) {
      for (const headers of siteHeaders) {
        const { status, body } = await raw(path, method, json, { 'content-type': 'application/json', ...headers })
        expect(status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403)
        expect(body.data.code).toBe('forbidden')
        figures.denied++
      }
      for (const type of simpleTypes) {
        const { status, body } = await raw(path, method, `apiKey=${DEMO_KEYS.validOtherCompany}`, { 'content-type': type, 'origin': s.app.url, 'sec-fetch-site': 'same-origin', 'cookie': csrf.cookie, 'csrf-token': csrf.token })
        expect(status, `${method} ${path} ${type}`).toBe(415)
        expect(body.data.code).toBe('invalid_request')
        figures.denied++
      }
    }
    const after = (await s.call('GET', ROUTE)).body
    const eventsAfter = (await s.call('GET', `${ROUTE}/events`)).body
    if (JSON.stringify(after) !== JSON.stringify(before)) figures.stateChanges++
    if (JSON.stringify(eventsAfter) !== JSON.stringify(eventsBefore)) figures.stateChanges++
    figures.stateChanges += upstreamCalls() - callsBefore
    expect(figures.stateChanges).toBe(0)
    expect(figures.denied).toBe(MUTATIONS.length * (siteHeaders.length + simpleTypes.length))
  })

  it('renders the settings page under nuxt-security\'s CSP (nonce on every script) without the key', async () => {
    const page = await raw('/settings/pleo', 'GET', undefined, {})
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce, csp).toBeTruthy()
    const scripts = page.text.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
    expect(page.text).toContain('••••6058')
    await s.call('DELETE', ROUTE)
  })

  it('several instances: nuxt-csurf tokens only cross instances that share NUXT_CSURF_ENCRYPT_SECRET', async () => {
    const secret = randomBytes(22).toString('base64') // 32 characters: an AES-256 key for uncsrf
    const env = { NUXT_PLEO_CONNECT_BASE_URL: s.pleoUrl, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey(), NUXT_CSURF_ENCRYPT_SECRET: secret }
    const [a, b] = await Promise.all([startApp(env, undefined, 'nuxt-security'), startApp(env, undefined, 'nuxt-security')])
    extraApps.push(a, b)
    const headers = (app: AppServer, pair: { cookie: string, token: string }) => ({ 'content-type': 'application/json', 'origin': app.url, 'cookie': pair.cookie, 'csrf-token': pair.token })
    const fromA = await csrfPair(a)
    expect((await raw('/api/host/note', 'POST', '{}', headers(b, fromA), b)).status).toBe(200)
    // The scenario's app runs with the secret generated at build time: a token from it is invalid on `b`.
    const fromDefault = await csrfPair(s.app)
    expect((await raw('/api/host/note', 'POST', '{}', headers(b, fromDefault), b)).status).toBe(403)
  })

  it('reports the figure', () => {
    expect(figures.leaks).toBe(0)
    figure('P8', `works with nuxt-security CSRF: yes (nuxt-security 2.5.1 + nuxt-csurf, module routes excluded via routeRules; same-origin JSON flows ${figures.flowsPassed}/${figures.flows} passed; ${figures.denied} cross-site/simple-type requests refused by the module (403/415), ${figures.stateChanges} state changes; host routes still CSRF-guarded; key in responses: ${figures.leaks})`)
  })
})
