import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_KEYS } from '../../src/fake'
import { canaryKey, findKeyLeaks } from '../support/canary'
import { postChunked } from '../support/chunked-upload.mjs'
import { seedCanary } from '../support/keys'
import { MUTATIONS, ROUTE, useScenario } from '../support/scenario'
import { figure, scaled } from '../support/figures'

const s = useScenario()
const responses: Array<{ status: number, headers: Headers }> = []

async function send(method: string, path: string, body: string | undefined, headers: Record<string, string>) {
  const response = await s.app.request(path, { method: method as 'POST', body, headers })
  responses.push(response)
  return response
}

function upstreamCalls() {
  return s.pleo.requests.filter(r => r.path.includes('/v1/')).length
}

beforeEach(async () => {
  s.pleo.reset()
})

describe('cross-site requests never change state', () => {
  it('refuses every denied combination of site, origin and content type, and changes nothing', async () => {
    await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid })
    const before = (await s.call('GET', ROUTE)).body
    const callsBefore = upstreamCalls()
    const json = JSON.stringify({ apiKey: DEMO_KEYS.validOtherCompany, confirmCompanyChange: true })
    const siteHeaders: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', 'origin': s.app.url },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { referer: 'https://evil.example/page' },
      { 'origin': 'https://evil.example', 'x-forwarded-host': 'evil.example' },
    ]
    const simpleTypes = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']
    let denied = 0
    for (const [method, path] of MUTATIONS) {
      for (const headers of siteHeaders) {
        const { status, body } = await send(method, path, json, { 'content-type': 'application/json', ...headers })
        expect(status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403)
        expect(body.data.code).toBe('forbidden')
        denied++
      }
      for (const type of simpleTypes) {
        const { status } = await send(method, path, `apiKey=${DEMO_KEYS.validOtherCompany}`, { 'content-type': type, 'origin': s.app.url })
        expect(status, `${method} ${path} ${type}`).toBe(415)
        denied++
      }
    }
    expect(denied).toBe(MUTATIONS.length * (siteHeaders.length + simpleTypes.length))
    figure('P8', `0 state changes and 0 calls to Pleo from ${denied} denied combinations (cross-site, same-site, foreign origin or referer, forwarded host; simple content types)`)
    expect(upstreamCalls()).toBe(callsBefore)
    expect((await s.call('GET', ROUTE)).body).toEqual(before)
    await s.call('DELETE', ROUTE)
  })

  it('says which headers it varies on', async () => {
    const { headers } = await send('POST', `${ROUTE}/verify`, undefined, { 'sec-fetch-site': 'cross-site' })
    expect(headers.get('vary')).toContain('Sec-Fetch-Site')
    expect(headers.get('vary')).toContain('Origin')
  })

  it('accepts same-origin JSON and non-browser clients (no Origin, no Sec-Fetch-Site)', async () => {
    const { status } = await send('POST', ROUTE, JSON.stringify({ apiKey: DEMO_KEYS.valid }), { 'content-type': 'application/json; charset=utf-8' })
    expect(status).toBe(200)
    expect((await send('DELETE', ROUTE, undefined, { origin: s.app.url })).status).toBe(200)
  })
})

describe('request bodies are capped by the bytes actually read', () => {
  it('413 for a declared oversize body', async () => {
    const big = JSON.stringify({ apiKey: 'x'.repeat(40_000) })
    const { status, body } = await send('POST', ROUTE, big, { 'content-type': 'application/json' })
    expect(status).toBe(413)
    expect(body.data.code).toBe('invalid_request')
  })

  it('413 for a chunked upload with no Content-Length, without buffering it', async () => {
    const status = await postChunked(s.app.url + ROUTE, 10 * 1024 * 1024)
    expect(status).toBe(413)
    expect(upstreamCalls()).toBe(0)
  })

  it('every oversize upload gets its 413, also with Connection: close, chunked or with a Content-Length', async () => {
    const statuses: number[] = []
    for (let round = 0; round < 10; round++) {
      statuses.push(...await Promise.all([
        ...Array.from({ length: 10 }, () => postChunked(s.app.url + ROUTE, 1024 * 1024, { connection: 'close' })),
        ...Array.from({ length: 10 }, () => postChunked(s.app.url + ROUTE, 1024 * 1024, { 'connection': 'close', 'content-length': String(1024 * 1024) })),
      ]))
    }
    expect(statuses.filter(status => status !== 413)).toEqual([])
    figure('P10', `413 for ${statuses.filter(status => status === 413).length}/${statuses.length} oversize uploads of 1 MiB with Connection: close (chunked and with Content-Length)`)
  })
})

