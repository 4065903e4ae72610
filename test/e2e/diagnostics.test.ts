import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { findKeyLeaks, keyVariants } from '../support/canary'
import { reseed, seedCanary } from '../support/keys'
import { ROUTE, useScenario } from '../support/scenario'
import { ROUTES } from '../../src/runtime/shared/routes'
import { figure } from '../support/figures'
import packageJson from '../../package.json'

const nuxtPackageJson = JSON.parse(readFileSync(new URL('../../node_modules/nuxt/package.json', import.meta.url), 'utf8')) as { version: string }

// The diagnostics report an admin sends to support: its shape, its policy, what the checks and Pleo's clock put in
// it, and never a key.

const iso = z.iso.datetime()
const check = z.strictObject({
  at: iso,
  statusClass: z.enum(['2xx', '3xx', '4xx', '5xx', 'unreachable', 'timeout']),
  status: z.number().int().min(100).max(599).optional(),
  latencyMs: z.number().int().nonnegative(),
})
const incident = z.strictObject({
  id: z.string(),
  openedAt: iso,
  remindersSent: z.number().int().nonnegative(),
  evidence: z.looseObject({ failedCalls: z.number().int(), failures: z.array(z.looseObject({ operation: z.string() })) }).optional(),
  blockedWork: z.strictObject({
    calls: z.number().int().nonnegative(),
    since: iso.optional(),
    operations: z.array(z.strictObject({ operation: z.string(), count: z.number().int().positive(), firstAt: iso, lastAt: iso })),
  }),
})
const reportSchema = z.strictObject({
  format: z.literal('pleo-connect-diagnostics'),
  version: z.literal(1),
  generatedAt: iso,
  module: z.strictObject({ name: z.literal('nuxt-pleo-connect'), version: z.string() }),
  nuxt: z.strictObject({ version: z.string() }),
  node: z.strictObject({ version: z.string().startsWith('v') }),
  environment: z.enum(['production', 'staging']),
  baseUrlHost: z.string().nullable(),
  connection: z.strictObject({
    state: z.enum(['disconnected', 'validating', 'connected', 'failed', 'action_required']),
    keyType: z.enum(['standalone', 'integrated']),
    companyId: z.string().optional(),
    keyHint: z.string().regex(/^••••.{0,4}$/).optional(),
    keyFingerprint: z.string().regex(/^[\w-]{12}$/).optional(),
    installation: z.strictObject({ id: z.string(), status: z.string() }).optional(),
    connectedAt: iso.optional(),
    keyReplacedAt: iso.optional(),
    lastVerifiedAt: iso.optional(),
    keyExpiresAt: z.string().optional(),
    problem: z.looseObject({ code: z.string(), message: z.string(), action: z.string() }).optional(),
    incident: incident.optional(),
    lastIncident: incident.extend({ resolvedAt: iso }).optional(),
  }),
  stateHistory: z.array(z.strictObject({
    at: iso,
    state: z.enum(['disconnected', 'validating', 'connected', 'failed', 'action_required']),
    type: z.string(),
    code: z.string().optional(),
    variant: z.string().optional(),
  })),
  recentChecks: z.array(check).max(10),
  clock: z.strictObject({ skewMs: z.number().int(), measuredAt: iso }).nullable(),
})

