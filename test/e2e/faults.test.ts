import { afterAll, describe, expect, it } from 'vitest'
import { createFakePleo, type FakePleo } from '../../src/fake'
import { keyHint } from '../../src/runtime/shared/key-hint'
import { newEncryptionKey, sameOrigin, startApp, type AppServer } from '../support/app-server'
import { findKeyLeaks } from '../support/canary'
import { seedCanary, waitFor } from '../support/keys'
import { startRedisServer, type RedisServer } from '../support/redis-server'
import { ROUTE } from '../support/scenario'
import { figure } from '../support/figures'

// Faults, not bad input: the process killed in the middle of a replacement, and Redis restarted under requests.

let pleo: FakePleo
let pleoUrl: string
let closePleo: (() => Promise<void>) | undefined
const running: AppServer[] = []
const submittedKeys = new Set<string>()

async function fake() {
  if (!pleo) {
    pleo = createFakePleo()
    const listening = await pleo.listen(0)
    pleoUrl = listening.url
    closePleo = listening.close
  }
  return pleoUrl
}

async function app(env: Record<string, string>, cwd?: string) {
  const server = await startApp({ NUXT_PLEO_CONNECT_BASE_URL: await fake(), ...env }, cwd)
  running.push(server)
  return server
}

function call(server: AppServer, method: string, path: string, body?: { apiKey?: string }) {
  if (body?.apiKey) submittedKeys.add(body.apiKey)
  return server.request(path, sameOrigin(server, method, body))
}

afterAll(async () => {
  for (const server of running) {
    for (const key of submittedKeys) expect(findKeyLeaks(server.output(), key), 'server output').toEqual([])
    await server.stop()
  }
  await closePleo?.()
})

describe('a server killed (SIGKILL) in the middle of a replacement', () => {
  it('leaves the old key or the new one in force, never a mixed or empty record, in 20 trials', { timeout: 120_000 }, async () => {
    const env = { NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey() }
    let server = await app(env)
    const cwd = server.cwd
    const first = seedCanary(pleo, 'valid', { existingInstallation: { status: 'ACTIVATED' } })
    expect((await call(server, 'POST', ROUTE, { apiKey: first })).body.state).toBe('connected')
    const keyByCase = new Map([[`canary like valid`, first]])
    let inForce = first
    const outcomes = { old: 0, new: 0, mixed: 0 }
    for (let trial = 0; trial < 20; trial++) {
      const label = `replacement ${trial}`
      const next = seedCanary(pleo, 'validSameCompany', { case: label, latencyMs: 15 })
      keyByCase.set(label, next)
      void call(server, 'PUT', ROUTE, { apiKey: next }).catch(() => undefined)
      // Somewhere between the first call to Pleo and well after the record was written.
      await new Promise(resolve => setTimeout(resolve, (trial * 37) % 140))
      await server.kill()
      server = await app(env, cwd)
      const view = (await call(server, 'GET', ROUTE)).body
      const before = pleo.requests.length
      const check = await call(server, 'POST', `${ROUTE}/verify`)
      const used = keyByCase.get(pleo.requests.slice(before).find(r => r.path.includes('/v1/'))?.keyCase ?? '')
      if (view.state !== 'connected' || check.status !== 200 || !used || keyHint(used) !== view.keyHint) outcomes.mixed++
      else if (used === inForce) outcomes.old++
      else outcomes.new++
      if (used) inForce = used
    }
    expect(outcomes.mixed).toBe(0)
    // The slot of the killed process is gone with it: the next replacement goes through at once.
    const last = seedCanary(pleo, 'validSameCompany')
    expect((await call(server, 'PUT', ROUTE, { apiKey: last })).body.state).toBe('connected')
    figure('P5', `0 mixed or empty records in 20 SIGKILL trials during a replacement (${outcomes.old} kept the old key, ${outcomes.new} the new one)`)
  })
})

describe('Redis restarted in the middle of requests', () => {
  let redis: RedisServer | undefined
  afterAll(async () => {
    await redis?.stop()
  })

  it('answers each request (or a clear storage_unavailable), loses no record, and recovers by itself', { timeout: 60_000 }, async () => {
    redis = await startRedisServer({ persistent: true })
    const server = await app({ NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey(), FIXTURE_REDIS_URL: redis.url })
    const apiKey = seedCanary(pleo, 'valid', { existingInstallation: { status: 'ACTIVATED' } })
    const connected = (await call(server, 'POST', ROUTE, { apiKey })).body
    expect(connected.state).toBe('connected')

    const statuses: Array<{ status: number, code?: string }> = []
    let stop = false
    const load = (async () => {
      while (!stop) {
        const response = await call(server, 'GET', ROUTE)
        statuses.push({ status: response.status, code: response.body?.data?.code })
      }
    })()
    await waitFor(() => statuses.length > 5, 'requests to flow')
    await redis.restart()
    await waitFor(() => statuses.length > 50, 'requests after the restart', 30_000)
    stop = true
    await load

    const unexpected = statuses.filter(({ status, code }) => status !== 200 && !(status === 503 && code === 'storage_unavailable'))
    expect(unexpected).toEqual([])
    expect(statuses.at(-1)!.status).toBe(200)
    expect((await call(server, 'GET', ROUTE)).body).toMatchObject({ state: 'connected', keyHint: connected.keyHint, company: connected.company })
    expect((await call(server, 'POST', `${ROUTE}/verify`)).status).toBe(200)
    figure('P6', `Redis restarted under ${statuses.length} reads: ${statuses.filter(s => s.status === 200).length} answered, ${statuses.filter(s => s.status === 503).length} storage_unavailable, 0 other errors, 0 records lost`)
  })
})
