import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFakePleo, DEMO_KEYS, type FakePleo } from '../../src/fake'
import { keyHint } from '../../src/runtime/shared/key-hint'
import { newEncryptionKey, sameOrigin, startApp, type AppServer } from '../support/app-server'
import { canaryKey, findKeyLeaks } from '../support/canary'
import { reseed, seedCanary, waitFor } from '../support/keys'
import { startRedisServer } from '../support/redis-server'
import { startRedisCluster } from '../support/redis-cluster'
import { ROUTE } from '../support/scenario'
import { figure } from '../support/figures'

// Two instances of the fixture app behind one (imaginary) load balancer, sharing a Redis storage and the
// encryption key, in front of one fake Pleo. Everything runs against one Redis and again against a three-node
// Redis Cluster, where a script touching keys of two hash slots would fail.
interface SharedRedis {
  /** How the fixture app reaches it (see test/fixtures/basic/server/plugins/redis-storage.ts). */
  env: Record<string, string>
  dump: () => Promise<string>
  stop: () => Promise<void>
}

const BACKENDS: Array<{ name: string, start: () => Promise<SharedRedis> }> = [
  {
    name: 'one Redis',
    async start() {
      const redis = await startRedisServer()
      return { env: { FIXTURE_REDIS_URL: redis.url }, dump: redis.dump, stop: redis.stop }
    },
  },
  {
    name: 'a three-node Redis Cluster',
    async start() {
      const cluster = await startRedisCluster(3)
      return { env: { FIXTURE_REDIS_CLUSTER: cluster.nodes.map(node => `${node.host}:${node.port}`).join(',') }, dump: cluster.dump, stop: cluster.stop }
    },
  },
]

let pleo: FakePleo
let closePleo: (() => Promise<void>) | undefined
let pleoUrl: string
let instances: AppServer[] = []
const submittedKeys = new Set<string>()

beforeAll(async () => {
  pleo = createFakePleo()
  const listening = await pleo.listen(0)
  closePleo = listening.close
  pleoUrl = listening.url
})

afterAll(async () => {
  await closePleo?.()
})