describe('the diagnostics report', () => {
  const s = useScenario()
  const download = (headers?: Record<string, string>) => s.call('GET', ROUTES.diagnostics, undefined, headers)

  /** The report and everything it travelled with, searched for the key in every form. */
  async function reportFor(apiKey: string) {
    const response = await download()
    expect(response.status).toBe(200)
    const everything = [...response.headers].join('\n') + response.text
    expect(findKeyLeaks(everything, apiKey)).toEqual([])
    // Every form of the key the canary search knows, the lower-cased ones too (a support tool may fold case).
    for (const form of keyVariants(apiKey)) expect(everything.toLowerCase()).not.toContain(form.toLowerCase())
    reports++
    return { response, report: reportSchema.parse(response.body) }
  }
  let reports = 0

  it('without a connection: the versions and the host, no checks, no clock', async () => {
    const { response, report } = await reportFor(seedCanary(s.pleo))
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="pleo-connect-diagnostics-${report.generatedAt.slice(0, 10)}.json"`)
    expect(report).toMatchObject({
      module: { name: 'nuxt-pleo-connect', version: packageJson.version },
      nuxt: { version: nuxtPackageJson.version },
      // The server runs on the Node the tests run on (24 and 22 in CI).
      node: { version: process.version },
      environment: 'production',
      baseUrlHost: new URL(s.pleoUrl).host,
      connection: { state: 'disconnected', keyType: 'standalone' },
      recentChecks: [],
      clock: null,
    })
  })

  it('after checks: their status classes and latencies, Pleo\'s clock skew, the hint and fingerprint; never the key', async () => {
    const apiKey = seedCanary(s.pleo)
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    // Pleo's clock two minutes ahead of this server's.
    s.pleo.setClockSkew(120_000)
    expect((await s.call('POST', `${ROUTE}/verify`)).body.state).toBe('connected')
    reseed(s.pleo, apiKey, 'valid', { forceStatus: 503 })
    expect((await s.call('POST', `${ROUTE}/verify`)).body.problem.code).toBe('pleo_unavailable')
    // Longer than the fixture's 1.5 s timeout.
    reseed(s.pleo, apiKey, 'valid', { latencyMs: 4000 })
    expect((await s.call('POST', `${ROUTE}/verify`)).body.problem.code).toBe('pleo_unreachable')
    reseed(s.pleo, apiKey, 'valid', {})

    const { report } = await reportFor(apiKey)
    expect(report.recentChecks.map(({ statusClass, status }) => [statusClass, status])).toEqual([['2xx', 200], ['5xx', 503], ['timeout', undefined]])
    expect(report.recentChecks.at(-1)!.latencyMs).toBeGreaterThanOrEqual(1500)
    // The header counts whole seconds; the skew is that, to within a second.
    expect(report.clock!.skewMs).toBeGreaterThan(118_900)
    expect(report.clock!.skewMs).toBeLessThan(120_100)
    const view = (await s.call('GET', ROUTE)).body
    const events = (await s.call('GET', `${ROUTE}/events`)).body.events
    expect(report.connection).toMatchObject({ state: 'connected', companyId: view.company.id, keyHint: view.keyHint, keyFingerprint: events[0].keyFingerprint, connectedAt: view.connectedAt, problem: { code: 'pleo_unreachable' } })
    expect(report.stateHistory.at(-1)).toEqual({ at: expect.any(String), state: 'connected', type: 'connected' })
    // Nor the key's sealed form, as storage holds it.
    const sealed = (await s.storedText()).match(/pc1\.[\w.-]+/g) ?? []
    expect(sealed.length).toBeGreaterThan(0)
    for (const form of sealed) expect(JSON.stringify(report)).not.toContain(form)
    s.pleo.setClockSkew(0)
    await s.call('DELETE', ROUTE)
  })

  it('a key that stopped working: the state history, the problem with the evidence of the app\'s calls, the confirming check', async () => {
    const apiKey = seedCanary(s.pleo)
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    expect((await s.call('POST', '/api/host/pleo-call', { path: '/v1/introspect' })).status).toBe(200)
    s.pleo.revoke(apiKey)
    expect((await s.call('POST', '/api/host/pleo-call', { path: '/v1/introspect' })).status).toBe(401)

    const { report } = await reportFor(apiKey)
    expect(report.connection.state).toBe('action_required')
    expect(report.connection.problem).toMatchObject({ code: 'key_rejected', variant: 'stopped_working', evidence: { failedCalls: 1, failures: [{ operation: 'GET /v1/introspect', kind: 'rejected', count: 1 }] } })
    // The trail outlives a disconnect: the earlier tests' connections come first, oldest first.
    expect(report.stateHistory.map(({ state, type, code }) => [state, type, code]).slice(-3)).toEqual([['disconnected', 'disconnected', undefined], ['connected', 'connected', undefined], ['action_required', 'action_required', 'key_rejected']])
    // The confirming check of usePleoClient is recorded like any other.
    expect(report.recentChecks.map(({ statusClass, status }) => [statusClass, status])).toEqual([['4xx', 401]])

    // The incident it opened, with its evidence and the calls it blocked (by operation, never a query or a body).
    expect(report.connection.incident).toMatchObject({ remindersSent: 0, evidence: { failedCalls: 1 }, blockedWork: { operations: [{ operation: 'GET /v1/introspect' }] } })

    // The scheduled check records its own.
    await s.app.request('/api/host/health-check', { method: 'POST' })
    expect((await reportFor(apiKey)).report.recentChecks.map(({ status }) => status)).toEqual([401, 401])

    // The key works again: the incident is closed, and the report still shows it, resolved.
    reseed(s.pleo, apiKey, 'valid', {})
    expect((await s.call('POST', `${ROUTE}/verify`)).body.state).toBe('connected')
    const recovered = (await reportFor(apiKey)).report
    expect(recovered.connection.incident).toBeUndefined()
    expect(recovered.connection.lastIncident).toMatchObject({ id: report.connection.incident!.id, resolvedAt: expect.any(String) })
    expect(recovered.stateHistory.at(-1)).toMatchObject({ state: 'connected' })
    // Nor did the hooks of those checks carry the key.
    const hooks = (await s.call('GET', '/api/host/hook-log')).text
    expect(findKeyLeaks(hooks, apiKey)).toEqual([])
    await s.call('DELETE', ROUTE)
    figure('P2', `diagnostics: 0 hits of ${keyVariants(apiKey).length} key variants (also lower-cased) and of every 8-character window in ${reports} reports and their headers, and in ${hooks.length} bytes of hook payloads`)
  })

  it('keeps the last 10 checks', async () => {
    const apiKey = seedCanary(s.pleo)
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    for (let i = 0; i < 12; i++) await s.call('POST', `${ROUTE}/verify`)
    const { report } = await reportFor(apiKey)
    expect(report.recentChecks).toHaveLength(10)
    expect(report.recentChecks.every(sample => sample.statusClass === '2xx')).toBe(true)
    await s.call('DELETE', ROUTE)
  })

  it('the server util hands the host\'s code the same report', async () => {
    const apiKey = seedCanary(s.pleo)
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    await s.call('POST', `${ROUTE}/verify`)
    const fromRoute = (await reportFor(apiKey)).report
    const fromUtil = await s.call('GET', '/api/host/diagnostics')
    expect(findKeyLeaks(fromUtil.text, apiKey)).toEqual([])
    const { generatedAt: _a, ...util } = reportSchema.parse(fromUtil.body)
    const { generatedAt: _b, ...route } = fromRoute
    expect(util).toEqual(route)
    // The util asks the policy as the app's own code (action `use`): refused there, refused here.
    expect((await s.call('GET', '/api/host/diagnostics', undefined, { 'x-test-use': 'deny' })).body.data).toMatchObject({ code: 'forbidden', variant: 'use_refused' })
    await s.call('DELETE', ROUTE)
  })

  it('passes the same policy as the connection view: other sites, anonymous visitors and refused users get no report', async () => {
    const apiKey = seedCanary(s.pleo)
    expect((await s.call('POST', ROUTE, { apiKey })).body.state).toBe('connected')
    const refusals = [
      [{ 'sec-fetch-site': 'cross-site' }, 403, 'forbidden'],
      [{ 'sec-fetch-site': 'none', 'origin': 'https://attacker.example' }, 403, 'forbidden'],
      [{ 'x-test-throw': '401' }, 401, 'unauthenticated'],
      [{ 'x-test-throw': '403' }, 403, 'forbidden'],
    ] as const
    for (const [headers, status, code] of refusals) {
      const [viewAnswer, reportAnswer] = await Promise.all([s.call('GET', ROUTE, undefined, headers), download(headers)])
      expect([reportAnswer.status, reportAnswer.body.data?.code]).toEqual([status, code])
      expect([viewAnswer.status, viewAnswer.body.data?.code]).toEqual([status, code])
      expect(reportAnswer.headers.get('content-disposition')).toBeNull()
      expect(reportAnswer.text).not.toContain('pleo-connect-diagnostics')
    }
    figure('P14', `diagnostics route: ${refusals.length}/${refusals.length} refused requests answered like GET /connection, with no report`)
    await s.call('DELETE', ROUTE)
  })
})

describe('the diagnostics report without a policy in production', () => {
  const s = useScenario({ FIXTURE_POLICY: 'none' })

  it('is refused with forbidden, as every route is', async () => {
    const { status, body } = await s.call('GET', ROUTES.diagnostics)
    expect(status).toBe(403)
    expect(body.data).toMatchObject({ code: 'forbidden', variant: 'no_policy' })
  })
})

describe('the diagnostics report with one key per customer (Integrated)', () => {
  const s = useScenario({ NUXT_PLEO_CONNECT_KEY_TYPE: 'integrated' })
  const as = (tenant: string) => ({ 'x-test-tenant': tenant })

  it('is the asking tenant\'s alone: another tenant\'s company, hint, checks and history never show', async () => {
    const apiKey = seedCanary(s.pleo)
    const connected = (await s.call('POST', ROUTE, { apiKey }, as('tenant-a'))).body
    await s.call('POST', `${ROUTE}/verify`, undefined, as('tenant-a'))
    const own = reportSchema.parse((await s.call('GET', ROUTES.diagnostics, undefined, as('tenant-a'))).body)
    expect(own.connection).toMatchObject({ state: 'connected', keyType: 'integrated', companyId: connected.company.id, keyHint: connected.keyHint })
    expect(own.recentChecks).toHaveLength(1)

    const other = await s.call('GET', ROUTES.diagnostics, undefined, as('tenant-b'))
    const report = reportSchema.parse(other.body)
    expect(report.connection).toEqual({ state: 'disconnected', keyType: 'integrated' })
    expect(report.stateHistory).toEqual([])
    expect(report.recentChecks).toEqual([])
    expect(other.text).not.toContain(connected.company.id)
    expect(other.text).not.toContain(own.connection.keyFingerprint)
  })
})
