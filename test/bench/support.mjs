// What the bench sections share: the fixture server, the fake Pleo, figures and their printing.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createJiti } from 'jiti'

export const root = fileURLToPath(new URL('../..', import.meta.url))
export const jiti = createJiti(import.meta.url)
export const nuxi = join(root, 'node_modules/@nuxt/cli/bin/nuxi.mjs')

export const fmt = n => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 0) : 'n/a')
export const ratio = (a, b) => (a / b).toFixed(2)

const figures = []

/** Prints a figure (`[figure] Pn: …`, which `npm run figures` gathers) and keeps it for `--json`. */
export function figure(section, promise, text, values = {}) {
  console.log(`[figure] ${promise}: ${text}`)
  figures.push({ section, promise, text, values })
}

export function collectedFigures() {
  return figures
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** The basic fixture's built server, built first if it is missing. */
export function basicFixture() {
  const server = join(root, 'test/fixtures/basic/.output/server/index.mjs')
  if (!existsSync(server)) execFileSync(process.execPath, [nuxi, 'build', join(root, 'test/fixtures/basic')], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  return server
}

/** Starts a built Nitro server on a free loopback port and waits until `readyPath` answers. */
export async function startServer(entry, env = {}, readyPath = '/api/ping') {
  const port = await freePort()
  const cwd = mkdtempSync(join(tmpdir(), 'pleo-bench-'))
  const child = spawn(process.execPath, [entry], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: 'ignore',
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${base}${readyPath}`).then(r => r.status < 500, () => false)) break
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  const status = field => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  return {
    base,
    cwd,
    pid: child.pid,
    rssMb: () => status('VmRSS'),
    /** The most memory the server has held so far (the kernel's high-water mark). */
    peakRssMb: () => status('VmHWM'),
    stop: () => new Promise((resolve) => {
      // The bench's temporary directories hold up to 100,000 records: removed with the server.
      child.once('exit', () => rm(cwd, { recursive: true, force: true }).then(resolve))
      child.kill('SIGTERM')
    }),
  }
}

export const jsonHeaders = base => ({ 'content-type': 'application/json', 'origin': base })

export async function loadFake() {
  return jiti.import(join(root, 'src/fake/index.ts'))
}

export async function loadVault() {
  return jiti.import(join(root, 'src/runtime/server/lib/vault/sealing.ts'))
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
