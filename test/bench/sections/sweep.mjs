// Linear to 100,000 tenants: connected tenants seeded straight into the storage (fs, then Redis), then the
// background check with the fake answering after 20 ms and concurrency 32. Wall time against the ideal
// (tenants × 20 ms ÷ 32), time per tenant at each size, the server's peak RSS and the upstream calls; then the
// largest size again with the README's memory settings for many tenants.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import { promisify } from 'node:util'
import { join } from 'node:path'
import { basicFixture, figure, fmt, jiti, loadFake, loadVault, ratio, root, startServer } from '../support.mjs'

const execFileAsync = promisify(execFile)
const LATENCY_MS = 20
const CONCURRENCY = 32
// The README's settings for many tenants: V8's young generation and glibc's per-thread arenas, which a long sweep
// grows to the machine's defaults (64 MB semi-spaces on a 24 GiB machine), capped.
const MANY_TENANTS_MEMORY = { semiSpaceMb: 8, mallocArenas: 2 }

/**
 * The server's environment for `memory`: `heapMb` caps V8's old generation (peak RSS then tells retained memory from
 * garbage not yet collected), `semiSpaceMb` its young generation, `mallocArenas` glibc's arenas.
 */
function memoryEnv({ heapMb, semiSpaceMb, mallocArenas }) {
  const nodeOptions = [heapMb && `--max-old-space-size=${heapMb}`, semiSpaceMb && `--max-semi-space-size=${semiSpaceMb}`].filter(Boolean).join(' ')
  return { ...(nodeOptions && { NODE_OPTIONS: nodeOptions }), ...(mallocArenas && { MALLOC_ARENA_MAX: String(mallocArenas) }) }
}

function describeMemory(memory) {
  return Object.entries(memoryEnv(memory)).map(([name, value]) => `${name}=${value}`).join(', ')
}

