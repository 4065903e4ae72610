import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

export interface TransportRequest {
  url: URL
  method: string
  headers: Record<string, string>
  body?: string
  /** Aborts the call, headers and body alike. */
  signal: AbortSignal
  /** The most bytes of body read; past it the call fails with `TooLargeError`. */
  maxBytes: number
}

export interface TransportResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** Milliseconds from the call to its headers. */
  headersMs: number
}

/** The answer's body passed `maxBytes`: it was dropped, not buffered. */
export class TooLargeError extends Error {
  override name = 'TooLargeError'
}

// Bounded keep-alive pools, one per process: a sweep of 100,000 tenants reuses a few dozen sockets instead of
// opening (and garbage-collecting) one connection per call. Idle sockets close after 4 s, before a Node server's
// default keep-alive of 5 s, so a socket is rarely reused just as the server closes it.
const POOL = { keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 4000 }
const httpAgent = new HttpAgent(POOL)
const httpsAgent = new HttpsAgent(POOL)

/**
 * One HTTP exchange on node:http(s): redirects are never followed (a 3xx is an answer like any other), the body is
 * read up to `maxBytes`. An idempotent GET whose reused keep-alive socket was closed by the server before any
 * answer is sent again once on a fresh socket (Node's documented remedy; the server never saw it). Errors are
 * Node's own: the caller maps them, and none of them holds the request's headers.
 */
export async function sendHttp(request: TransportRequest): Promise<TransportResponse> {
  const started = performance.now()
  try {
    return await exchange(request, started)
  }
  catch (error) {
    if (request.method !== 'GET' || request.signal.aborted || !(error instanceof StaleSocketError)) throw error
    return exchange(request, started)
  }
}

class StaleSocketError extends Error {
  override name = 'StaleSocketError'
}

function exchange({ url, method, headers, body, signal, maxBytes }: TransportRequest, started: number): Promise<TransportResponse> {
  const https = url.protocol === 'https:'
  return new Promise((resolve, reject) => {
    const outgoing = (https ? httpsRequest : httpRequest)(url, {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      agent: https ? httpsAgent : httpAgent,
      signal,
    })
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      reject(outgoing.reusedSocket && error.code === 'ECONNRESET' && !answered ? new StaleSocketError() : error)
    })
    let answered = false
    outgoing.once('response', (response: IncomingMessage) => {
      answered = true
      const headersMs = performance.now() - started
      readBody(response, maxBytes).then(
        buffer => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: buffer, headersMs }),
        (error) => {
          outgoing.destroy()
          reject(error)
        },
      )
    })
    outgoing.end(body)
  })
}

function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    response.on('data', (chunk: Buffer) => {
      size += chunk.byteLength
      if (size > maxBytes) {
        response.destroy()
        reject(new TooLargeError('response too large'))
        return
      }
      chunks.push(chunk)
    })
    response.once('end', () => resolve(Buffer.concat(chunks)))
    // An abort (the deadline) or a connection lost mid-body.
    response.on('error', reject)
    response.once('close', () => {
      if (!response.complete) reject(new Error('the answer ended before its body did'))
    })
  })
}
