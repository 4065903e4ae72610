import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ofetch, type FetchOptions } from 'ofetch'
import { ROUTES } from '../../src/runtime/shared/routes'
import { parseJsonOrUndefined } from './parse-json'

/** The built server of a fixture app under test/fixtures (built once by test/e2e/global-setup.ts). */
function fixtureServer(fixture: string) {
  return fileURLToPath(new URL(`../fixtures/${fixture}/.output/server/index.mjs`, import.meta.url))
}

export interface AppServer {
  url: string
  /** Working directory of the server: its fs storage lives in `.data/pleo-connect` below it. */
  cwd: string
  /** Everything the server wrote to stdout and stderr. */
  output: () => string
  /** Raw fetch against the app; never throws on HTTP errors. */
  request: (path: string, options?: FetchOptions<'json'>) => Promise<{ status: number, headers: Headers, body: any, text: string }>
  stop: () => Promise<void>
  /** Kills the server at once (SIGKILL), as a crash or an out-of-memory kill would. */
  kill: () => Promise<void>
}

export function newEncryptionKey() {
  return randomBytes(32).toString('base64')
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Starts a built fixture app (production mode; `basic` unless named) with its own env, port and working directory. */
export async function startApp(env: Record<string, string | undefined> = {}, cwd?: string, fixture = 'basic'): Promise<AppServer> {
  const port = await freePort()
  const workdir = cwd ?? await mkdtemp(join(tmpdir(), 'pleo-app-'))
  let output = ''
  const child: ChildProcess = spawn(process.execPath, [fixtureServer(fixture)], {
    cwd: workdir,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', NITRO_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const collect = (chunk: Buffer) => {
    output += chunk
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const url = `http://127.0.0.1:${port}`
  await waitUntilListening(url, child, () => output)

  return {
    url,
    cwd: workdir,
    output: () => output,
    request: (path, options) => requestApp(url, path, options),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise(resolve => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise(resolve => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    },
  }
}

async function waitUntilListening(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`fixture server exited: ${output()}`)
    try {
      await fetch(url + ROUTES.connection)
      return
    }
    catch {
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  }
  throw new Error(`fixture server did not start: ${output()}`)
}

/** A request to a running app that never throws on HTTP errors: the status, headers, text and (when JSON) body. */
export async function requestApp(url: string, path: string, options: FetchOptions<'json'> = {}): ReturnType<AppServer['request']> {
  const response = await ofetch.raw<string, 'text'>(url + path, { ...options, ignoreResponseError: true, retry: 0, responseType: 'text' } as FetchOptions<'text'>)
  const text = (response._data as string | undefined) ?? ''
  return { status: response.status, headers: response.headers, body: parseJsonOrUndefined(text), text }
}

/** JSON request as the app's own page would send it. */
export function sameOrigin(app: AppServer, method: string, body?: unknown, headers: Record<string, string> = {}): FetchOptions<'json'> {
  return {
    method: method as FetchOptions['method'],
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      'origin': app.url,
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
  }
}
