import { Agent, request } from 'node:http'

/** Closed-loop load: `connections` clients each send the next request when the previous one is answered. */
export async function runLoad(url, { connections, durationMs, method = 'GET', headers = {}, body }) {
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
  const seconds = (Date.now() - started) / 1000
  return { requests: latencies.length, reqPerSec: latencies.length / seconds, non2xx, errors, ...percentiles(latencies) }
}

export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = p => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN
  return { p50: at(0.5), p975: at(0.975), p99: at(0.99) }
}
