import { Agent, request } from 'node:http'

/** Closed-loop load: `connections` clients each send the next request when the previous one is answered. */
export async function runLoad(url, options) {
  const { latencies, seconds, non2xx, errors } = await loadSlice(url, options)
  return { requests: latencies.length, reqPerSec: latencies.length / seconds, non2xx, errors, ...percentiles(latencies) }
}

/**
 * Two routes loaded in turns of `sliceMs` (A B B A …, so a drift of the machine's load falls on both alike), for
 * `durationMs` each in all: on a machine shared with other work, one long run of each would compare two moments.
 */
export async function runSideBySide(urls, { durationMs, sliceMs = 1000, ...options }) {
  const totals = urls.map(() => ({ latencies: [], seconds: 0, non2xx: 0, errors: 0 }))
  const rounds = Math.max(1, Math.round(durationMs / sliceMs))
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...urls.keys()].reverse() : [...urls.keys()]
    for (const index of order) {
      const slice = await loadSlice(urls[index], { ...options, durationMs: durationMs / rounds })
      const total = totals[index]
      for (const latency of slice.latencies) total.latencies.push(latency)
      total.seconds += slice.seconds
      total.non2xx += slice.non2xx
      total.errors += slice.errors
    }
  }
  return totals.map(({ latencies, seconds, non2xx, errors }) => ({ requests: latencies.length, reqPerSec: latencies.length / seconds, non2xx, errors, ...percentiles(latencies) }))
}

async function loadSlice(url, { connections, durationMs, method = 'GET', headers = {}, body }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  let non2xx = 0
  let errors = 0
  const deadline = Date.now() + durationMs
  const started = Date.now()
  const once = () => new Promise((resolve) => {
    const t0 = process.hrtime.bigint()
    const req = request(url, { method, headers, agent }, (res) => {
      res.resume()
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
        if (res.statusCode < 200 || res.statusCode >= 300) non2xx++
        resolve()
      })
    })
    req.on('error', () => {
      errors++
      resolve()
    })
    req.end(body)
  })
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < deadline) await once()
  }))
  agent.destroy()
  return { latencies, seconds: (Date.now() - started) / 1000, non2xx, errors }
}

export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = p => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN
  return { p50: at(0.5), p975: at(0.975), p99: at(0.99) }
}
