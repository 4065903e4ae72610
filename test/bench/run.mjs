// Benchmarks (SECURITY.md P20). Client and server share this machine's cores; ratios are measured side by side
// in one run, which is what to compare across machines. Usage: npm run bench [-- --seconds 10] [--uploads 300]
// Lines that carry a figure of a promise start with `[figure] Pn:` (`npm run figures` gathers them).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { createJiti } from 'jiti'
import { postChunked } from '../support/chunked-upload.mjs'
import { runLoad } from './load.mjs'

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, uploads: { type: 'string', default: '300' } } })
const uploads = Math.max(3, Number(args.uploads))
const durationMs = Number(args.seconds) * 1000
const root = fileURLToPath(new URL('../..', import.meta.url))
const jiti = createJiti(import.meta.url)
const { createFakePleo, DEMO_KEYS, DEMO_SEED } = await jiti.import(join(root, 'src/fake/index.ts'))
const vault = await jiti.import(join(root, 'src/runtime/server/lib/vault/sealing.ts'))

const fixture = join(root, 'test/fixtures/basic/.output/server/index.mjs')
if (!existsSync(fixture)) execFileSync(process.execPath, [join(root, 'node_modules/@nuxt/cli/bin/nuxi.mjs'), 'build', join(root, 'test/fixtures/basic')], { stdio: 'inherit' })

const fmt = n => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 0) : 'n/a')
const line = (name, r) => console.log(`${name.padEnd(34)} req/s ${fmt(r.reqPerSec).padStart(6)}  p50 ${fmt(r.p50).padStart(6)} ms  p97.5 ${fmt(r.p975).padStart(6)} ms  p99 ${fmt(r.p99).padStart(6)} ms  non2xx ${r.non2xx}  errors ${r.errors}`)

console.log(`device: ${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}; load client and server share it\n`)

// 1. Vault: seal + open against JSON.stringify of the same record.
{
  const keyring = vault.parseKeyring(vault.generateEncryptionKey())
  const secret = DEMO_KEYS.valid
  const record = { state: 'connected', keyHint: '••••6058', company: { id: '2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21', name: 'Nordlys ApS' }, secret }
  const measure = (fn) => {
    const n = 50_000
    for (let i = 0; i < 2000; i++) fn()
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < n; i++) fn()
    return n / (Number(process.hrtime.bigint() - t0) / 1e9)
  }
  const sealOpen = measure(() => vault.openSecret(keyring, 'tenant-a', vault.sealSecret(keyring, 'tenant-a', secret)))
  const stringify = measure(() => JSON.parse(JSON.stringify(record)))
  console.log(`[figure] P20: vault seal + open ${fmt(sealOpen)} ops/s; JSON stringify + parse of a record ${fmt(stringify)} ops/s; ratio ${(stringify / sealOpen).toFixed(1)}×\n`)
}

// 2. HTTP: GET /connection against the framework's own baseline route, side by side.
const pleo = createFakePleo()
const listening = await pleo.listen(0)
const port = 40000 + Math.floor(Math.random() * 10000)
const app = spawn(process.execPath, [fixture], {
  cwd: mkdtempSync(join(tmpdir(), 'pleo-bench-')),
  env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', NUXT_PLEO_CONNECT_BASE_URL: listening.url, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: vault.generateEncryptionKey(), NUXT_PLEO_CONNECT_TIMEOUT: '1500' },
  stdio: 'ignore',
})
const base = `http://127.0.0.1:${port}`
for (let i = 0; i < 100; i++) {
  if (await fetch(`${base}/api/ping`).then(() => true, () => false)) break
  await new Promise(resolve => setTimeout(resolve, 100))
}
const json = { 'content-type': 'application/json', 'origin': base }
const connected = await fetch(`${base}/api/_pleo-connect/connection`, { method: 'POST', headers: json, body: JSON.stringify({ apiKey: DEMO_KEYS.valid }) }).then(r => r.json())
if (connected.state !== 'connected') throw new Error('could not connect the bench tenant')

// Warm both routes up first so neither pays for JIT compilation in the measured run.
await runLoad(`${base}/api/ping`, { connections: 50, durationMs: 1500 })
await runLoad(`${base}/api/_pleo-connect/connection`, { connections: 50, durationMs: 1500 })
const baseline = await runLoad(`${base}/api/ping`, { connections: 200, durationMs })
const view = await runLoad(`${base}/api/_pleo-connect/connection`, { connections: 200, durationMs })
line('GET /api/ping (baseline), 200 conn', baseline)
line('GET /connection, 200 conn', view)
console.log(`[figure] P20: GET /connection at 200 connections: p50 / p97.5 / p99 = ${fmt(view.p50)} / ${fmt(view.p975)} / ${fmt(view.p99)} ms, ${fmt(view.reqPerSec)} req/s, non2xx ${view.non2xx}, errors ${view.errors}; p99 ratio to a bare route ${(view.p99 / baseline.p99).toFixed(2)}× (same run; client and server share ${cpus().length} cores)\n`)

// 3. 200 concurrent submits for one tenant while Pleo takes 300 ms per call: one validation upstream.
await fetch(`${base}/api/_pleo-connect/connection`, { method: 'DELETE', headers: { origin: base } })
const slowKey = 'bench-slow-key-0123456789abcdef'
pleo.seed([{ ...structuredClone(DEMO_SEED.keys.find(k => k.key === DEMO_KEYS.valid)), key: slowKey, case: 'bench slow', latencyMs: 300 }])
pleo.requests.length = 0
const latencies = []
await Promise.all(Array.from({ length: 200 }, async () => {
  const t0 = performance.now()
  await fetch(`${base}/api/_pleo-connect/connection`, { method: 'POST', headers: json, body: JSON.stringify({ apiKey: slowKey }) })
  latencies.push(performance.now() - t0)
}))
latencies.sort((a, b) => a - b)
const introspections = pleo.requests.filter(r => r.path.endsWith('/v1/introspect')).length
console.log(`[figure] P20: POST under 200 concurrent same-tenant submits: upstream calls ${introspections}, p50 ${fmt(latencies[100])} ms, p99 ${fmt(latencies[197])} ms`)

// 4. Oversize bodies (P10): 100 chunked uploads of 10 MiB each; the server stops reading at the cap.
{
  const { readFileSync } = await import('node:fs')
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${app.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  let tooLarge = 0
  const rounds = []
  const third = Math.ceil(uploads / 3)
  for (let i = 0; i < uploads; i++) {
    if (i % third === 0) rounds.push(rss())
    const status = await postChunked(`${base}/api/_pleo-connect/connection`, 10 * 1024 * 1024, { origin: base })
    if (status === 413) tooLarge++
  }
  rounds.push(rss())
  // The first hundred warm the server's buffers up; the growth over the next two hundred is what a flood costs.
  console.log(`[figure] P10: 413 for ${tooLarge}/${uploads} chunked 10 MiB uploads; server RSS per third: ${rounds.map(mb => mb.toFixed(1)).join(' → ')} MB (growth after warm-up ${(rounds.at(-1) - rounds[1]).toFixed(1)} MB)`)
}

app.kill('SIGTERM')
await listening.close()
