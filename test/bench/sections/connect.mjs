// Connect at the speed of Pleo: with the fake answering every call after L ms, each connect case is timed
// against its ideal (the calls that must wait for one another × L), median of several runs.
import { join } from 'node:path'
import { basicFixture, figure, fmt, jiti, jsonHeaders, loadFake, loadVault, median, ratio, root, startServer } from '../support.mjs'

// Fifteen: with seven, one slow round of a noisy machine moved the median by 2–3 ms.
const RUNS = 15

export async function run() {
  const { createFakePleo } = await loadFake()
  const { CONNECT_CASES, callsSince } = await jiti.import(join(root, 'test/support/connect-cases.ts'))
  const vault = await loadVault()
  const pleo = createFakePleo()
  const listening = await pleo.listen(0)
  const app = await startServer(basicFixture(), { NUXT_PLEO_CONNECT_BASE_URL: listening.url, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: vault.generateEncryptionKey(), NUXT_PLEO_CONNECT_TIMEOUT: '5000' })
  const route = `${app.base}/api/_pleo-connect/connection`
  const send = (method, body) => fetch(route, { method, headers: jsonHeaders(app.base), body: body && JSON.stringify(body) }).then(async r => ({ status: r.status, body: await r.json().catch(() => undefined) }))
  try {
    for (const latency of [50, 200]) {
      for (const connectCase of CONNECT_CASES) {
        const times = []
        let calls = []
        // One unmeasured run first, so the server's code paths are warm.
        for (let i = 0; i <= RUNS; i++) {
          await send('DELETE')
          pleo.reset()
          const { before, method, body } = connectCase.prepare(pleo, latency)
          if (before && (await send('POST', before)).body?.state !== 'connected') throw new Error(`${connectCase.name}: the first key did not connect`)
          const from = pleo.requests.length
          const started = performance.now()
          const answer = await send(method, body)
          const elapsed = performance.now() - started
          if (answer.body?.state !== 'connected') throw new Error(`${connectCase.name}: ${answer.status} ${JSON.stringify(answer.body)}`)
          if (i > 0) times.push(elapsed)
          calls = callsSince(pleo, from)
        }
        const ideal = connectCase.chain * latency
        const measured = median(times)
        figure('connect', 'P22', `connect, ${connectCase.name}, L = ${latency} ms: ${calls.length} calls (${calls.join(', ')}), ideal ${connectCase.chain} × L = ${ideal} ms, median ${fmt(measured)} ms of ${RUNS} = ${ratio(measured, ideal)}× ideal (budget ≤ 1.1×)`, { case: connectCase.name, latencyMs: latency, calls, chain: connectCase.chain, idealMs: ideal, medianMs: measured, ratio: measured / ideal })
      }
    }
  }
  finally {
    await app.stop()
    await listening.close()
  }
}