describe('fuzzed input never causes a 5xx, an echo of the key, or a state change', () => {
  it('2,000 malformed requests', async () => {
    const canary = canaryKey()
    const random = (n: number) => Math.floor(Math.random() * n)
    const values = () => [canary, 42, null, true, [], {}, [canary], { apiKey: canary }, 'x'.repeat(3000), '\u0000', '💥'.repeat(10)][random(11)]
    const bodies = [
      () => JSON.stringify({ apiKey: values(), companyId: values() }),
      () => JSON.stringify({ apiKey: canary, [canary]: 1 }),
      () => JSON.stringify({ apiKey: canary, companyId: canary }),
      () => JSON.stringify({ apiKey: canary, confirmCompanyChange: canary }),
      () => JSON.stringify({ apiKey: canary, keyExpiresAt: canary }),
      () => `{"__proto__":{"polluted":"${canary}"},"apiKey":${JSON.stringify(values())}}`,
      () => `{"constructor":{"prototype":{"polluted":1}},"apiKey":"${canary}"}`,
      () => JSON.stringify([canary]),
      () => JSON.stringify(canary),
      () => `{"apiKey":"${canary}"`,
      () => canary,
      () => '',
      () => 'null',
      () => JSON.stringify({ apiKey: `${canary} ${canary}` }),
      () => JSON.stringify({ apiKey: `Basic ${canary}` }),
    ]
    let fiveXx = 0
    let echoed = 0
    const fuzzed = scaled(2000)
    for (let i = 0; i < fuzzed; i++) {
      const method = ['POST', 'PUT'][random(2)]!
      const body = bodies[random(bodies.length)]!()
      const response = await send(method, ROUTE, body, { 'content-type': 'application/json', 'origin': s.app.url })
      if (response.status >= 500) fiveXx++
      if (findKeyLeaks(response.text, canary).length) echoed++
    }
    expect(fiveXx).toBe(0)
    expect(echoed).toBe(0)
    expect(upstreamCalls()).toBe(0)
    const after = await s.call('GET', ROUTE)
    expect(after.body.state).toBe('disconnected')
    expect(after.text).not.toContain('polluted')
    expect(findKeyLeaks(s.app.output(), canary)).toEqual([])
    figure('P9', `0 of ${fuzzed} fuzzed requests returned 5xx, 0 echoed the key, 0 upstream calls`)
  })
})

describe('attempt limits', () => {
  it('after 5 failed validations an admin gets too_many_attempts, which spoofed headers do not lift; another admin is unaffected', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) {
      const { status, body } = await s.call('POST', ROUTE, { apiKey: canaryKey() }, { 'x-test-actor': 'mallory@example.test', 'x-forwarded-for': `10.0.0.${i}` })
      statuses.push(status)
      if (status === 429) {
        expect(body.data.code).toBe('too_many_attempts')
        expect(body.data.retryAfter).toBeGreaterThan(0)
      }
    }
    expect(statuses.filter(status => status === 401)).toHaveLength(5)
    expect(statuses.filter(status => status === 429)).toHaveLength(15)
    expect(s.pleo.requests.filter(r => r.path.endsWith('/v1/introspect')).length).toBe(5)
    const other = await s.call('POST', ROUTE, { apiKey: DEMO_KEYS.valid }, { 'x-test-actor': 'alice@example.test' })
    expect(other.body.state).toBe('connected')
    await s.call('DELETE', ROUTE)
  })

  it('200 simultaneous submits for one tenant make one validation upstream; the rest are told busy', async () => {
    // Each call to Pleo takes 300 ms, so all 200 submits arrive while the first validation runs.
    const apiKey = seedCanary(s.pleo, 'valid', { latencyMs: 300 })
    const results = await Promise.all(Array.from({ length: 200 }, () => s.call('POST', ROUTE, { apiKey }, { 'x-test-actor': 'erin@example.test' })))
    expect(results.filter(r => r.status === 200)).toHaveLength(1)
    expect(results.filter(r => r.status === 409 && r.body.data.code === 'busy')).toHaveLength(199)
    expect(s.pleo.requests.filter(r => r.path.endsWith('/v1/introspect')).length).toBe(1)
    await s.call('DELETE', ROUTE)
  })
})

afterAll(() => {
  const bad = responses.filter(r => r.headers.get('cache-control') !== 'no-store'
    || r.headers.get('x-content-type-options') !== 'nosniff'
    || !/^application\/json; charset=utf-8$/i.test(r.headers.get('content-type') ?? ''))
  expect(bad).toHaveLength(0)
  figure('P17', `${responses.length}/${responses.length} module responses carried no-store + JSON charset + nosniff`)
})
