// A host admin app (test/fixtures/host-admin-app) installed from the module's packed tarball, the way an integrator's app
// gets it: its own directory, its own node_modules from the registry, a production build, a server of its own.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type * as FakeModule from '../../src/fake'
import { freePort, newEncryptionKey, requestApp, type AppServer } from './app-server'
import { mustRun, runCommand, toolEnv, type CommandResult } from './run-command'

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url))
/** Left behind by running the fixture in place; never copied. */
const LOCAL_OUTPUT = new Set(['node_modules', '.nuxt', '.output', '.data'])

export interface HostVariant {
  name: string
  /** The app under test/fixtures; by default `host-admin-app` (nuxt-auth-utils sessions, a Pinia store of its own). */
  fixture?: string
  /** Exact versions, as a lockfile would pin them. */
  dependencies: Record<string, string>
  /** npm `overrides` the app needs for reasons of its own (not the module's). */
  overrides?: Record<string, string>
}

/** Both ends of what the module supports: Nuxt 4.4 with Pinia 3, and the latest Nuxt with Pinia 4. */
export const HOST_VARIANTS: HostVariant[] = [
  {
    name: 'pinia3',
    dependencies: { 'nuxt': '4.4.8', 'pinia': '3.0.4', '@pinia/nuxt': '0.11.3', 'nuxt-auth-utils': '0.5.30' },
  },
  {
    name: 'pinia4',
    dependencies: { 'nuxt': '4.5.2', 'pinia': '4.1.0', '@pinia/nuxt': '1.0.2', 'nuxt-auth-utils': '0.5.30' },
    // Nuxt 4.5.2's server build fails with vite 8.4.0 for any app with an async plugin (nuxt-auth-utils has one),
    // with or without this module: "unctx" is both external (nuxt.js) and bundled (the unctx transform's helper path).
    overrides: { vite: '8.3.8' },
  },
]

/**
 * A Nuxt UI dashboard app with @nuxtjs/i18n (test/fixtures/host-nuxt-ui-app): Nuxt UI's tokens, its color mode and
 * dashboard layout, the app's own locale files over the module's texts.
 */
export const NUXT_UI_HOST: HostVariant = {
  name: 'nuxt-ui',
  fixture: 'host-nuxt-ui-app',
  dependencies: {
    'nuxt': '4.5.2',
    '@nuxt/ui': '4.11.2',
    '@nuxtjs/i18n': '10.6.0',
    'tailwindcss': '4.3.5',
    '@iconify-json/lucide': '1.2.137',
    'pinia': '4.1.0',
    '@pinia/nuxt': '1.0.2',
  },
  // As for the pinia4 app: Nuxt 4.5.2's server build and vite 8.4.0 disagree about unctx.
  overrides: { vite: '8.3.8' },
}

/** The packages a Nuxt app must hold once: a second copy splits the app's state from the module's. */
export const SHARED_PACKAGES = ['vue', 'pinia', '@nuxt/kit', 'unctx'] as const

export interface HostApp {
  variant: HostVariant
  dir: string
  seconds: { install: number, build: number }
  /** Runs `nuxi <command>` in the app, as its developers do; never throws (see `exitCode`). */
  nuxi: (command: 'build' | 'typecheck') => Promise<CommandResult>
  remove: () => Promise<void>
}

