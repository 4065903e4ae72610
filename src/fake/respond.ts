import type { ServerResponse } from 'node:http'
import type { H3Event } from 'h3'
import { setResponseHeader, setResponseStatus } from 'h3'

/** The content type Pleo's spec declares for every JSON answer. */
export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8'

/**
 * The fake's error types. The `{ type, message }` body is invented for the fake, not a Pleo contract:
 * clients must branch on the status code only.
 */
const ERROR_TYPES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
}

/** Static texts for forced and injected faults; messages never echo anything from the request. */
export const FAULT_MESSAGES: Record<number, string> = {
  403: 'The credential is valid but lacks permission for this resource.',
  429: 'Too many requests. Retry later.',
  500: 'Internal error.',
  502: 'Bad gateway.',
  503: 'Service unavailable.',
}

export interface ErrorBody {
  type: string
  message: string
}

export function errorBody(status: number, message: string): ErrorBody {
  return { type: ERROR_TYPES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'), message }
}

/** Sets status and content type, and returns the serialised body for h3 to send. */
export function sendJson(event: H3Event, status: number, body: unknown, headers: Record<string, string> = {}): string {
  setResponseStatus(event, status)
  setResponseHeader(event, 'content-type', JSON_CONTENT_TYPE)
  for (const [name, value] of Object.entries(headers)) setResponseHeader(event, name, value)
  return JSON.stringify(body)
}

export function sendError(event: H3Event, status: number, message: string, headers: Record<string, string> = {}): string {
  return sendJson(event, status, errorBody(status, message), headers)
}

/** The same as `sendError`, for answers written before h3 sees the request. */
export function writeError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE, ...headers })
  res.end(JSON.stringify(errorBody(status, message)))
}
