// The module in an admin app that is not the playground (test/fixtures/host-admin-app), installed from its packed tarball
// on each supported version set: nuxt-auth-utils sessions feed the policy hook, the app's own Pinia store shares
// one Pinia with the module's, and an admin connects in Chromium with a demo key of the module's fake Pleo,
// imported from the installed package.
import type { NuxtPage } from '@nuxt/test-utils/e2e'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { adminUi, BrowserArtifacts, CONNECTION_ROUTE } from '../browser/admin-ui'
import { sameOrigin } from '../support/app-server'
import { findKeyLeaks } from '../support/canary'
import { asNuxtPage, collectPageProblems, launchChromium } from '../support/chromium'
import { clientChunksContaining, HOST_VARIANTS, importInstalledFake, installHostApp, sharedPackageCopies, startHostServer, type HostApp, type HostServer, type PackageCopy } from '../support/host-app'
import { mustRun } from '../support/run-command'
import { MUTATIONS } from '../support/scenario'
// The Nuxt UI app's tests run in this file too: its install and build then overlap with these two apps' (as
// separate files they ran one after the other, adding two minutes to the suite).
import './nuxt-ui-app'

// Vitest shows console.log of a passing run: the figures of the run (times, npm ls) go there.
const report = console.log.bind(console)
const ADMIN_EMAIL = 'admin@ledgerly.test'
const ANONYMOUS_CALLS = [['GET', CONNECTION_ROUTE], ['GET', `${CONNECTION_ROUTE}/events`], ...MUTATIONS] as const

const installs = new Map<string, Promise<HostApp>>()
const figures: string[] = [`packing the module: ${inject('packSeconds').toFixed(1)} s`]
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  // Both apps install and build at once; each variant's tests wait for their own app and fail with its error.
  for (const variant of HOST_VARIANTS) {
    const app = installHostApp(variant, inject('moduleTarball'))
    app.catch(() => {})
    installs.set(variant.name, app)
  }
  browser = await launchChromium()
})

afterEach(async () => {
  await Promise.all(contexts.splice(0).map(context => context.close()))
})

afterAll(async () => {
  await browser?.close()
  await Promise.all([...installs.values()].map(install => install.then(app => app.remove(), () => {})))
  report(['host apps:', ...figures].join('\n  '))
})

/** A fresh browser session (no cookies) whose console errors, page errors and every response are collected. */
async function newSession() {
  const context = await browser.newContext()
  contexts.push(context)
  const page = asNuxtPage(await context.newPage())
  const problems = collectPageProblems(page)
  const artifacts = new BrowserArtifacts()
  artifacts.watch(page)
  const sentKeyBodies: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith(CONNECTION_ROUTE) && ['POST', 'PUT'].includes(request.method())) sentKeyBodies.push(request.postData() ?? '')
  })
  return { page, problems, artifacts, sentKeyBodies, ui: adminUi(page) }
}

async function open(page: NuxtPage, server: HostServer, path: string) {
  await page.goto(server.url + path)
  await adminUi(page).waitHydrated()
}

