// Shared by the Chromium tests and the screenshot script: how the playground is started, how its admin UI is
// reached by role and label, what the browser holds (searched for keys), and the axe-core scan.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { NuxtPage, TestOptions } from '@nuxt/test-utils/e2e'
import type { AxeResults } from 'axe-core'
import { connectionViewSchema } from '../../src/runtime/shared/schemas'
import { findKeyLeaks } from '../support/canary'
import { ROUTES } from '../../src/runtime/shared/routes'

export const PLAYGROUND_ROOT = fileURLToPath(new URL('../../playground', import.meta.url))
export const CONNECTION_ROUTE = ROUTES.connection
/** The routes that answer with a connection view (the audit trail and a key comparison answer with their own). */
const VIEW_ROUTES = new Set<string>([ROUTES.connection, ROUTES.verify])
export const KEY_FIELD_LABEL = 'Pleo API Key (secret credential)'

/**
 * `setup()` options for the production build of the playground against the given Pleo. The server process runs in
 * the test's cwd, where the default fs storage (`.data/pleo-connect`) would be shared with every other run and with
 * `npm run dev:start`: the build gets its own storage directory, and each run its own encryption key.
 */
export async function playgroundOptions(pleoUrl: string): Promise<{ options: Partial<TestOptions>, storageDir: string }> {
  const storageDir = await mkdtemp(join(tmpdir(), 'pleo-browser-'))
  return {
    storageDir,
    options: {
      rootDir: PLAYGROUND_ROOT,
      browser: true,
      browserOptions: {
        type: 'chromium',
        launch: {
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
      nuxtConfig: { pleoConnect: { storage: { driver: 'fs', base: storageDir } } },
      env: {
        NUXT_PLEO_CONNECT_BASE_URL: pleoUrl,
        NUXT_PLEO_CONNECT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
    },
  }
}

/** The admin UI, found the way a user (or a screen reader) finds it. */
export function adminUi(page: NuxtPage) {
  const button = (name: string) => page.getByRole('button', { name, exact: true })
  return {
    /** The `<PleoConnect>` region of the settings page. */
    region: page.getByRole('region', { name: 'Pleo connection' }),
    keyField: page.getByLabel(KEY_FIELD_LABEL, { exact: true }),
    button,
    /** The `<PleoConnectionStatus>` badge in the app's header, by its visible state text. */
    headerStatus: (text: string) => page.getByRole('banner').getByText(text, { exact: true }),
    /** The company confirmation (not the live region, whose announcement ends with a full stop). */
    connectedTo: (companyId: string) => page.getByText(new RegExp(`Connected to Company ID: ${companyId}$`)),
    banner: page.getByRole('alert').filter({ hasText: 'Your connection to Pleo has been interrupted.' }),
    async waitHydrated() {
      await page.waitForFunction(() => (window as { useNuxtApp?: () => { isHydrating?: boolean } }).useNuxtApp?.().isHydrating === false)
    },
    /** Pastes-by-typing a key into the field and presses the submit button. */
    async submitKey(key: string, buttonName = 'Connect') {
      await this.keyField.fill(key)
      await button(buttonName).click()
    },
  }
}

/** The key field draws its text as dots: a text field masked by `-webkit-text-security` (useSecretInput). */
export function drawnMasked(field: ReturnType<typeof adminUi>['keyField']) {
  return field.evaluate(input => (input as HTMLInputElement).type === 'text' && getComputedStyle(input).getPropertyValue('-webkit-text-security') === 'disc')
}

/**
 * Holds the browser's next request of this method to the connection route until `release()`, so a state that
 * lasts a moment (Validation in progress) can be looked at, scanned and photographed.
 */
export async function holdConnectionRequest(page: NuxtPage, method: 'POST' | 'PUT') {
  let release!: () => void
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  let arrived!: () => void
  const seen = new Promise<void>((resolve) => {
    arrived = resolve
  })
  let forwarded: Promise<void> = Promise.resolve()
  const pattern = `**${CONNECTION_ROUTE}`
  await page.route(pattern, async (route) => {
    if (route.request().method() !== method) return route.fallback()
    arrived()
    forwarded = gate.then(() => route.continue())
    await forwarded
  })
  return {
    seen,
    async release() {
      release()
      await forwarded
      await page.unroute(pattern)
    },
  }
}

interface Artifact {
  label: string
  text: string
}

/**
 * Everything the browser holds or received, for the key search of promise P1: every response body, request
 * URL, navigation and console line of the watched pages, and snapshots of the DOM, the SSR payload, the Pinia
 * state, Web Storage, cookies, IndexedDB and Cache Storage names, the URL and every input's value.
 */
export class BrowserArtifacts {
  private readonly items: Artifact[] = []
  private readonly reading: Promise<void>[] = []
  /** Bodies the browser no longer had when asked (redirects, evicted resources). */
  unreadable = 0
  readonly unreadableLabels: string[] = []
  /** Successful answers of the connection routes, checked against the strict connection view schema. */
  readonly views = { valid: 0, invalid: 0 }

  add(label: string, text: string) {
    this.items.push({ label, text })
  }

  watch(page: NuxtPage) {
    page.on('response', (response) => {
      const label = `response ${response.request().resourceType()} ${response.request().method()} ${new URL(response.url()).pathname}`
      const isView = response.ok() && VIEW_ROUTES.has(new URL(response.url()).pathname)
      this.reading.push(response.body().then((body) => {
        const text = body.toString('utf8')
        this.add(label, text)
        if (isView) this.views[connectionViewSchema.safeParse(JSON.parse(text)).success ? 'valid' : 'invalid']++
      }, () => {
        this.unreadable++
        this.unreadableLabels.push(label)
      }))
    })
    page.on('request', request => this.add('request URL', request.url()))
    page.on('framenavigated', frame => this.add('navigation URL', frame.url()))
    page.on('console', message => this.add('console', message.text()))
  }

  /**
   * Takes what the page holds now. `keyKeptInField`: the key field holds the key the admin typed, by design (a
   * refused key stays for a retry), so its own value is left out; every other input is searched.
   */
  async snapshot(page: NuxtPage, when: string, { keyKeptInField = false } = {}) {
    this.add(`${when}: DOM`, await page.content())
    const held = await page.evaluate(async (skipKeyField) => {
      const seen = new WeakSet()
      const json = (value: unknown) => {
        try {
          return JSON.stringify(value, (_key, item) => {
            if (typeof item === 'object' && item !== null) {
              if (seen.has(item)) return '[seen]'
              seen.add(item)
            }
            return typeof item === 'function' ? '[function]' : item
          }) ?? ''
        }
        catch (error) {
          return `unserialisable: ${String(error)}`
        }
      }
      const nuxtApp = (window as { useNuxtApp?: () => { payload: unknown, $pinia?: { state: { value: unknown } } } }).useNuxtApp?.()
      const storage = (area: Storage) => json(Object.fromEntries(Object.keys(area).map(name => [name, area.getItem(name)])))
      return {
        'SSR payload (__NUXT_DATA__)': document.getElementById('__NUXT_DATA__')?.textContent ?? '',
        'window.__NUXT__': json((window as { __NUXT__?: unknown }).__NUXT__),
        'nuxtApp.payload': json(nuxtApp?.payload),
        'Pinia state': json(nuxtApp?.$pinia?.state.value),
        'localStorage': storage(localStorage),
        'sessionStorage': storage(sessionStorage),
        'document.cookie': document.cookie,
        'IndexedDB databases': json(await indexedDB.databases()),
        'Cache Storage': json(await caches.keys()),
        'URL': location.href,
        'history.state': json(history.state),
        'input values': json([...document.querySelectorAll('input, textarea')]
          .filter(field => !(skipKeyField && field.classList.contains('pleo-key-field__input')))
          .map(field => (field as HTMLInputElement).value)),
      }
    }, keyKeptInField)
    for (const [label, text] of Object.entries(held)) this.add(`${when}: ${label}`, text)
    this.add(`${when}: cookies`, JSON.stringify(await page.context().cookies()))
  }

  /** Waits for the response bodies still being read. */
  async settle() {
    await Promise.all(this.reading)
  }

  /** Where any form of the keys occurs: artifact labels and how many forms, never the key itself. */
  leaks(keys: string[]): string[] {
    const found: string[] = []
    for (const { label, text } of this.items) {
      keys.forEach((key, index) => {
        const forms = findKeyLeaks(text, key).length
        if (forms) found.push(`${label}: ${forms} form(s) of key #${index + 1}`)
      })
    }
    return found
  }

  get count() {
    return this.items.length
  }

  get bytes() {
    return this.items.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0)
  }
}

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical'

export interface AxeFinding {
  id: string
  impact: Impact
  help: string
  targets: string[]
}

// axe-core's browser bundle, read as text (what `axe.source` holds): evaluating the package in Node is not needed.
let axeSource: Promise<string> | undefined

/**
 * Runs axe-core on the page as it is now and returns its violations: the whole page, or only the elements the
 * selectors match (the Pleo parts in an app whose own theme is not the module's to fix).
 */
export async function axeScan(page: NuxtPage, include?: string[]): Promise<AxeFinding[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  if (!await page.evaluate(() => 'axe' in window)) await page.addScriptTag({ content: await axeSource })
  return page.evaluate(async (include) => {
    const runner = (window as unknown as { axe: { run: (context: Document | { include: string[][] }, options: object) => Promise<AxeResults> } }).axe
    // axe refuses a context that matches nothing: only the parts on the page now (a banner shows only when needed).
    const present = include?.filter(selector => document.querySelector(selector))
    const { violations } = await runner.run(present ? { include: present.map(selector => [selector]) } : document, { resultTypes: ['violations'] })
    return violations.map(violation => ({
      id: violation.id,
      impact: (violation.impact ?? 'minor') as Impact,
      help: violation.help,
      targets: violation.nodes.map(node => node.target.join(' ')),
    }))
  }, include)
}

/** Violations per impact, counted by affected element. */
export function countByImpact(findings: AxeFinding[]): Record<Impact, number> {
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 }
  for (const finding of findings) counts[finding.impact] += finding.targets.length
  return counts
}
