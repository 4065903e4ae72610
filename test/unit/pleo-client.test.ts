import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPleoClient } from '../../src/runtime/server/lib/pleo/http-client'
import { PleoConnectError } from '../../src/runtime/server/lib/errors'
import { figure } from '../support/figures'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
let handler: Handler
let seen: Array<{ method: string, url: string, authorization?: string, contentType?: string }>
let server: Server
let baseUrl: string

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, contentType: req.headers['content-type'] })
    handler(req, res)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})
beforeEach(() => {
  seen = []
})

const KEY = 'unit-test-key-0123456789abcdef'

function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers })
    res.end(JSON.stringify(body))
  }
}

describe('createPleoClient', () => {
  it('authenticates with Basic auth: the key as username and an empty password', async () => {
    handler = json(200, { ok: true })
    const client = createPleoClient({ baseUrl, apiKey: KEY, timeout: 1000 })
    const response = await client.request('GET', '/v1/installations/me', { query: { company_id: 'abc' } })
    expect(response).toMatchObject({ status: 200, data: { ok: true } })
    expect(seen[0]!.authorization).toBe(`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`)
    expect(seen[0]!.url).toBe('/v1/installations/me?company_id=abc')
    expect(seen[0]!.url).not.toContain(KEY)
  })

  it('sends JSON bodies with Pleo\'s content type', async () => {
    handler = json(200, {})
    await createPleoClient({ baseUrl, apiKey: KEY, timeout: 1000 }).request('POST', '/v1/installations/me', { body: { status: 'ACTIVATED' } })
    expect(seen[0]!.contentType).toBe('application/json;charset=UTF-8')
  })

  it('ends a hung call at the timeout with pleo_unreachable, without retrying, and the error has no cause', async () => {
    handler = () => {}
    const error = await createPleoClient({ baseUrl, apiKey: KEY, timeout: 300 }).request('GET', '/v1/x').catch(e => e)
    expect(seen).toHaveLength(1)
    expect(error).toBeInstanceOf(PleoConnectError)
    expect(error.code).toBe('pleo_unreachable')
    expect(error.cause).toBeUndefined()
    expect(JSON.stringify(error)).not.toContain(KEY)
  })

  it('retries an idempotent GET once on 503, never a POST or PUT', async () => {
    handler = json(503, {})
    const client = createPleoClient({ baseUrl, apiKey: KEY, timeout: 1000 })
    expect((await client.request('GET', '/v1/x')).status).toBe(503)
    expect(seen.filter(r => r.method === 'GET')).toHaveLength(2)
    seen = []
    await client.request('POST', '/v1/installations/me', { body: {} })
    await client.request('PUT', '/v1/installations/me', { body: {} })
    expect(seen).toHaveLength(2)
    figure('P11', 'POST/PUT retries observed: 0 (a 503 GET is retried once)')
  })

  it('does not follow redirects, so the Authorization header never reaches another host', async () => {
    handler = (req, res) => {
      if (req.url === '/elsewhere') return json(200, { followed: true })(req, res)
      res.writeHead(302, { location: `${baseUrl}/elsewhere` })
      res.end()
    }
    const client = createPleoClient({ baseUrl, apiKey: KEY, timeout: 1000 })
    const response = await client.request('GET', '/v1/x')
    expect(response.status).toBe(302)
    expect(seen.map(r => r.url)).not.toContain('/elsewhere')
    await expect(client.expectOk('GET', '/v1/x')).rejects.toMatchObject({ code: 'pleo_unavailable' })
    figure('P11', `Authorization headers received by the redirect target: ${seen.filter(r => r.url === '/elsewhere').length}`)
  })

  it('reads Retry-After on 429 and does not retry it', async () => {
    handler = json(429, {}, { 'retry-after': '3' })
    const client = createPleoClient({ baseUrl, apiKey: KEY, timeout: 1000 })
    await expect(client.expectOk('GET', '/v1/x')).rejects.toMatchObject({ code: 'pleo_rate_limited', data: { retryAfter: 3 } })
    expect(seen).toHaveLength(1)
  })

  it('refuses an oversized answer instead of buffering it', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('"' + 'x'.repeat(2 * 1024 * 1024) + '"')
    }
    await expect(createPleoClient({ baseUrl, apiKey: KEY, timeout: 2000 }).request('GET', '/v1/x')).rejects.toMatchObject({ code: 'pleo_unavailable' })
  })

  it('treats a non-JSON body as no data (Pleo\'s error bodies are undocumented)', async () => {
    handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' })
      res.end('<h1>oops</h1>')
    }
    const response = await createPleoClient({ baseUrl, apiKey: KEY, timeout: 1000, getRetries: 0 }).request('GET', '/v1/x')
    expect(response).toMatchObject({ status: 500, data: undefined })
  })

  it('keeps connections alive: 40 calls, 4 at a time, reach Pleo on at most 4 connections', async () => {
    handler = json(200, { ok: true })
    let connections = 0
    const countConnection = () => connections++
    server.on('connection', countConnection)
    const client = createPleoClient({ baseUrl, apiKey: KEY, timeout: 1000 })
    try {
      await Promise.all(Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 10; i++) expect((await client.request('GET', '/v1/x')).status).toBe(200)
      }))
    }
    finally {
      server.off('connection', countConnection)
    }
    expect(seen).toHaveLength(40)
    expect(connections).toBeLessThanOrEqual(4)
  })

  it('maps a refused connection to pleo_unreachable', async () => {
    const client = createPleoClient({ baseUrl: 'http://127.0.0.1:9', apiKey: KEY, timeout: 1000, getRetries: 0 })
    await expect(client.request('GET', '/v1/x')).rejects.toMatchObject({ code: 'pleo_unreachable' })
  })
})

describe('one deadline per call, headers and body together', () => {
  it('a Pleo that sends its headers and then stalls ends within the timeout + 250 ms as pleo_unreachable', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"id":')
    }
    const timeout = 400
    const started = performance.now()
    const error = await createPleoClient({ baseUrl, apiKey: KEY, timeout }).request('GET', '/v1/installations/me', {}).catch(e => e)
    const elapsed = performance.now() - started
    expect(error).toBeInstanceOf(PleoConnectError)
    expect(error.code).toBe('pleo_unreachable')
    // A bound, not a timing assertion: without a deadline on the body this call never ends.
    expect(elapsed).toBeLessThan(timeout + 250 + 2000)
    figure('P11', `a call whose body stalls after the headers ended after ${elapsed.toFixed(0)} ms with pleo_unreachable (timeout ${timeout} ms)`)
  })

  it('a GET retry waits as Retry-After asks, and gives the answer back when the wait would be too long', async () => {
    let calls = 0
    const times: number[] = []
    handler = (_req, res) => {
      calls++
      times.push(performance.now())
      res.writeHead(503, { 'retry-after': calls === 1 ? '1' : '3600' })
      res.end()
    }
    const response = await createPleoClient({ baseUrl, apiKey: KEY, timeout: 1000, getRetries: 2 }).request('GET', '/v1/x')
    expect(calls).toBe(2)
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(990)
    expect(response).toMatchObject({ status: 503, retryAfter: 3600 })
  })
})
