import { PleoConnectError } from '../errors'
import { errorForPleoStatus, parseRetryAfter } from './status-map'
import { sendHttp, TooLargeError, type TransportResponse } from './http-transport'

export interface PleoClientOptions {
  baseUrl: string
  apiKey: string
  /** Milliseconds per attempt, for the headers and the body together. */
  timeout: number
  /** Extra tries for idempotent GETs answered 502/503/504. Writes, timeouts and 429 are never retried. */
  getRetries?: number
}

export interface PleoRequest {
  query?: Record<string, string | undefined>
  body?: Record<string, unknown>
}

export interface PleoResponse<T = unknown> {
  status: number
  data: T | undefined
  retryAfter?: number
  /** Pleo's `Date` header, as sent (its clock, to the second). */
  date?: string
  /** When the answering attempt was sent and its headers came (epoch ms), and how long the whole answer took. */
  timing: { sentAt: number, headersAt: number, latencyMs: number }
}

/** A call that ran out of its time (`pleo_unreachable`, as any unanswered call): checks record it as a timeout. */
export class PleoTimeoutError extends PleoConnectError {
  constructor() {
    super('pleo_unreachable')
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

const MAX_RESPONSE_BYTES = 1024 * 1024
const RETRY_DELAY_MS = 300
/** A GET retry waits as `Retry-After` asks, but never longer than this: a longer wait is the caller's to decide. */
const MAX_RETRY_WAIT_MS = 5000
const TRANSIENT_STATUSES = new Set([502, 503, 504])

/**
 * A minimal client for Pleo's External API with one API key: Basic auth (key as username, empty password),
 * a timeout per attempt, no redirects, capped response bodies. Answers every HTTP status (callers decide);
 * network failures and timeouts become `pleo_unreachable`. Never logs, never keeps the request in an error.
 */
export function createPleoClient(options: PleoClientOptions) {
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`
  const baseURL = options.baseUrl.replace(/\/+$/, '')

  async function attempt<T>(method: Method, path: string, request: PleoRequest): Promise<PleoResponse<T>> {
    // One deadline for the whole answer, headers and body: a body that stalls after the headers ends as unreachable.
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), options.timeout)
    try {
      return await send<T>(method, path, request, deadline.signal)
    }
    finally {
      clearTimeout(timer)
    }
  }

  async function send<T>(method: Method, path: string, request: PleoRequest, signal: AbortSignal): Promise<PleoResponse<T>> {
    let response: TransportResponse
    const sentAt = Date.now()
    const started = performance.now()
    try {
      response = await sendHttp({
        url: new URL(`${baseURL}${path.startsWith('/') ? '' : '/'}${path}${queryString(request.query)}`),
        method,
        headers: {
          Authorization: authorization,
          Accept: 'application/json',
          ...(request.body ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
        },
        body: request.body && JSON.stringify(request.body),
        signal,
        maxBytes: MAX_RESPONSE_BYTES,
      })
    }
    catch (error) {
      if (error instanceof TooLargeError) throw new PleoConnectError('pleo_unavailable', { variant: 'too_large' })
      // Deliberately drop Node's error: nothing of the request goes further than this line.
      throw signal.aborted ? new PleoTimeoutError() : new PleoConnectError('pleo_unreachable')
    }
    const timing = { sentAt, headersAt: sentAt + response.headersMs, latencyMs: Math.round(performance.now() - started) }
    return { status: response.status, data: parseJson<T>(response.body), retryAfter: parseRetryAfter(headerOf(response, 'retry-after')), date: headerOf(response, 'date'), timing }
  }

  async function request<T = unknown>(method: Method, path: string, req: PleoRequest = {}): Promise<PleoResponse<T>> {
    const tries = method === 'GET' ? 1 + (options.getRetries ?? 1) : 1
    for (let n = 1; ; n++) {
      const response = await attempt<T>(method, path, req)
      if (n >= tries || !TRANSIENT_STATUSES.has(response.status)) return response
      // Pleo (or a proxy) saying when to come back is honoured; past the cap, the answer goes to the caller as it is.
      const wait = response.retryAfter === undefined ? RETRY_DELAY_MS * n : response.retryAfter * 1000
      if (wait > MAX_RETRY_WAIT_MS) return response
      await delay(wait)
    }
  }

  /** Like `request`, but any status outside 2xx becomes the module's error for that status. */
  async function expectOk<T = unknown>(method: Method, path: string, req: PleoRequest = {}): Promise<T> {
    const response = await request<T>(method, path, req)
    if (response.status < 200 || response.status >= 300) throw errorForPleoStatus(response.status, { retryAfter: response.retryAfter })
    return response.data as T
  }

  return { request, expectOk }
}

export type PleoClient = ReturnType<typeof createPleoClient>

function delay(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** `?a=1&b=2` of the values given (undefined ones left out), or nothing. */
function queryString(query: PleoRequest['query']): string {
  const pairs = Object.entries(query ?? {}).filter(([, value]) => value !== undefined).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value!)}`)
  return pairs.length ? `?${pairs.join('&')}` : ''
}

function headerOf(response: TransportResponse, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** A body that is not JSON reads as undefined (Pleo's error bodies are undocumented). */
function parseJson<T>(body: Buffer): T | undefined {
  const text = body.toString('utf8')
  if (!text) return undefined
  try {
    return JSON.parse(text) as T
  }
  catch {
    return undefined
  }
}
