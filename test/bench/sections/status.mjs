// The status read: GET /connection against a bare JSON route of the same app, side by side (in turns of a
// second), at 200 connections, on fs, on one Redis and on a three-node Redis Cluster (each against its own baseline).
import { join } from 'node:path'
import { runLoad, runSideBySide } from '../load.mjs'
import { basicFixture, figure, fmt, jiti, jsonHeaders, loadFake, loadVault, ratio, root, startServer } from '../support.mjs'

const line = (name, r) => console.log(`${name.padEnd(40)} req/s ${fmt(r.reqPerSec).padStart(6)}  p50 ${fmt(r.p50).padStart(6)} ms  p97.5 ${fmt(r.p975).padStart(6)} ms  p99 ${fmt(r.p99).padStart(6)} ms  non2xx ${r.non2xx}  errors ${r.errors}`)

export async function run({ durationMs, only }) {
  const { startRedisServer } = await jiti.import(join(root, 'test/support/redis-server.ts'))
  const { startRedisCluster } = await jiti.import(join(root, 'test/support/redis-cluster.ts'))
  const backends = [
    { name: 'fs', start: async () => ({ env: {}, stop: async () => {} }) },
    { name: 'Redis', start: async () => {
      const redis = await startRedisServer()
      return { env: { FIXTURE_REDIS_URL: redis.url }, stop: redis.stop }
    } },
    { name: 'Redis Cluster (3 masters)', start: async () => {
      const cluster = await startRedisCluster(3)
      return { env: { FIXTURE_REDIS_CLUSTER: cluster.nodes.map(n => `${n.host}:${n.port}`).join(',') }, stop: cluster.stop }
    } },
  ]
  const { createFakePleo, DEMO_KEYS } = await loadFake()
  const vault = await loadVault()
  const pleo = createFakePleo()
  const listening = await pleo.listen(0)
  try {
    for (const backend of backends) {
      if (only?.backend && !backend.name.toLowerCase().startsWith(only.backend)) continue
      const storage = await backend.start()
      const app = await startServer(basicFixture(), { NUXT_PLEO_CONNECT_BASE_URL: listening.url, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: vault.generateEncryptionKey(), ...storage.env })
      try {
        const connected = await fetch(`${app.base}/api/_pleo-connect/connection`, { method: 'POST', headers: jsonHeaders(app.base), body: JSON.stringify({ apiKey: DEMO_KEYS.valid }) }).then(r => r.json())
        if (connected.state !== 'connected') throw new Error(`could not connect the bench tenant on ${backend.name}`)
        // Warm both routes up first so neither pays for JIT compilation in the measured run; then take turns.
        await runLoad(`${app.base}/api/ping`, { connections: 50, durationMs: 1500 })
        await runLoad(`${app.base}/api/_pleo-connect/connection`, { connections: 50, durationMs: 1500 })
        const [baseline, view] = await runSideBySide([`${app.base}/api/ping`, `${app.base}/api/_pleo-connect/connection`], { connections: 200, durationMs })
        line(`GET /api/ping (baseline, ${backend.name})`, baseline)
        line(`GET /connection (${backend.name})`, view)
        figure('status', 'P20', `GET /connection on ${backend.name} at 200 connections: ${fmt(view.reqPerSec)} req/s = ${ratio(view.reqPerSec, baseline.reqPerSec)}× a bare JSON route's ${fmt(baseline.reqPerSec)} (budget ≥ 0.95×); p99 ${fmt(view.p99)} ms = ${ratio(view.p99, baseline.p99)}× its ${fmt(baseline.p99)} ms (budget ≤ 1.1×); non2xx ${view.non2xx}, errors ${view.errors}`, { backend: backend.name, reqPerSec: view.reqPerSec, baselineReqPerSec: baseline.reqPerSec, throughputRatio: view.reqPerSec / baseline.reqPerSec, p99: view.p99, baselineP99: baseline.p99, p99Ratio: view.p99 / baseline.p99 })
      }
      finally {
        await app.stop()
        await storage.stop()
      }
    }
  }
  finally {
    await listening.close()
  }
}
