import type { H3Event, Router } from 'h3'
import { eventHandler, getQuery, getRouterParam, setResponseHeader } from 'h3'
import type { z } from 'zod'
import { authenticate } from './auth'
import type { FakeContext } from './context'
import { sleep } from './faults'
import { FAULT_MESSAGES, sendError, sendJson } from './respond'
import { createInstallationBody, updateInstallationBody } from './schema'
import type { InstallationTarget } from './store'
import type { FakeEnvironment, FakeInstallation, FakeKey, InstallationErrorCode } from './types'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const COMPANIES_SCOPE = 'companies:read'

/** `/v1` at the root stands for production; `/production/v1` and `/staging/v1` name the environment. */
const PREFIXES: Array<[string, FakeEnvironment]> = [['', 'production'], ['/production', 'production'], ['/staging', 'staging']]

type ApiHandler = (event: H3Event, key: FakeKey) => string | null | undefined | Promise<string | null | undefined>

/** Registers Pleo's /v1 routes under each environment prefix. */
export function addApiRoutes(router: Router, ctx: FakeContext): void {
  const installations = installationRoutes(ctx)
  for (const [prefix, env] of PREFIXES) {
    const api = (handle: ApiHandler) => apiRoute(ctx, env, handle)
    router.get(`${prefix}/v1/introspect`, api((event, key) => introspect(event, key, ctx)))
    router.use(`${prefix}/v1/installations/me`, api(installations.me))
    router.post(`${prefix}/v1/installations/me:activate`, api(installations.activate))
    router.put(`${prefix}/v1/installations/completions`, api(installations.complete))
    router.get(`${prefix}/v1/companies`, api((event, key) => listCompanies(event, key, ctx)))
    router.get(`${prefix}/v1/companies/:id`, api((event, key) => getCompany(event, key, ctx)))
    router.use(`${prefix}/v1/**`, api(event => sendError(event, 404, 'No such route.')))
  }
}

/** Auth (3.3), then the key's own faults (3.6), then the route. */
function apiRoute(ctx: FakeContext, env: FakeEnvironment, handle: ApiHandler) {
  return eventHandler(async (event) => {
    const request = ctx.request(event)
    const auth = authenticate(event.node.req.headers.authorization, env, ctx.store.findKey, ctx.options)
    if (auth.key) request.record.keyCase = auth.key.case
    if (!auth.ok) return sendError(event, 401, auth.message)
    const key = auth.key

    // The answer leaves `latencyMs` after the request arrived: the fake's own reading and routing are part of it.
    if (key.latencyMs && !(await sleep(key.latencyMs - (performance.now() - request.arrivedAt), request.signal))) {
      event.node.res.end()
      return
    }
    if (key.forceStatus) {
      return sendError(event, key.forceStatus, FAULT_MESSAGES[key.forceStatus]!, retryAfter(key.forceStatus, ctx.options.retryAfterSeconds))
    }
    if (key.deniedPaths?.includes(new URL(event.node.req.url ?? '/', 'http://fake').pathname.replace(/^\/(?:production|staging)(?=\/)/, ''))) {
      return sendError(event, 403, 'The credential lacks the permission for this call.')
    }
    if (key.rateLimitPerMinute !== undefined) {
      const taken = ctx.limiter.take(key.key, key.rateLimitPerMinute)
      if (!taken.ok) return sendError(event, 429, FAULT_MESSAGES[429]!, { 'retry-after': String(taken.retryAfterSeconds) })
    }
    return handle(event, key)
  })
}

function retryAfter(status: number, seconds: number): Record<string, string> {
  return status === 429 ? { 'retry-after': String(seconds) } : {}
}

function introspect(event: H3Event, key: FakeKey, ctx: FakeContext): string {
  return sendJson(event, 200, {
    data: {
      authMethod: 'API_KEY',
      clientId: key.clientId,
      scope: key.scopes.join(' '),
      ...(key.applicationName ? { applicationName: key.applicationName } : {}),
      ...(key.introspectWithoutSubject ? {} : { subjectURN: ctx.store.subjectUrn(key) }),
    },
  })
}

function companyIdsOf(key: FakeKey): string[] {
  return key.subject.type === 'company' ? [key.subject.companyId] : key.subject.companyIds
}

function getCompany(event: H3Event, key: FakeKey, ctx: FakeContext): string {
  if (!key.scopes.includes(COMPANIES_SCOPE)) return sendError(event, 403, 'The credential lacks the scope to read companies.')
  const id = getRouterParam(event, 'id') ?? ''
  if (!UUID.test(id)) return sendError(event, 400, 'The company id must be a UUID.')
  if (!companyIdsOf(key).includes(id.toLowerCase())) return sendError(event, 403, 'The credential has no access to this company.')
  const company = ctx.store.findCompany(id.toLowerCase())
  if (!company) return sendError(event, 404, 'Company not found.')
  return sendJson(event, 200, { data: company })
}

function listCompanies(event: H3Event, key: FakeKey, ctx: FakeContext): string {
  if (!key.scopes.includes(COMPANIES_SCOPE)) return sendError(event, 403, 'The credential lacks the scope to read companies.')
  const organizationId = getQuery(event).organization_id
  if (typeof organizationId !== 'string' || !UUID.test(organizationId)) {
    return sendError(event, 400, 'organization_id is required and must be a UUID.')
  }
  if (key.subject.type !== 'organization' || key.subject.organizationId !== organizationId.toLowerCase()) {
    return sendError(event, 403, 'The credential has no access to this organisation.')
  }
  const data = key.subject.companyIds.flatMap(id => ctx.store.findCompany(id) ?? [])
  return sendJson(event, 200, {
    data,
    pagination: { currentRequestPagination: { parameters: {} }, hasNextPage: false, hasPreviousPage: false, total: data.length },
  })
}