/** A module route on one instance, as the app's own page would call it. */
async function call(instance: number, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const app = instances[instance]!
  const apiKey = (body as { apiKey?: string } | undefined)?.apiKey
  if (apiKey) submittedKeys.add(apiKey)
  const response = await app.request(path, sameOrigin(app, method, body, headers))
  for (const key of submittedKeys) expect(findKeyLeaks(response.text, key), `${method} ${path} response`).toEqual([])
  return response
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
const introspections = () => pleo.requests.filter(r => r.path.endsWith('/v1/introspect')).length

describe.each(BACKENDS)('on $name', ({ name, start }) => {
  let redis: SharedRedis
  let redisEnv: Record<string, string>

  beforeAll(async () => {
    redis = await start()
    // A Pleo timeout far above the fake's latencies: on a loaded CI machine, 100 submits at once can keep an
    // instance's event loop busy past the fixture's 1.5 s, which would fail the one validation the tests watch.
    redisEnv = { NUXT_PLEO_CONNECT_BASE_URL: pleoUrl, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey(), NUXT_PLEO_CONNECT_TIMEOUT: '10000', ...redis.env }
    instances = await Promise.all([startApp(redisEnv), startApp(redisEnv)])
  })

  afterEach(async () => {
    await call(0, 'DELETE', ROUTE)
    pleo.reset()
  })

  afterAll(async () => {
    if (instances.length) {
      // Nothing either instance logged or stored in Redis may contain a submitted key.
      const stored = await redis.dump()
      expect(stored).toContain('pleo:events:')
      for (const key of submittedKeys) {
        for (const app of instances) expect(findKeyLeaks(app.output(), key), 'server output').toEqual([])
        expect(findKeyLeaks(stored, key), 'redis').toEqual([])
      }
    }
    await Promise.all(instances.map(app => app.stop()))
    instances = []
    await redis?.stop()
  })

  describe('two instances sharing Redis', () => {
    it('100 concurrent submits for one tenant, split over both instances, make exactly 1 validation upstream', async () => {
      // Each call to Pleo takes 300 ms, so every submit arrives while the first validation runs.
      const apiKey = seedCanary(pleo, 'valid', { latencyMs: 300 })
      const submits = Array.from({ length: 100 }, (_, i) => call(i % 2, 'POST', ROUTE, { apiKey }, { 'x-test-actor': 'erin@example.test' }))
      await waitFor(() => pleo.inFlight() > 0, 'the validation to reach Pleo')
      // Whichever instance validates, both show it.
      expect((await call(0, 'GET', ROUTE)).body.state).toBe('validating')
      expect((await call(1, 'GET', ROUTE)).body.state).toBe('validating')
      const results = await Promise.all(submits)

      const ok = results.filter(r => r.status === 200)
      const busyPerInstance = [0, 1].map(instance => results.filter((r, i) => i % 2 === instance && r.status === 409 && r.body.data.code === 'busy').length)
      expect(ok).toHaveLength(1)
      expect(busyPerInstance[0]! + busyPerInstance[1]!).toBe(99)
      expect(busyPerInstance.every(count => count >= 49)).toBe(true)
      expect(introspections()).toBe(1)
      for (const instance of [0, 1]) {
        expect((await call(instance, 'GET', ROUTE)).body).toMatchObject({ state: 'connected', keyHint: keyHint(apiKey) })
      }
      figure('P7', `upstream validations for 100 concurrent same-tenant submits over 2 instances on ${name} = ${introspections()} (1 connected, ${busyPerInstance.join(' + ')} busy)`)
    })

    it('concurrent replacements, checks and health checks across instances never leave the stored key and its hint apart', async () => {
      expect((await call(0, 'POST', ROUTE, { apiKey: DEMO_KEYS.valid })).body.state).toBe('connected')
      // The fake tells which key a request used by its case label.
      const keyByCase = new Map<string, string>([['valid, no installation yet', DEMO_KEYS.valid]])
      const rounds = 10
      let replaced = 0
      let refusedBusy = 0
      let mismatches = 0
      for (let round = 0; round < rounds; round++) {
        const keys = Array.from({ length: 10 }, (_, i) => {
          const label = `round ${round} key ${i}`
          const key = seedCanary(pleo, 'valid', { case: label, latencyMs: 20 + 10 * (i % 4) })
          keyByCase.set(label, key)
          return key
        })
        // Spread over 200 ms, so some replacements start after others finished and race their writes.
        const later = <T>(send: () => Promise<T>) => sleep(Math.random() * 200).then(send)
        const racing = await Promise.all([
          ...keys.map((apiKey, i) => later(() => call(i % 2, 'PUT', ROUTE, { apiKey }))),
          later(() => call(round % 2, 'POST', `${ROUTE}/verify`)),
          later(() => instances[(round + 1) % 2]!.request('/api/host/health-check', { method: 'POST' })),
        ])
        const puts = racing.slice(0, keys.length)
        expect(puts.every(r => r.status === 200 || (r.status === 409 && r.body.data.code === 'busy'))).toBe(true)
        expect(racing.at(-1)!.status).toBe(200)
        replaced += puts.filter(r => r.status === 200).length
        refusedBusy += puts.filter(r => r.status === 409).length

        // Both instances show the same hint, and the key each of them really sends to Pleo is the one it names.
        const views = await Promise.all([0, 1].map(instance => call(instance, 'GET', ROUTE)))
        expect(views[0]!.body).toEqual(views[1]!.body)
        for (const instance of [0, 1]) {
          const before = pleo.requests.length
          expect((await call(instance, 'POST', `${ROUTE}/verify`)).status).toBe(200)
          const inForce = keyByCase.get(pleo.requests.slice(before).find(r => r.path.includes('/v1/'))!.keyCase!)
          if (!inForce || keyHint(inForce) !== views[instance]!.body.keyHint) mismatches++
        }
      }
      expect(replaced).toBeGreaterThan(0)
      expect(mismatches).toBe(0)
      figure('P6', `0 hint/key mismatches in ${rounds * 2} checks after ${rounds} rounds of 10 concurrent replacements + a verify + a health check over 2 instances on ${name} (${replaced} replaced, ${refusedBusy} busy)`)
    })

    it('a write answered by one instance is what the other reads next: 0 stale reads in 30 replacements', async () => {
      expect((await call(0, 'POST', ROUTE, { apiKey: DEMO_KEYS.valid })).body.state).toBe('connected')
      let stale = 0
      for (let i = 0; i < 30; i++) {
        const written = await call(i % 2, 'PUT', ROUTE, { apiKey: seedCanary(pleo, 'valid') })
        expect(written.status).toBe(200)
        const read = await call((i + 1) % 2, 'GET', ROUTE)
        if (read.body.keyHint !== written.body.keyHint || read.body.state !== written.body.state || read.body.lastVerifiedAt !== written.body.lastVerifiedAt) stale++
      }
      expect(stale).toBe(0)
      figure('P6', `read after write over 2 instances on ${name}: 0 stale reads in 30 replacements, each read on the other instance`)
    })

    it('the failed-attempt limit holds across instances, in sequence and in bursts, whatever X-Forwarded-For says', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) {
        const { status, body } = await call(i % 2, 'POST', ROUTE, { apiKey: canaryKey() }, { 'x-test-actor': 'mallory@example.test', 'x-forwarded-for': `10.0.0.${i}` })
        statuses.push(status)
        if (status === 429) expect(body.data).toMatchObject({ code: 'too_many_attempts', retryAfter: expect.any(Number) })
      }
      expect(statuses.filter(status => status === 401)).toHaveLength(5)
      expect(statuses.filter(status => status === 429)).toHaveLength(15)
      expect(introspections()).toBe(5)

      const before = introspections()
      const outcomes: Record<number, number> = {}
      for (let burst = 0; burst < 10; burst++) {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2, 'POST', ROUTE, { apiKey: canaryKey() }, { 'x-test-actor': 'trudy@example.test', 'x-forwarded-for': `10.1.${burst}.${i}` })))
        for (const { status } of results) outcomes[status] = (outcomes[status] ?? 0) + 1
      }
      const burstCalls = introspections() - before
      expect(burstCalls).toBe(5)
      expect(Object.keys(outcomes).sort()).toEqual(['401', '409', '429'])

      const other = await call(1, 'POST', ROUTE, { apiKey: DEMO_KEYS.valid }, { 'x-test-actor': 'alice@example.test' })
      expect(other.body.state).toBe('connected')
      figure('P7', `attempt limit (5) over 2 instances on ${name}: 5 upstream calls for 20 sequential bad submits alternating instances (220 distinct spoofed X-Forwarded-For values in the test), ${burstCalls} for 200 bad submits in 10 bursts of 20 over 2 instances (${outcomes[401]} refused by Pleo, ${outcomes[409]} busy, ${outcomes[429]} too_many_attempts)`)
    })
  })

  describe('the scheduled check across two instances sharing Redis', () => {
    it('runs once per schedule for the fleet, so an expiring key sends one warning, not one per instance', async () => {
      const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
      const apiKey = seedCanary(pleo, 'valid', { existingInstallation: { status: 'ACTIVATED' } })
      expect((await call(0, 'POST', ROUTE, { apiKey, keyExpiresAt: soon })).body.state).toBe('connected')
      // Both instances' schedulers fire for the same minute; keep this clear of a minute boundary.
      if (new Date().getUTCSeconds() > 50) await sleep((61 - new Date().getUTCSeconds()) * 1000)
      const installationReads = () => pleo.requests.filter(r => r.method === 'GET' && r.path.endsWith('/v1/installations/me')).length
      const before = installationReads()
      const scheduled = (instance: number) => instances[instance]!.request('/api/host/health-check?scheduled=1', { method: 'POST' })
      // Both at once, then both again for the same minute (Nitro shares one running task per process, so one call each).
      const runs = [...await Promise.all([scheduled(0), scheduled(1)]), ...await Promise.all([scheduled(0), scheduled(1)])]
      expect(runs.map(run => run.status)).toEqual([200, 200, 200, 200])
      const ran = runs.filter(run => run.body.checked !== undefined)
      expect(ran).toHaveLength(1)
      expect(runs.slice(2).map(run => run.body.skipped)).toEqual(['ran-elsewhere', 'ran-elsewhere'])
      expect(installationReads() - before).toBe(1)

      const hookNames = async (instance: number) => ((await instances[instance]!.request('/api/host/hook-log')).body as Array<{ name: string }>).map(entry => entry.name)
      const warnings = [...await hookNames(0), ...await hookNames(1)].filter(name => name === 'pleo-connect:key-expiring')
      expect(warnings).toHaveLength(1)

      // An operator's run on demand is not a scheduled one: it runs (the lease is free again) but warns no second time.
      const manual = await instances[1]!.request('/api/host/health-check', { method: 'POST' })
      expect(manual.body.checked).toBe(1)
      expect([...await hookNames(0), ...await hookNames(1)].filter(name => name === 'pleo-connect:key-expiring')).toHaveLength(1)
      figure('P13', `scheduled check over 2 instances on ${name}: 4 scheduled runs over 2 instances → ${ran.length} ran, ${runs.length - ran.length} skipped, ${warnings.length} key-expiring warning`)
    })
  })

  describe('an incident across two instances', () => {
    it('calls failing on both instances open one incident, resolve it once, and every failed call is handed back', async () => {
      const apiKey = seedCanary(pleo, 'valid', { existingInstallation: { status: 'ACTIVATED' } })
      expect((await call(0, 'POST', ROUTE, { apiKey })).body.state).toBe('connected')
      const logs = async () => [...(await instances[0]!.request('/api/host/hook-log')).body, ...(await instances[1]!.request('/api/host/hook-log')).body] as Array<{ name: string, payload: { incidentId: string, blockedWork: { calls: number } } }>
      const count = async (name: string) => (await logs()).filter(entry => entry.name === name)
      const before = { opened: (await count('pleo-connect:incident-opened')).length, resolved: (await count('pleo-connect:incident-resolved')).length }
      pleo.revoke(apiKey)
      const fail = (instance: number) => instances[instance]!.request('/api/host/pleo-call', sameOrigin(instances[instance]!, 'POST', { path: '/v1/export-jobs', method: 'POST' }))
      // 10 rounds of one call on each instance at once, then 5 more on each.
      for (let round = 0; round < 10; round++) expect((await Promise.all([fail(0), fail(1)])).map(r => r.status)).toEqual([401, 401])
      for (let round = 0; round < 5; round++) expect((await Promise.all([fail(0), fail(1)])).map(r => r.status)).toEqual([401, 401])
      // Each instance writes its count within 2 s; host code asking for the list has it written at once.
      const blocked = async (instance: number) => (await instances[instance]!.request('/api/host/blocked-work')).body as { blockedWork: { calls: number } }
      await blocked(0)
      expect((await blocked(1)).blockedWork.calls).toBe(30)
      const open = (await call(1, 'GET', ROUTE)).body
      expect(open.state).toBe('action_required')
      expect(open.incident.blockedWork.calls).toBe(30)

      reseed(pleo, apiKey, 'valid', { existingInstallation: { status: 'ACTIVATED' } })
      expect((await instances[1]!.request('/api/host/health-check', { method: 'POST' })).body).toMatchObject({ ok: 1 })
      const opened = (await count('pleo-connect:incident-opened')).slice(before.opened)
      const resolved = (await count('pleo-connect:incident-resolved')).slice(before.resolved)
      expect(opened).toHaveLength(1)
      expect(resolved).toHaveLength(1)
      expect(resolved[0]!.payload).toMatchObject({ incidentId: open.incident.id, blockedWork: { calls: 30 } })
      figure('P12', `an incident over 2 instances on ${name}: 30 failed calls (15 per instance) → ${opened.length} incident-opened, ${resolved.length} resolved, ${resolved[0]!.payload.blockedWork.calls} calls handed back`)
    })
  })

  describe('one company per tenant across two instances (Integrated keys)', () => {
    it('two tenants submitting keys of the same company at once, on different instances: 0 double claims in 100 trials', { timeout: 120_000 }, async () => {
      const env = { ...redisEnv, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey(), NUXT_PLEO_CONNECT_KEY_TYPE: 'integrated' }
      const pair = await Promise.all([startApp(env), startApp(env)])
      const submit = (instance: number, tenant: string, apiKey: string) => {
        const app = pair[instance]!
        submittedKeys.add(apiKey)
        return app.request(ROUTE, sameOrigin(app, 'POST', { apiKey }, { 'x-test-tenant': tenant }))
      }
      const disconnect = (instance: number, tenant: string) => pair[instance]!.request(ROUTE, sameOrigin(pair[instance]!, 'DELETE', undefined, { 'x-test-tenant': tenant }))
      try {
        let doubleClaims = 0
        let refusedAsHeld = 0
        let otherOutcomes = 0
        for (let trial = 0; trial < 100; trial++) {
          // Two keys of one company, with a little jitter so the two validations overlap in every order.
          const keys = [0, 1].map(i => seedCanary(pleo, 'integratedA', { latencyMs: (trial * 7 + i * 13) % 20 }))
          const [a, b] = await Promise.all([submit(0, `race-a-${trial}`, keys[0]!), submit(1, `race-b-${trial}`, keys[1]!)])
          const connected = [a, b].filter(r => r.status === 200 && r.body.state === 'connected').length
          if (connected > 1) doubleClaims++
          refusedAsHeld += [a, b].filter(r => r.status === 409 && r.body.data.code === 'key_other_company' && r.body.data.variant === 'held_elsewhere').length
          if (connected + [a, b].filter(r => r.status === 409).length !== 2) otherOutcomes++
          await Promise.all([disconnect(0, `race-a-${trial}`), disconnect(1, `race-b-${trial}`)])
        }
        expect(doubleClaims).toBe(0)
        expect(otherOutcomes).toBe(0)
        expect(refusedAsHeld).toBe(100)
        figure('P14', `company claims over 2 instances on ${name}: 0 double claims in 100 trials of two tenants submitting one company's keys at once on two instances (${refusedAsHeld} refused as held by another account)`)
      }
      finally {
        await Promise.all(pair.map(app => app.stop()))
      }
    })
  })
})

