import { ofetch, type FetchResponse } from 'ofetch'
import { PleoConnectError } from './errors'
import { errorForPleoStatus, parseRetryAfter } from './pleo-status'

export interface PleoClientOptions {
  baseUrl: string
  apiKey: string
  /** Milliseconds per attempt. */
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
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

const MAX_RESPONSE_BYTES = 1024 * 1024
const RETRY_DELAY_MS = 300
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
    let response: FetchResponse<ReadableStream<Uint8Array>>
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
        timeout: options.timeout,
        retry: 0,
        redirect: 'manual',
        ignoreResponseError: true,
        responseType: 'stream',
      })
    }
    catch {
      // Deliberately drop the FetchError: its `options` hold the Authorization header.
      throw new PleoConnectError('pleo_unreachable')
    }
    const data = await readJson<T>(response)
    return { status: response.status, data, retryAfter: parseRetryAfter(response.headers.get('retry-after')) }
  }

  async function request<T = unknown>(method: Method, path: string, req: PleoRequest = {}): Promise<PleoResponse<T>> {
    const tries = method === 'GET' ? 1 + (options.getRetries ?? 1) : 1
    for (let n = 1; ; n++) {
      const response = await attempt<T>(method, path, req)
      if (n >= tries || !TRANSIENT_STATUSES.has(response.status)) return response
      await delay(RETRY_DELAY_MS * n)
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
async function readJson<T>(response: FetchResponse<ReadableStream<Uint8Array>>): Promise<T | undefined> {
  const body = response.body ?? response._data
  if (!body) return undefined
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength
      if (size > MAX_RESPONSE_BYTES) throw new PleoConnectError('pleo_unavailable', { variant: 'too_large' })
      chunks.push(chunk)
    }
  }
  catch (error) {
    if (error instanceof PleoConnectError) throw error
    throw new PleoConnectError('pleo_unreachable')
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
