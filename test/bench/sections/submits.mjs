// 200 concurrent submits for one tenant while Pleo takes 300 ms per call: one validation upstream.
import { basicFixture, figure, fmt, jsonHeaders, loadFake, loadVault, startServer } from '../support.mjs'

export async function run() {
  const { createFakePleo, DEMO_KEYS, DEMO_SEED } = await loadFake()
  const vault = await loadVault()
  const pleo = createFakePleo()
  const listening = await pleo.listen(0)
  const app = await startServer(basicFixture(), { NUXT_PLEO_CONNECT_BASE_URL: listening.url, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: vault.generateEncryptionKey(), NUXT_PLEO_CONNECT_TIMEOUT: '5000' })
  try {
    const slowKey = 'bench-slow-key-0123456789abcdef'
    pleo.seed([{ ...structuredClone(DEMO_SEED.keys.find(k => k.key === DEMO_KEYS.valid)), key: slowKey, case: 'bench slow', latencyMs: 300 }])
    const latencies = []
    await Promise.all(Array.from({ length: 200 }, async () => {
      const t0 = performance.now()
      await fetch(`${app.base}/api/_pleo-connect/connection`, { method: 'POST', headers: jsonHeaders(app.base), body: JSON.stringify({ apiKey: slowKey }) })
      latencies.push(performance.now() - t0)
    }))
    latencies.sort((a, b) => a - b)
    const introspections = pleo.requests.filter(r => r.path.endsWith('/v1/introspect')).length
    figure('submits', 'P20', `POST under 200 concurrent same-tenant submits: upstream calls ${introspections}, p50 ${fmt(latencies[100])} ms, p99 ${fmt(latencies[197])} ms`, { introspections, p50: latencies[100], p99: latencies[197] })
  }
  finally {
    await app.stop()
    await listening.close()
  }
}