describe('two instances sharing an fs directory', () => {
  it('a write answered by one instance is what the other reads next, also while the other serves a parsed copy', { timeout: 60_000 }, async () => {
    const env = { NUXT_PLEO_CONNECT_BASE_URL: pleoUrl, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey() }
    const first = await startApp(env)
    const second = await startApp(env, first.cwd)
    instances = [first, second]
    // A record file is trusted by its stamp once it is a second old (see storage/atomic-fs.mjs).
    const settled = () => sleep(1100)
    try {
      expect((await call(0, 'POST', ROUTE, { apiKey: DEMO_KEYS.valid })).body.state).toBe('connected')
      let stale = 0
      const rounds = 8
      for (let i = 0; i < rounds; i++) {
        // The reader's copy is settled and warm; the other instance replaces the key; the reader reads at once,
        // or after the new file has settled too (then only the file's stamp tells that it changed).
        await settled()
        await call((i + 1) % 2, 'GET', ROUTE)
        const written = await call(i % 2, 'PUT', ROUTE, { apiKey: seedCanary(pleo, 'valid') })
        expect(written.status).toBe(200)
        if (i % 2) await settled()
        const read = await call((i + 1) % 2, 'GET', ROUTE)
        if (read.body.keyHint !== written.body.keyHint || read.body.state !== written.body.state || read.body.lastVerifiedAt !== written.body.lastVerifiedAt) stale++
      }
      expect(stale).toBe(0)
      figure('P6', `read after write over 2 instances sharing an fs directory: 0 stale reads in ${rounds} replacements, each read on the other instance from a warm parsed copy`)
    }
    finally {
      await call(0, 'DELETE', ROUTE)
      await Promise.all([first.stop(), second.stop()])
      instances = []
      pleo.reset()
    }
  })
})

describe('negative control: two instances sharing an fs directory instead', () => {
  it('validate the same tenant twice at once, since their slots are in-process only', async () => {
    const env = { NUXT_PLEO_CONNECT_BASE_URL: pleoUrl, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey() }
    const first = await startApp(env)
    const second = await startApp(env, first.cwd)
    try {
      const apiKey = seedCanary(pleo, 'valid', { latencyMs: 300 })
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => {
        const app = i % 2 ? second : first
        return app.request(ROUTE, sameOrigin(app, 'POST', { apiKey }, { 'x-test-actor': 'erin@example.test' }))
      }))
      expect(introspections()).toBe(2)
      for (const app of [first, second]) expect(findKeyLeaks(app.output(), apiKey)).toEqual([])
      figure('P7', `negative control (fs, no Redis): upstream validations for 100 concurrent same-tenant submits over 2 instances = ${introspections()} (${results.filter(r => r.status === 200).length} answered 200)`)
    }
    finally {
      await Promise.all([first.stop(), second.stop()])
    }
  })
})
