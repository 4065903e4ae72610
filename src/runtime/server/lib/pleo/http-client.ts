import { ofetch, type FetchResponse } from 'ofetch'
import { PleoConnectError } from '../errors'
import { errorForPleoStatus, parseRetryAfter } from './status-map'

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
    // One deadline for the whole answer: ofetch's own timeout stops at the headers, and a stalled body would hang.
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
    let response: FetchResponse<ReadableStream<Uint8Array>>
    const sentAt = Date.now()
    const started = performance.now()
    try {
      response = await ofetch.raw(path, {
        baseURL,
        method,
        query: request.query,
        body: request.body,
        headers: {
          Authorization: authorization,
          Accept: 'application/json',
          ...(request.body ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
        },
        signal,
        retry: 0,
        redirect: 'manual',
        ignoreResponseError: true,
        responseType: 'stream',
      })
    }
    catch {
      // Deliberately drop the FetchError: its `options` hold the Authorization header.
      throw signal.aborted ? new PleoTimeoutError() : new PleoConnectError('pleo_unreachable')
    }
    const headersAt = sentAt + (performance.now() - started)
    const data = await readJson<T>(response, signal)
    const timing = { sentAt, headersAt, latencyMs: Math.round(performance.now() - started) }
    return { status: response.status, data, retryAfter: parseRetryAfter(response.headers.get('retry-after')), date: response.headers.get('date') ?? undefined, timing }
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

/** Reads at most MAX_RESPONSE_BYTES; a body that is not JSON reads as undefined (Pleo's error bodies are undocumented). */
async function readJson<T>(response: FetchResponse<ReadableStream<Uint8Array>>, signal: AbortSignal): Promise<T | undefined> {
  const body = response.body ?? response._data
  if (!body) return undefined
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    // The call's deadline aborts the fetch, and with it this stream: a body that stalls ends as unreachable.
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      if (signal.aborted) throw new PleoTimeoutError()
      size += chunk.byteLength
      if (size > MAX_RESPONSE_BYTES) throw new PleoConnectError('pleo_unavailable', { variant: 'too_large' })
      chunks.push(chunk)
    }
  }
  catch (error) {
    if (error instanceof PleoConnectError) throw error
    throw signal.aborted ? new PleoTimeoutError() : new PleoConnectError('pleo_unreachable')
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return undefined
  try {
    return JSON.parse(text) as T
  }
  catch {
    return undefined
  }
}