/** Signs in through the app's own form, as an admin does. */
async function logIn(page: NuxtPage, server: HostServer) {
  await open(page, server, '/login')
  await page.getByLabel('E-mail').fill(ADMIN_EMAIL)
  await page.getByLabel('Password').fill(server.adminPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  expect(new URL(page.url()).pathname).toBe('/')
}

/** `@nuxt/kit 4.6.4 ×1 (nuxt-pleo-connect, nuxt-auth-utils, …); 4.4.8 ×3 (nuxt, …)`: versions, copies, users. */
function describeCopies(name: string, copies: PackageCopy[]) {
  const versions = [...new Set(copies.map(copy => copy.version))].map((version) => {
    const ofVersion = copies.filter(copy => copy.version === version)
    const users = [...new Set(ofVersion.flatMap(copy => copy.usedBy))]
    return `${version} ×${ofVersion.length} (${users.slice(0, 4).join(', ')}${users.length > 4 ? `, +${users.length - 4}` : ''})`
  })
  return `${name} ${versions.join('; ')}`
}

for (const variant of HOST_VARIANTS) {
  const versions = Object.entries(variant.dependencies).map(([name, version]) => `${name} ${version}`).join(', ')

  describe(`the admin app with ${versions}`, () => {
    let app: HostApp
    let server: HostServer
    let fake: Awaited<ReturnType<typeof importInstalledFake>>
    let pleo: { url: string, close: () => Promise<void> }
    let testsStarted = 0

    beforeAll(async () => {
      app = await installs.get(variant.name)!
      fake = await importInstalledFake(app)
      pleo = await fake.createFakePleo().listen(0, '127.0.0.1')
      server = await startHostServer(app, pleo.url)
      testsStarted = performance.now()
    })

    afterAll(async () => {
      if (app) {
        const tests = ((performance.now() - testsStarted) / 1000).toFixed(1)
        figures.push(`${variant.name}: install ${app.seconds.install.toFixed(1)} s, build ${app.seconds.build.toFixed(1)} s, tests ${tests} s`)
      }
      await server?.stop()
      await pleo?.close()
    })

    it('holds one copy of vue and pinia, and the module brings no copy of its own of vue, pinia, @nuxt/kit or unctx', async () => {
      const copies = await sharedPackageCopies(app)
      figures.push(`${variant.name} npm ls: ${[...copies].map(([name, found]) => describeCopies(name, found)).join(' | ')}`)
      for (const name of ['vue', 'pinia']) expect(copies.get(name)!.map(copy => copy.version), name).toHaveLength(1)
      for (const [name, found] of copies) {
        expect(found.length, `${name} is installed`).toBeGreaterThan(0)
        expect(found.filter(copy => copy.path.includes('/node_modules/nuxt-pleo-connect/')), `${name} under nuxt-pleo-connect`).toEqual([])
      }
      // Nuxt pins its own @nuxt/kit; every module of the app shares one other copy, and so must this one.
      const kitOfModule = copies.get('@nuxt/kit')!.find(copy => copy.usedBy.includes('nuxt-pleo-connect'))
      expect(kitOfModule?.usedBy).toEqual(expect.arrayContaining(['nuxt-pleo-connect', 'nuxt-auth-utils', '@pinia/nuxt']))
    })

    it('type-checks the app\'s own code against the installed module\'s types (`nuxi typecheck`)', async () => {
      const typecheck = await app.nuxi('typecheck')
      expect(typecheck.exitCode, typecheck.output).toBe(0)
    })

    it('sends the browser no zod: the request schemas stay on the server', async () => {
      // Property names survive minification: zod 4's objects all carry `_zod`.
      expect(await clientChunksContaining(app, '_zod')).toEqual([])
    })

    it('answers an anonymous visitor 401 `unauthenticated` on every module route and on the app\'s own Pleo route', async () => {
      const apiKey = 'x'.repeat(24)
      const calls = [...ANONYMOUS_CALLS, ['GET', '/api/reports']] as const
      const answers = await Promise.all(calls.map(async ([method, path]) => {
        const body = method === 'POST' || method === 'PUT' ? { apiKey } : undefined
        const response = await server.request(path, sameOrigin(server, method, body))
        const seen = [...response.headers].join('\n') + response.text
        return { call: `${method} ${path}`, status: response.status, code: response.body?.data?.code, leaks: findKeyLeaks(seen, apiKey) }
      }))
      expect(answers).toEqual(calls.map(([method, path]) => ({ call: `${method} ${path}`, status: 401, code: 'unauthenticated', leaks: [] })))
    })

    it('renders every page with no console error, page error or hydration warning, on one Pinia', async () => {
      const { page, problems, ui } = await newSession()
      await open(page, server, '/reports')
      expect(new URL(page.url()).pathname, 'an anonymous visitor is sent to the login page').toBe('/login')
      await logIn(page, server)
      await page.getByText(`Signed in as ${ADMIN_EMAIL}.`).waitFor()
      await ui.headerStatus('Not connected').waitFor()

      // The app's store and the module's live on the same Pinia, and the app's store works after hydration.
      const stores = await page.evaluate(() => Object.keys((window as { useNuxtApp?: () => { $pinia: { state: { value: object } } } }).useNuxtApp!().$pinia.state.value))
      expect(stores).toEqual(expect.arrayContaining(['sidebar', 'pleo-connection']))
      const sidebar = page.getByRole('navigation', { name: 'Main' })
      await page.getByRole('button', { name: 'Menu' }).click()
      await sidebar.waitFor({ state: 'hidden' })
      await page.getByRole('button', { name: 'Menu' }).click()

      // The module's page, reached by a client-side navigation, then each page loaded afresh.
      await sidebar.getByRole('link', { name: 'Settings · Pleo' }).click()
      await ui.keyField.waitFor()
      await open(page, server, '/settings/pleo')
      await ui.keyField.waitFor()
      await open(page, server, '/reports')
      await page.getByText('Pleo is not available:', { exact: false }).waitFor()
      await open(page, server, '/')
      await ui.headerStatus('Not connected').waitFor()
      expect(problems).toEqual([])
    })

    it('lets a signed-in admin connect with a demo key; the layout\'s badge and the app\'s Pleo route then show the company, and the key shows nowhere', async () => {
      const { page, problems, ui, artifacts, sentKeyBodies } = await newSession()
      const key = fake.DEMO_KEYS.valid
      const companyId = fake.DEMO_IDS.nordlys
      await logIn(page, server)
      await open(page, server, '/settings/pleo')
      await ui.submitKey(key)
      await ui.connectedTo(companyId).waitFor()
      await ui.headerStatus('Connected').waitFor()
      await artifacts.snapshot(page, '/settings/pleo connected')

      await open(page, server, '/reports')
      await page.getByText(new RegExp(`Company: \\S.* \\(${companyId}\\)`)).waitFor()
      await ui.headerStatus('Connected').waitFor()
      await artifacts.snapshot(page, '/reports connected')
      await open(page, server, '/settings/pleo')
      await ui.connectedTo(companyId).waitFor()
      await artifacts.snapshot(page, '/settings/pleo reloaded')

      await artifacts.settle()
      expect(sentKeyBodies.filter(body => findKeyLeaks(body, key).length > 0), 'the key was sent once').toHaveLength(1)
      expect(artifacts.leaks([key])).toEqual([])
      expect(artifacts.views).toMatchObject({ invalid: 0 })
      expect(artifacts.views.valid).toBeGreaterThan(0)
      expect(findKeyLeaks(server.output(), key), 'server output').toEqual([])
      expect(problems).toEqual([])
    })
  })
}

describe('an app that still has Pinia 2', () => {
  it('does not build: the module names the Pinia versions it needs', async () => {
    // The pinia3 app, after its own tests: its directory is thrown away afterwards.
    const app = await installs.get('pinia3')!
    await mustRun('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', 'pinia@2.3.1', '@pinia/nuxt@0.5.5'], app.dir)
    const build = await app.nuxi('build')
    expect(build.exitCode).not.toBe(0)
    expect(build.output).toContain('nuxt-pleo-connect needs pinia ^3.0.4 || ^4.0.0')
    expect(build.output).toContain('nuxt-pleo-connect needs @pinia/nuxt ^0.11.3 || ^1.0.0')
  })
})
