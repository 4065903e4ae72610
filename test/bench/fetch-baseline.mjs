// The side-by-side baseline of the sweep: the same number of GETs at the same concurrency through the module's HTTP
// transport (node:http with a keep-alive pool) with no module around them: no storage, no decryption, no records.
// Prints the wall time in ms and the process's peak RSS in MB, as JSON.
// Usage (by sections/sweep.mjs): PLEO_AUTHORIZATION='Basic …' node fetch-baseline.mjs <url> <calls> <concurrency>
// (the fake's demo key: without it the fake refuses at once, with no latency, and the baseline would be too fast)
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'

const [url, calls, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])]
// As the module's pool (src/runtime/server/lib/pleo/http-transport.ts).
const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 4000 })
let sent = 0
function call() {
  // A deadline cleared once answered, as the module's client keeps it: `AbortSignal.timeout` would keep every call's
  // timer (and what it reaches) alive for its 10 s, and this process's memory would be that, not the calls'.
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), 10_000)
  return new Promise((resolve, reject) => {
    const outgoing = request(`${url}/v1/installations/me`, { agent, headers: { authorization: process.env.PLEO_AUTHORIZATION, accept: 'application/json' }, signal: deadline.signal }, (response) => {
      // Read whole, as the module reads an answer.
      const chunks = []
      response.on('data', chunk => chunks.push(chunk))
      response.on('end', () => response.statusCode === 200 ? resolve(Buffer.concat(chunks).byteLength) : reject(new Error(`the fake answered ${response.statusCode}`)))
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end()
  }).finally(() => clearTimeout(timer))
}
const started = performance.now()
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (sent++ < calls) await call()
}))
const wallMs = performance.now() - started
const peakRssMb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024
console.log(JSON.stringify({ wallMs, peakRssMb }))
agent.destroy()
