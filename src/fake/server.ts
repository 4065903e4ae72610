import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { H3Event } from 'h3'
import { createApp, createRouter, eventHandler, readRawBody, toNodeListener } from 'h3'
import type { FakeContext, ReceivedBody, RequestState, ResolvedOptions } from './context'
import { addControlRoutes } from './control'
import { FAULT_HEADER, createRateLimiter, injectFault, parseFaultHeader } from './faults'
import { credentialForms, redactHeaders, redactKeyFields, scrub } from './redact'
import { sendError } from './respond'
import { addApiRoutes } from './routes'
import { DEMO_SEED } from './seed'
import { createStore } from './store'
import type { FakeCompany, FakeKey, FakeListening, FakePleo, FakePleoOptions, FakeRequestRecord } from './types'

/** Older records are dropped beyond this, so a long-running fake does not grow without bound. */
const MAX_RECORDS = 1000
const API_PATH = /^(?:\/production|\/staging)?\/v1(?:\/|$)/
const PAYLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * An offline stand-in for Pleo's External API, faithful to what Pleo documents and explicit about what it invents.
 *
 * @example
 * const pleo = createFakePleo()
 * const { url, close } = await pleo.listen()
 * // point the module at `${url}/production` (or `${url}/staging`), then `await close()`
 */
export function createFakePleo(options: FakePleoOptions = {}): FakePleo {
  const resolved: ResolvedOptions = {
    allowFaultHeader: options.allowFaultHeader ?? false,
    strictEmptyPassword: options.strictEmptyPassword ?? true,
    acceptRawBasic: options.acceptRawBasic ?? false,
    acceptApiKeyAsBearer: options.acceptApiKeyAsBearer ?? false,
    organisationUrnType: options.organisationUrnType ?? 'organization',
    postConflict: options.postConflict ?? 200,
    retryAfterSeconds: options.retryAfterSeconds ?? 2,
    controlToken: options.controlToken ?? '',
    clockSkewMs: options.clockSkewMs ?? 0,
    log: options.log,
  }
  let clockSkewMs = resolved.clockSkewMs
  const store = createStore({ keys: options.keys ?? DEMO_SEED.keys, companies: options.companies ?? DEMO_SEED.companies }, resolved.organisationUrnType)
  const limiter = createRateLimiter()
  const requests: FakeRequestRecord[] = []
  const states = new WeakMap<IncomingMessage, RequestState>()
  let inFlight = 0

  const ctx: FakeContext = {
    store,
    options: resolved,
    limiter,
    request(event: H3Event): RequestState {
      const state = states.get(event.node.req)
      if (!state) throw new Error('The request did not come through the fake\'s handler.')
      return state
    },
  }

  function reset(): void {
    store.reset()
    limiter.clear()
    requests.length = 0
    clockSkewMs = resolved.clockSkewMs
  }

  function setClockSkew(ms: number): void {
    if (!Number.isFinite(ms)) throw new TypeError('The clock skew must be a number of milliseconds.')
    clockSkewMs = ms
  }

  const router = createRouter()
  addApiRoutes(router, ctx)
  addControlRoutes(router, ctx, { reset, setClockSkew })

  const app = createApp({
    onError(error, event) {
      const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500
      if (!event.handled) event.node.res.end(sendError(event, status >= 400 && status < 600 ? status : 500, status === 404 ? 'No such route.' : 'The request failed.'))
    },
  })
  app.use(eventHandler(async (event) => {
    if (!PAYLOAD_METHODS.has(event.method)) return
    const state = ctx.request(event)
    state.body = parseBody(await readRawBody(event, 'utf8'))
    const recorded = state.body.kind === 'json' ? state.body.value : state.body.kind === 'invalid' ? '[not JSON]' : undefined
    state.record.body = event.path.startsWith('/__fake/') ? redactKeyFields(recorded) : recorded
  }))
  app.use(router)
  app.use(eventHandler(event => sendError(event, 404, 'No such route.')))
  const listener = toNodeListener(app)

  function handler(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now()
    const url = new URL(req.url ?? '/', 'http://fake.invalid')
    const record: FakeRequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: redactHeaders(req.headers),
      body: undefined,
      status: 0,
      at: new Date().toISOString(),
    }
    requests.push(record)
    if (requests.length > MAX_RECORDS) requests.splice(0, requests.length - MAX_RECORDS)

    const aborted = new AbortController()
    states.set(req, { record, signal: aborted.signal, body: { kind: 'none' }, arrivedAt: started })
    inFlight++
    res.once('close', () => {
      inFlight--
      if (!res.writableFinished) aborted.abort()
      record.status = res.writableFinished ? res.statusCode : 0
      const secrets = [...credentialForms(req.headers.authorization), ...store.keyStrings()]
      resolved.log?.(scrub(`${record.method} ${safeDecode(record.path)} ${record.status} ${Math.round(performance.now() - started)}ms`, secrets))
    })

    if (clockSkewMs) dateWithSkew(res, () => clockSkewMs)
    const fault = resolved.allowFaultHeader && API_PATH.test(url.pathname) ? parseFaultHeader(req.headers[FAULT_HEADER]) : undefined
    if (fault) return injectFault(fault, req, res, resolved.retryAfterSeconds)
    listener(req, res)
  }

  async function listen(port = 0, host = '127.0.0.1'): Promise<FakeListening> {
    const server = createServer(handler)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
    const address = server.address() as AddressInfo
    const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address
    return {
      url: `http://${hostname}:${address.port}`,
      port: address.port,
      close: () => new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()))
        // Drops keep-alive sockets and requests held by latency or the timeout fault; their timers go with them.
        server.closeAllConnections()
      }),
    }
  }

  return {
    handler,
    listen,
    reset,
    seed: (keys: FakeKey[], companies?: FakeCompany[]) => store.add(keys, companies),
    revoke: (key: string) => store.revoke(key),
    expire: (key: string) => store.expire(key),
    setClockSkew,
    installations: () => store.listInstallations(),
    requests,
    inFlight: () => inFlight,
  }
}

function parseBody(raw: string | undefined): ReceivedBody {
  if (raw === undefined || raw.trim() === '') return { kind: 'none' }
  try {
    return { kind: 'json', value: JSON.parse(raw) }
  }
  catch {
    return { kind: 'invalid' }
  }
}

/**
 * The `Date` header from the skewed clock, stamped when the headers go out (as Node stamps its own): a slow answer
 * carries the time it was sent, not the time the request came.
 */
function dateWithSkew(res: ServerResponse, skew: () => number): void {
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    if (!this.headersSent) this.setHeader('date', new Date(Date.now() + skew()).toUTCString())
    return writeHead.apply(this, args)
  } as ServerResponse['writeHead']
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path)
  }
  catch {
    return path
  }
}
