// The module's routes, answered in the test itself: each test sets the view and the next error.
import { registerEndpoint } from '@nuxt/test-utils/runtime'
import { defineEventHandler, getQuery, readBody, setResponseStatus, type H3Event } from 'h3'
import { ERROR_STATUS, type PleoErrorCode, type PleoErrorData } from '../../src/runtime/shared/error-codes'
import { errorWords } from '../../src/runtime/shared/i18n/catalogue'
import { en } from '../../src/runtime/shared/i18n/en'
import type { ConnectionView } from '../../src/runtime/shared/schemas'
import type { AuditEvent } from '../../src/runtime/types'
import { ROUTES } from '../../src/runtime/shared/routes'

export const ROUTE = ROUTES.connection
export const COMPANY_A = '11111111-1111-4111-8111-111111111111'
export const COMPANY_B = '22222222-2222-4222-8222-222222222222'
export const VALID_KEY = 'demo-valid-3f9c2a7e1b4d6058'

export const disconnected: ConnectionView = { state: 'disconnected', keyType: 'standalone', environment: 'production' }
export const connected: ConnectionView = {
  state: 'connected',
  keyType: 'standalone',
  environment: 'production',
  company: { id: COMPANY_A, name: 'Acme ApS' },
  keyHint: '••••6058',
  installation: { id: 'inst-1', status: 'ACTIVATED' },
  connectedAt: '2026-01-02T10:00:00.000Z',
  lastVerifiedAt: '2026-01-02T10:00:00.000Z',
}

export interface Call {
  method: string
  path: string
  body?: Record<string, unknown>
  query?: Record<string, unknown>
}

type Answer = { view: ConnectionView } | { error: PleoErrorCode, data?: Partial<PleoErrorData> }

/** A scripted server: `view` answers GET; `answers` are used in order by the other routes, then `view` again. */
export interface FakeApi {
  view: ConnectionView
  answers: Answer[]
  calls: Call[]
  /** Resolved before each answer of a changing route, to observe the UI while it waits. */
  gate?: Promise<void>
  /** The audit trail, newest first, as `GET …/connection/events` answers it; `null` answers 500. */
  events: AuditEvent[] | null
  /** How often the audit trail was read (kept apart from `calls`, which count connection reads). */
  eventReads: number
}

export const api: FakeApi = { view: disconnected, answers: [], calls: [], events: [], eventReads: 0 }

export function resetApi(view: ConnectionView = disconnected) {
  api.view = view
  api.answers = []
  api.calls = []
  api.gate = undefined
  api.events = []
  api.eventReads = 0
}

function answer(event: H3Event, firstConnection: boolean, next: Answer | undefined) {
  if (!next) return api.view
  if ('view' in next) {
    api.view = next.view
    return next.view
  }
  const data: PleoErrorData = { code: next.error, ...errorWords(en.errors, { code: next.error, variant: next.data?.variant }), ...next.data }
  // Like the server: a refused first connection is recorded as failed; a working connection is left alone.
  if (firstConnection && (api.view.state === 'disconnected' || api.view.state === 'failed')) {
    api.view = { state: 'failed', keyType: api.view.keyType, environment: api.view.environment, problem: { code: data.code, ...data.variant && { variant: data.variant }, message: data.message, action: data.action } }
  }
  setResponseStatus(event, ERROR_STATUS[next.error])
  return { statusCode: ERROR_STATUS[next.error], statusMessage: next.error, message: data.message, data }
}

function changing(method: string, path: string, hasBody = method !== 'GET' && method !== 'DELETE' && !path.endsWith('/verify')) {
  return defineEventHandler(async (event) => {
    const body = hasBody ? await readBody(event) : undefined
    api.calls.push({ method, path, body, query: getQuery(event) })
    if (api.gate) await api.gate
    return answer(event, method === 'POST' && path === ROUTE, api.answers.shift())
  })
}

registerEndpoint(ROUTE, {
  method: 'GET',
  handler: defineEventHandler((event) => {
    api.calls.push({ method: 'GET', path: ROUTE, query: getQuery(event) })
    return api.view
  }),
})
registerEndpoint(ROUTE, { method: 'POST', handler: changing('POST', ROUTE) })
registerEndpoint(ROUTE, { method: 'PUT', handler: changing('PUT', ROUTE) })
registerEndpoint(ROUTE, { method: 'DELETE', handler: changing('DELETE', ROUTE) })
registerEndpoint(`${ROUTE}/verify`, { method: 'POST', handler: changing('POST', `${ROUTE}/verify`) })
registerEndpoint(ROUTES.standby, { method: 'DELETE', handler: changing('DELETE', ROUTES.standby) })
registerEndpoint(ROUTES.leakDrill, { method: 'POST', handler: changing('POST', ROUTES.leakDrill, false) })
registerEndpoint(ROUTES.leakDrillVerify, { method: 'POST', handler: changing('POST', ROUTES.leakDrillVerify, false) })
// "Is this the key in use?": matches when the key is VALID_KEY (the key the scripted connection uses).
registerEndpoint(`${ROUTE}/compare`, {
  method: 'POST',
  handler: defineEventHandler(async (event) => {
    const body = await readBody(event)
    api.calls.push({ method: 'POST', path: `${ROUTE}/compare`, body })
    const next = api.answers.shift()
    return next ? answer(event, false, next) : { matches: body?.apiKey === VALID_KEY }
  }),
})
registerEndpoint(`${ROUTE}/events`, {
  method: 'GET',
  handler: defineEventHandler((event) => {
    api.eventReads++
    if (api.events) return { events: api.events }
    setResponseStatus(event, 500)
    return { statusCode: 500, message: 'Internal Server Error', data: { code: 'internal_error', ...errorWords(en.errors, { code: 'internal_error' }) } }
  }),
})