export async function run({ sizes, only, serverHeapMb, serverSemiSpaceMb, serverMallocArenas }) {
  const { createFakePleo, DEMO_KEYS } = await loadFake()
  const { demoKeyEntry } = await jiti.import(join(root, 'test/support/keys.ts'))
  const { encodeTenantId } = await jiti.import(join(root, 'src/runtime/server/lib/tenant-id.ts'))
  const { startRedisServer } = await jiti.import(join(root, 'test/support/redis-server.ts'))
  const vault = await loadVault()
  const pleo = createFakePleo({ keys: [{ ...demoKeyEntry('integratedA'), latencyMs: LATENCY_MS, existingInstallation: { status: 'ACTIVATED' } }] })
  // Every call counted here: the fake keeps only its last thousand records.
  let upstreamCalls = 0
  // When the check's first call reached the fake: how long the workers waited for the first page of the listing.
  let firstCallAt
  const counting = createServer((req, res) => {
    if (req.url?.includes('/v1/')) {
      upstreamCalls++
      firstCallAt ??= performance.now()
    }
    pleo.handler(req, res)
  })
  await new Promise(resolve => counting.listen(0, '127.0.0.1', resolve))
  const pleoUrl = `http://127.0.0.1:${counting.address().port}`

  // The calls alone, in a process of their own: what the same GETs cost with no module around them, in time
  // (the floor this machine and the fake allow) and in memory.
  const callsAlone = async (calls) => {
    const { stdout } = await execFileAsync(process.execPath, [join(root, 'test/bench/fetch-baseline.mjs'), pleoUrl, String(calls), String(CONCURRENCY)], { maxBuffer: 1 << 20, env: { ...process.env, PLEO_AUTHORIZATION: `Basic ${Buffer.from(`${DEMO_KEYS.integratedA}:`).toString('base64')}` } })
    return JSON.parse(stdout.trim())
  }

  const backends = [
    {
      name: 'fs',
      start: async () => ({ env: {}, stop: async () => {} }),
      // Each record is a file under .data/pleo-connect/connections, as the fs driver writes it.
      async readTemplate(app, tenant) {
        return JSON.parse(await readFile(join(app.cwd, '.data/pleo-connect/connections', encodeTenantId(tenant)), 'utf8'))
      },
      async seed(app, entries) {
        const dir = join(app.cwd, '.data/pleo-connect/connections')
        await mkdir(dir, { recursive: true })
        for (let i = 0; i < entries.length; i += 500) {
          await Promise.all(entries.slice(i, i + 500).map(([tenant, stored]) => writeFile(join(dir, encodeTenantId(tenant)), JSON.stringify(stored))))
        }
        // On disk before the clock starts: records are written long before a check runs, and the kernel writing
        // back the just-seeded files would otherwise compete with the check's own writes.
        await execFileAsync('sync')
        return (await readdir(dir)).length
      },
    },
    {
      name: 'Redis',
      async start() {
        const redis = await startRedisServer()
        const { default: Redis } = await import('ioredis')
        this.client = new Redis(redis.url)
        return { env: { FIXTURE_REDIS_URL: redis.url }, stop: async () => {
          this.client.disconnect()
          await redis.stop()
        } }
      },
      async readTemplate(_app, tenant) {
        return JSON.parse(await this.client.get(`pleo:connections:${encodeTenantId(tenant)}`))
      },
      async seed(_app, entries) {
        for (let i = 0; i < entries.length; i += 1000) {
          const batch = this.client.pipeline()
          for (const [tenant, stored] of entries.slice(i, i + 1000)) batch.set(`pleo:connections:${encodeTenantId(tenant)}`, JSON.stringify(stored))
          await batch.exec()
        }
        return this.client.dbsize()
      },
    },
  ]

  // What each server runs with: the flags given on the command line for every size, then (unless flags were given) the
  // largest size again with the README's settings for many tenants, side by side with V8's and glibc's defaults.
  const asked = { heapMb: serverHeapMb, semiSpaceMb: serverSemiSpaceMb, mallocArenas: serverMallocArenas }
  const flagsGiven = Object.values(asked).some(Boolean)
  const runs = [...sizes.map(size => ({ size, memory: asked })), ...(flagsGiven ? [] : [{ size: Math.max(...sizes), memory: MANY_TENANTS_MEMORY, sized: true }])]

  /** Seeds `size` connected tenants, runs the check once and prints its figure. */
  async function measure(backend, { size, memory, sized }, alone) {
    const storage = await backend.start()
    const encryptionKey = vault.generateEncryptionKey()
    const keyring = vault.parseKeyring(encryptionKey)
    const app = await startServer(basicFixture(), {
      NUXT_PLEO_CONNECT_BASE_URL: pleoUrl,
      NUXT_PLEO_CONNECT_ENCRYPTION_KEY: encryptionKey,
      NUXT_PLEO_CONNECT_KEY_TYPE: 'integrated',
      NUXT_PLEO_CONNECT_HEALTH_CHECK_CONCURRENCY: String(CONCURRENCY),
      NUXT_PLEO_CONNECT_TIMEOUT: '10000',
      ...memoryEnv(memory),
      ...storage.env,
    })
    try {
      // One tenant connected through the API gives the record every seeded tenant copies, with its own seal.
      const connected = await fetch(`${app.base}/api/_pleo-connect/connection`, { method: 'POST', headers: { 'content-type': 'application/json', 'origin': app.base, 'x-test-tenant': 'tenant-0' }, body: JSON.stringify({ apiKey: DEMO_KEYS.integratedA }) }).then(r => r.json())
      if (connected.state !== 'connected') throw new Error(`could not connect the template tenant: ${JSON.stringify(connected)}`)
      const template = await backend.readTemplate(app, 'tenant-0')
      const entries = []
      for (let i = 1; i < size; i++) {
        const tenant = `tenant-${i}`
        entries.push([tenant, { ...template, value: { ...template.value, sealedKey: vault.sealSecret(keyring, tenant, DEMO_KEYS.integratedA) } }])
      }
      await backend.seed(app, entries)
      entries.length = 0
      upstreamCalls = 0
      firstCallAt = undefined
      const peakBeforeMb = app.peakRssMb()
      const started = performance.now()
      const report = await fetch(`${app.base}/api/host/health-check`, { method: 'POST', signal: AbortSignal.timeout(30 * 60_000) }).then(r => r.json())
      const wallMs = performance.now() - started
      const firstCallMs = firstCallAt - started
      const peakMb = app.peakRssMb()
      const ideal = size * LATENCY_MS / CONCURRENCY
      const calls = upstreamCalls
      alone ??= await callsAlone(size)
      const settings = sized ? `, with the README's memory settings for many tenants (${describeMemory(memory)})` : flagsGiven ? `, server run with ${describeMemory(memory)}` : ''
      figure('sweep', 'P23', `background check of ${size.toLocaleString('en')} tenants on ${backend.name}${settings} (fake at ${LATENCY_MS} ms, concurrency ${CONCURRENCY}): wall ${fmt(wallMs / 1000)} s against the ideal ${fmt(ideal / 1000)} s = ${ratio(wallMs, ideal)}× (budget ≤ 1.1×; first call ${fmt(firstCallMs)} ms after the start; the same ${size.toLocaleString('en')} GETs through node:http alone, with no module, took ${fmt(alone.wallMs / 1000)} s = ${ratio(alone.wallMs, ideal)}×, so the module adds ${ratio(wallMs, alone.wallMs)}×), ${fmt(wallMs / size)} ms per tenant, peak RSS ${fmt(peakMb)} MB (${fmt(peakBeforeMb)} MB before the check; budget ≤ 150 MB at 100,000; the GETs alone: ${fmt(alone.peakRssMb)} MB), ${calls.toLocaleString('en')} upstream calls for ${report.checked?.toLocaleString('en')} checked`, { backend: backend.name, tenants: size, memorySettings: sized || flagsGiven ? describeMemory(memory) : 'defaults', wallMs, idealMs: ideal, ratio: wallMs / ideal, firstCallMs, callsAloneWallMs: alone.wallMs, ratioToCallsAlone: wallMs / alone.wallMs, msPerTenant: wallMs / size, peakRssMb: peakMb, peakRssBeforeMb: peakBeforeMb, callsAlonePeakRssMb: alone.peakRssMb, upstreamCalls: calls, checked: report.checked })
      return { size, wallMs, alone }
    }
    finally {
      await app.stop()
      await storage.stop()
    }
  }

  try {
    for (const backend of backends) {
      if (only?.backend && !backend.name.toLowerCase().startsWith(only.backend)) continue
      const rows = []
      for (const run of runs) {
        // The sized run is compared with the same GETs alone as the default run of its size.
        const row = await measure(backend, run, run.sized ? rows.find(row => row.size === run.size)?.alone : undefined)
        if (!run.sized) rows.push(row)
      }
      const perTenant = rows.map(row => fmt(row.wallMs / row.size)).join(' → ')
      console.log(`${backend.name}: ms per tenant by size (${rows.map(row => row.size).join(', ')}): ${perTenant}`)
    }
  }
  finally {
    await new Promise(resolve => counting.close(resolve))
    counting.closeAllConnections()
  }
}