function installationRoutes(ctx: FakeContext) {
  const { store } = ctx

  /** Which installation the call is about: `?company_id=` picks a company of an organisation key. */
  function resolveTarget(event: H3Event, key: FakeKey): InstallationTarget | string {
    const companyId = getQuery(event).company_id
    if (companyId === undefined) return store.target(key)
    if (typeof companyId !== 'string' || !UUID.test(companyId)) return sendError(event, 400, 'company_id must be a UUID.')
    const id = companyId.toLowerCase()
    if (!companyIdsOf(key).includes(id)) return sendError(event, 403, 'The credential has no access to this company.')
    return store.target(key, id)
  }

  /** A not-entitled installation can never become ACTIVATED. */
  function entitled(key: FakeKey, status: string, errorCode?: InstallationErrorCode): Pick<FakeInstallation, 'status' | 'errorCode'> {
    if (key.notEntitled && status === 'ACTIVATED') return { status: 'INACTIVE', errorCode: 'NOT_ENTITLED' }
    return { status, errorCode }
  }

  function update(where: InstallationTarget, key: FakeKey, current: FakeInstallation, fields: { status: string, errorCode?: InstallationErrorCode, metadata?: Record<string, string> }): FakeInstallation {
    const { errorCode, ...rest } = current
    const next = entitled(key, fields.status, fields.errorCode)
    return store.saveInstallation(where, key, {
      ...rest,
      status: next.status,
      metadata: fields.metadata ?? current.metadata,
      updatedAt: new Date().toISOString(),
      ...(next.errorCode ? { errorCode: next.errorCode } : {}),
    })
  }

  function parseBody<T extends z.ZodType>(event: H3Event, schema: T, required: boolean): z.infer<T> | string {
    const body = ctx.request(event).body
    if (body.kind === 'invalid') return sendError(event, 400, 'The body is not valid JSON.')
    if (body.kind === 'none' && required) return sendError(event, 400, 'A body is required.')
    const parsed = schema.safeParse(body.kind === 'json' ? body.value : {})
    return parsed.success ? parsed.data : sendError(event, 400, describeIssue(parsed.error))
  }

  function get(event: H3Event, key: FakeKey): string {
    const where = resolveTarget(event, key)
    if (typeof where === 'string') return where
    const installation = store.getInstallation(where)
    return installation ? sendJson(event, 200, installation) : sendError(event, 404, 'No installation exists.')
  }

  function create(event: H3Event, key: FakeKey): string {
    const where = resolveTarget(event, key)
    if (typeof where === 'string') return where
    const body = parseBody(event, createInstallationBody, false)
    if (typeof body === 'string') return body
    const status = body.status ?? 'ACTIVATED'
    const current = store.getInstallation(where)
    if (current) {
      if (ctx.options.postConflict === 409) return sendError(event, 409, 'An installation already exists.')
      return sendJson(event, 200, update(where, key, current, { status, metadata: body.metadata }))
    }
    const installation = store.newInstallation(where, key, { ...entitled(key, status), metadata: body.metadata ?? {} })
    return sendJson(event, 200, store.saveInstallation(where, key, installation))
  }

  function replace(event: H3Event, key: FakeKey): string {
    const where = resolveTarget(event, key)
    if (typeof where === 'string') return where
    const body = parseBody(event, updateInstallationBody, true)
    if (typeof body === 'string') return body
    const current = store.getInstallation(where)
    if (!current) return sendError(event, 404, 'No installation exists.')
    return sendJson(event, 200, update(where, key, current, body))
  }

  function remove(event: H3Event, key: FakeKey): string | null {
    const where = resolveTarget(event, key)
    if (typeof where === 'string') return where
    if (!store.deleteInstallation(where)) return sendError(event, 404, 'No installation exists.')
    return null
  }

  function activate(event: H3Event, key: FakeKey): string {
    const where = resolveTarget(event, key)
    if (typeof where === 'string') return where
    const current = store.getInstallation(where)
    if (!current) return sendError(event, 404, 'No installation exists.')
    return sendJson(event, 200, update(where, key, current, { status: 'ACTIVATED' }))
  }

  return {
    me(event: H3Event, key: FakeKey): string | null {
      switch (event.method) {
        case 'GET': return get(event, key)
        case 'POST': return create(event, key)
        case 'PUT': return replace(event, key)
        case 'DELETE': return remove(event, key)
        default: return sendError(event, 404, 'No such route.')
      }
    },
    activate,
    /** Deprecated by Pleo in favour of `me:activate`; answers like it, flagged with `Deprecation: true`. */
    complete(event: H3Event, key: FakeKey): string {
      setResponseHeader(event, 'deprecation', 'true')
      return activate(event, key)
    },
  }
}

/** The first problem in words. Names the top-level field only: deeper paths are metadata keys sent by the client. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  const field = issue?.path[0] === undefined ? 'body' : String(issue.path[0])
  return `Invalid ${field}: ${issue?.message ?? 'bad value'}.`
}