/** Copies the fixture into a fresh directory, installs the variant's versions plus the tarball, and builds it. */
export async function installHostApp(variant: HostVariant, tarball: string): Promise<HostApp> {
  const root = await mkdtemp(join(tmpdir(), `pleo-host-${variant.name}-`))
  const remove = () => rm(root, { recursive: true, force: true })
  const dir = join(root, 'admin-app')
  const nuxi = (command: 'build' | 'typecheck') => runCommand(join(dir, 'node_modules/.bin/nuxi'), [command], dir, toolEnv({ NODE_ENV: 'production' }))
  try {
    await cp(join(FIXTURES, variant.fixture ?? 'host-admin-app'), dir, { recursive: true, filter: source => !LOCAL_OUTPUT.has(basename(source)) })
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
    manifest.dependencies = { ...variant.dependencies, 'nuxt-pleo-connect': `file:${tarball}` }
    if (variant.overrides) manifest.overrides = variant.overrides
    await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')

    const install = await mustRun('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], dir)
    const build = await nuxi('build')
    if (build.exitCode !== 0) throw new Error(`nuxi build of the ${variant.name} host app failed (exit ${build.exitCode}):\n${build.output.slice(-8000)}`)
    return { variant, dir, seconds: { install: install.seconds, build: build.seconds }, nuxi, remove }
  }
  catch (error) {
    await remove()
    throw error
  }
}

export interface PackageCopy {
  version: string
  path: string
  /** The packages whose dependency resolves to this copy. */
  usedBy: string[]
}

/** Every installed copy of the shared packages, by name, as `npm ls` sees the tree. */
export async function sharedPackageCopies(app: HostApp): Promise<Map<string, PackageCopy[]>> {
  const listing = await runCommand('npm', ['ls', ...SHARED_PACKAGES, '--json', '--long'], app.dir)
  if (!listing.stdout.trim()) throw new Error(`npm ls printed nothing:\n${listing.output}`)
  const copies = new Map<string, Map<string, PackageCopy>>(SHARED_PACKAGES.map(name => [name, new Map()]))
  const visit = (parent: string, dependencies: Record<string, NpmLsNode> = {}) => {
    for (const [name, node] of Object.entries(dependencies)) {
      const byPath = copies.get(name)
      if (byPath && node.path) {
        const copy = byPath.get(node.path) ?? { version: node.version, path: node.path, usedBy: [] }
        if (!copy.usedBy.includes(parent)) copy.usedBy.push(parent)
        byPath.set(node.path, copy)
      }
      visit(name, node.dependencies)
    }
  }
  visit('the app', (JSON.parse(listing.stdout) as NpmLsNode).dependencies)
  return new Map([...copies].map(([name, byPath]) => [name, [...byPath.values()]]))
}

interface NpmLsNode {
  version: string
  path?: string
  dependencies?: Record<string, NpmLsNode>
}

/** The app's browser chunks (`.output/public/_nuxt/*.js`) whose code contains the text. */
export async function clientChunksContaining(app: HostApp, text: string): Promise<string[]> {
  const dir = join(app.dir, '.output/public/_nuxt')
  const chunks = (await readdir(dir)).filter(name => name.endsWith('.js'))
  const found: string[] = []
  for (const name of chunks) {
    if ((await readFile(join(dir, name), 'utf8')).includes(text)) found.push(name)
  }
  return found
}

/** The fake Pleo from the app's installed `nuxt-pleo-connect/fake` export, resolved from inside the app. */
export async function importInstalledFake(app: HostApp): Promise<typeof FakeModule> {
  return await import(pathToFileURL(join(app.dir, 'fake-pleo.mjs')).href)
}

export interface HostServer extends Omit<AppServer, 'kill'> {
  adminPassword: string
}

/** Starts the app's production build (cwd: a fresh directory, so its fs storage is its own) against a Pleo URL. */
export async function startHostServer(app: HostApp, pleoUrl: string): Promise<HostServer> {
  const port = await freePort()
  const cwd = await mkdtemp(join(tmpdir(), `pleo-host-${app.variant.name}-run-`))
  const adminPassword = randomBytes(18).toString('base64url')
  let output = ''
  const child: ChildProcess = spawn(process.execPath, [join(app.dir, '.output/server/index.mjs')], {
    cwd,
    env: toolEnv({
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      NUXT_PLEO_CONNECT_BASE_URL: pleoUrl,
      NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey(),
      NUXT_SESSION_PASSWORD: randomBytes(32).toString('base64url'),
      ADMIN_PASSWORD: adminPassword,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', chunk => output += chunk)
  child.stderr!.on('data', chunk => output += chunk)
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    await rm(cwd, { recursive: true, force: true })
  }
  try {
    await waitUntilServing(url, child, () => output)
  }
  catch (error) {
    await stop()
    throw error
  }

  return {
    url,
    cwd,
    adminPassword,
    output: () => output,
    request: (path, options) => requestApp(url, path, options),
    stop,
  }
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the host app's server exited (${child.exitCode}):\n${output()}`)
    try {
      await fetch(`${url}/login`)
      return
    }
    catch {
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  }
  throw new Error(`the host app's server did not start:\n${output()}`)
}
