import { get, type IncomingHttpHeaders } from 'node:http'
import { describe, expect, it } from 'vitest'
import { DEMO_KEYS } from '../../src/fake'
import { seedCanary } from '../support/keys'
import { ROUTE, useScenario } from '../support/scenario'
import { figure } from '../support/figures'

// The rows of the security review, each against a production build of test/fixtures/basic.

const READS = [['GET', ROUTE], ['GET', `${ROUTE}/events`]] as const

/** A GET with exactly these headers (fetch would replace Sec-Fetch-Mode with its own `cors`). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number, headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers }))
    }).on('error', reject)
  })
}

describe('forwarded headers count only behind a trusted proxy', () => {
  const s = useScenario()

  it('an http or https Origin passes only with the app\'s own origin, whatever X-Forwarded-Host and -Proto say', async () => {
    const own = new URL(s.app.url)
    const rows: Array<[string, Record<string, string>]> = [
      // The request really arrives over http at the app's own host: only that origin passes.
      ['own http origin', { origin: s.app.url }],
      ['foreign http origin + X-Forwarded-Host of it', { 'origin': 'http://evil.example', 'x-forwarded-host': 'evil.example' }],
      ['foreign https origin + X-Forwarded-Host/-Proto of it', { 'origin': 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }],
      ['own host over https, claimed by X-Forwarded-Proto', { 'origin': `https://${own.host}`, 'x-forwarded-proto': 'https' }],
    ]
    const outcomes = []
    for (const [label, headers] of rows) {
      const { status } = await s.app.request(`${ROUTE}/verify`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } })
      outcomes.push([label, status])
    }
    // 404: past the guard (nothing to verify); 403: refused by it.
    expect(outcomes).toEqual([['own http origin', 404], ['foreign http origin + X-Forwarded-Host of it', 403], ['foreign https origin + X-Forwarded-Host/-Proto of it', 403], ['own host over https, claimed by X-Forwarded-Proto', 403]])
  })
})

describe('routes without a body refuse one', () => {
  const s = useScenario()

  it('verify and disconnect answer 400 to a non-empty body and act on nothing', async () => {
    expect((await s.call('POST', ROUTE, { apiKey: seedCanary(s.pleo) })).body.state).toBe('connected')
    for (const [method, path] of [['POST', `${ROUTE}/verify`], ['DELETE', ROUTE]] as const) {
      const { status, body } = await s.app.request(path, { method, body: JSON.stringify({ uninstall: true }), headers: { 'content-type': 'application/json', 'origin': s.app.url } })
      expect(status, `${method} ${path}`).toBe(400)
      expect(body.data).toMatchObject({ code: 'invalid_request', variant: 'no_body_expected' })
    }
    expect((await s.call('GET', ROUTE)).body.state).toBe('connected')
    // Without a body both still work.
    expect((await s.call('POST', `${ROUTE}/verify`)).status).toBe(200)
    expect((await s.call('DELETE', ROUTE)).status).toBe(200)
  })
})

describe('cross-site reads', () => {
  const s = useScenario()

  it('another site\'s script cannot read the connection or the trail, and no wildcard Allow-Origin is sent', async () => {
    expect((await s.call('POST', ROUTE, { apiKey: seedCanary(s.pleo) })).body.state).toBe('connected')
    for (const [method, path] of READS) {
      for (const headers of [
        { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
        { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
        { origin: 'https://evil.example' },
      ] as Array<Record<string, string>>) {
        const response = await s.app.request(path, { method, headers })
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403)
        expect(response.text).not.toContain('company')
        expect(response.headers.get('access-control-allow-origin')).toBeNull()
      }
      // The app's own pages, and a navigation from anywhere (Pleo's install dialog links to the settings page).
      for (const headers of [{ 'sec-fetch-site': 'same-origin' }, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }, {}] as Array<Record<string, string>>) {
        const response = await rawGet(s.app.url + path, headers)
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(200)
        expect(response.headers['access-control-allow-origin']).toBeUndefined()
      }
    }
  })

  it('a host app\'s `cors: true` rule for /api/** does not open the module\'s routes', async () => {
    // test/fixtures/basic has routeRules { '/api/**': { cors: true } }, as many apps do.
    const hostRoute = await s.app.request('/api/ping', { headers: { origin: 'https://evil.example' } })
    expect(hostRoute.headers.get('access-control-allow-origin')).toBe('*')
    const moduleRoute = await s.app.request(ROUTE, { headers: { 'sec-fetch-site': 'same-origin' } })
    expect(moduleRoute.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('strings from the policy hook and from Pleo reach logs and the trail clean', () => {
  const s = useScenario({ NUXT_PLEO_CONNECT_LOG_ACTORS: 'plain' })
  const FORGERIES = ['\u0085', '\u2028', '\u2029', '\u009B', '\u200E', '\r\n']

  it('an actor with U+0085, U+2028, U+2029 and C1 controls is one line in the log and in the trail', async () => {
    const actor = `mallory${FORGERIES.join('')}[pleo-connect] {"type":"disconnected"}`
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.revoked }, { 'x-test-actor': encodeURIComponent(actor) })
    const lines = s.app.output().split(/\r\n|[\n\r\u0085\u2028\u2029]/)
    const logged = lines.filter(line => line.includes('mallory'))
    expect(logged).toHaveLength(1)
    expect(logged[0]).toContain('"type":"connect_failed"')
    for (const character of FORGERIES) expect(logged[0]).not.toContain(character)
    const trail = (await s.call('GET', `${ROUTE}/events`)).body.events
    expect(trail[0].actor).toMatch(/^mallory \[pleo-connect\]/)
    for (const character of FORGERIES) expect(trail[0].actor).not.toContain(character)
    figure('P16', `0 multi-line log records from an actor carrying ${FORGERIES.length} kinds of line and control characters (U+0085, U+2028, U+2029, C1, bidi, CR/LF); the trail keeps it on one line`)
  })
})

describe('the log option', () => {
  const quiet = useScenario({ NUXT_PLEO_CONNECT_LOG_LEVEL: 'warn' })

  it('at level warn, no audit line is written; actors are hashed by default', async () => {
    await quiet.call('POST', ROUTE, { apiKey: seedCanary(quiet.pleo) }, { 'x-test-actor': 'erin@example.test' })
    expect(quiet.app.output()).not.toContain('"type":"connected"')
    expect(quiet.app.output()).not.toContain('erin@example.test')
    // The trail itself keeps who it was.
    expect((await quiet.call('GET', `${ROUTE}/events`)).body.events[0].actor).toBe('erin@example.test')
  })
})

describe('actors in log lines', () => {
  const s = useScenario()

  it('are a short hash by default, so an e-mail never reaches the logs', async () => {
    await s.call('POST', ROUTE, { apiKey: seedCanary(s.pleo) }, { 'x-test-actor': 'frank@example.test' })
    expect(s.app.output()).toMatch(/"actor":"sha256:[0-9a-f]{12}"/)
    expect(s.app.output()).not.toContain('frank@example.test')
  })
})

describe('checks on demand have a cool-down', () => {
  const s = useScenario({ NUXT_PLEO_CONNECT_VERIFY_COOLDOWN_SECONDS: '10' })

  it('205 checks in a burst make one call to Pleo, and the trail keeps the connection events', async () => {
    expect((await s.call('POST', ROUTE, { apiKey: seedCanary(s.pleo) })).body.state).toBe('connected')
    const before = s.pleo.requests.length
    const answers = await Promise.all(Array.from({ length: 205 }, () => s.call('POST', `${ROUTE}/verify`)))
    expect(answers.filter(r => r.status === 200)).toHaveLength(1)
    const refused = answers.filter(r => r.status === 429)
    expect(refused).toHaveLength(204)
    expect(refused[0]!.body.data).toMatchObject({ code: 'too_many_attempts', variant: 'check_cooldown', retryAfter: 10 })
    expect(refused[0]!.headers.get('retry-after')).toBe('10')
    expect(s.pleo.requests.length - before).toBe(1)
    const types = (await s.call('GET', `${ROUTE}/events`)).body.events.map((e: { type: string }) => e.type)
    expect(types).toEqual(['verified', 'connected'])
  })
})

describe('Pleo\'s Retry-After holds for the next attempt too', () => {
  const s = useScenario()

  it('after a 429 the same key\'s next try is refused here, without calling Pleo, until the wait is over; a new key goes at once', async () => {
    const first = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.rateLimited })
    expect(first.status).toBe(429)
    expect(first.body.data).toMatchObject({ code: 'pleo_rate_limited', retryAfter: expect.any(Number) })
    const before = s.pleo.requests.length
    const again = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.rateLimited })
    expect(again.status).toBe(429)
    expect(again.body.data.retryAfter).toBeLessThanOrEqual(first.body.data.retryAfter)
    expect(s.pleo.requests.length).toBe(before)
    // Pleo's guidelines: after a failure the admin can retry at once, here with another key.
    expect((await s.call('POST', ROUTE, { apiKey: seedCanary(s.pleo) })).body.state).toBe('connected')
  })
})
