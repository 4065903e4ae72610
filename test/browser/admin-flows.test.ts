// Issue 3, point 8: the admin experience in Chromium, on the production build of the playground, against a fake
// Pleo this test process runs. Everything is found by role and label; every submitted key is a fresh canary
// searched for (with every 8-character window) in everything the browser holds; axe-core scans every state.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPage, setup, url, type NuxtPage } from '@nuxt/test-utils/e2e'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createFakePleo, DEMO_IDS } from '../../src/fake'
import { canaryKey, findKeyLeaks } from '../support/canary'
import { seedCanary } from '../support/keys'
import { adminUi, axeScan, BrowserArtifacts, CONNECTION_ROUTE, countByImpact, drawnMasked, holdConnectionRequest, playgroundOptions, type Impact } from './admin-ui'
import { figure } from '../support/figures'
import { asNuxtPage, launchChromiumProfile } from '../support/chromium'
import { de } from '../../src/runtime/shared/i18n/de'
import { formatMessage } from '../../src/runtime/shared/i18n/catalogue'

// Nuxt's build routes console.log through its logger (errors only in tests): keep a plain one for the figures.
const report = console.log.bind(console)

// setup() registers its own beforeAll: the fake must be listening before, so its URL can go into the env.
const pleo = createFakePleo()
const fake = await pleo.listen(0)
const { options, storageDir } = await playgroundOptions(fake.url)
await setup(options)

const artifacts = new BrowserArtifacts()
/** Every key a test typed into the browser: none may come back. */
const submittedKeys: string[] = []
const axeCounts = new Map<string, Record<Impact, number>>()
const pages: NuxtPage[] = []
/** What the browser sent with each key: the positive control of the search. */
const sentBodies: string[] = []
let appOrigin = ''
let inputChecks = 0

beforeAll(() => {
  appOrigin = new URL(url('/')).origin
})

afterEach(async () => {
  // Response bodies are read before their page closes (a closed page's bodies are gone).
  await artifacts.settle()
  await Promise.all(pages.splice(0).map(page => page.close()))
  // Each test starts disconnected, with the fake's installations forgotten.
  expect([200, 404]).toContain((await disconnectOnServer()).status)
  pleo.reset()
})

afterAll(async () => {
  await artifacts.settle()
  const lines = [...axeCounts].map(([state, counts]) => `  ${state.padEnd(34)} critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}`)
  figure('P1', `${artifacts.leaks(submittedKeys).length} hits of 7 key variants across ${artifacts.count} artifacts / ${artifacts.bytes} bytes of ${submittedKeys.length} canary keys; ${artifacts.views.valid}/${artifacts.views.valid + artifacts.views.invalid} views valid against the strict schema; inputs holding a key after success: 0 in ${inputChecks} checks`)
  report([
    `P1: ${artifacts.leaks(submittedKeys).length} hits of 7 key variants (and every 8-character window) of ${submittedKeys.length} canary keys across ${artifacts.count} artifacts / ${artifacts.bytes} bytes (${artifacts.unreadable} response bodies unreadable)`,
    `P1: ${artifacts.views.valid}/${artifacts.views.valid + artifacts.views.invalid} connection views valid against the strict schema; inputs holding a key after success: 0 in ${inputChecks} checks`,
    `unreadable: ${artifacts.unreadableLabels.join(', ')}`,
    `axe-core ${axeCounts.size} states (violations by element):`,
    ...lines,
  ].join('\n'))
  await fake.close()
  await rm(storageDir, { recursive: true, force: true })
})

/** Everything the page holds goes into the key search; what it sends with a key, into its positive control. */
function watch(page: NuxtPage) {
  artifacts.watch(page)
  page.on('request', (request) => {
    if (request.url().endsWith(CONNECTION_ROUTE) && ['POST', 'PUT'].includes(request.method())) sentBodies.push(request.postData() ?? '')
  })
}

async function open(path: string, contextOptions: Parameters<typeof createPage>[1] = {}) {
  const page = await createPage(undefined, contextOptions)
  pages.push(page)
  watch(page)
  await page.goto(url(path), { waitUntil: 'hydration' })
  return page
}

function disconnectOnServer() {
  return fetch(appOrigin + CONNECTION_ROUTE, { method: 'DELETE', headers: { 'origin': appOrigin, 'sec-fetch-site': 'same-origin' } })
}

/** A canary the fake accepts like the named demo key; remembered for the leak search. */
function canaryLike(like: Parameters<typeof seedCanary>[1]) {
  const key = seedCanary(pleo, like)
  submittedKeys.push(key)
  return key
}

async function scanAxe(page: NuxtPage, state: string) {
  const findings = await axeScan(page)
  axeCounts.set(state, countByImpact(findings))
  const blocking = findings.filter(finding => finding.impact === 'serious' || finding.impact === 'critical')
  expect(blocking, `axe-core, state "${state}"`).toEqual([])
}

/** The key is nowhere in what the browser holds now, or in anything it received so far. */
async function expectNoKeyInBrowser(page: NuxtPage, when: string, options: { keyKeptInField?: boolean } = {}) {
  await artifacts.snapshot(page, when, options)
  await artifacts.settle()
  expect(artifacts.leaks(submittedKeys)).toEqual([])
}

/** No input of the page holds any part of a key (counted, so a failure never prints the key). */
async function expectNoFieldHoldsKey(page: NuxtPage) {
  const values = await page.locator('input').evaluateAll(fields => fields.map(field => (field as HTMLInputElement).value))
  expect(values.filter(value => submittedKeys.some(key => findKeyLeaks(value, key).length > 0)).length).toBe(0)
  inputChecks++
}

/** The app's storage directory (set by playgroundOptions): its files, read as text. */
async function storageFiles() {
  const names = await readdir(storageDir, { recursive: true, withFileTypes: true })
  return Promise.all(names.filter(entry => entry.isFile()).map(entry => readFile(join(entry.parentPath, entry.name), 'utf8')))
}

/** The connection as the server sees it, read outside the browser. */
async function serverState() {
  return await (await fetch(appOrigin + CONNECTION_ROUTE)).json() as { state: string, company?: { id: string } }
}

async function connectThroughPage(page: NuxtPage, key: string, companyId: string) {
  const ui = adminUi(page)
  await ui.submitKey(key)
  await ui.connectedTo(companyId).waitFor()
}

describe('connecting', () => {
  it('explains a refused key, keeps the field editable and the integration inactive, and takes a retry at once', async () => {
    const page = await open('/settings/pleo')
    const ui = adminUi(page)
    await ui.headerStatus('Not connected').waitFor()
    await page.getByText('The API Key grants company-level access to your Pleo company.').waitFor()
    await page.getByText('After you save it, the key cannot be viewed again.').waitFor()
    expect(await drawnMasked(ui.keyField)).toBe(true)
    await scanAxe(page, 'disconnected (key guidance)')

    // The format pre-check answers before anything is sent.
    const sentBefore = pleo.requests.length
    await ui.submitKey('too-short')
    await page.getByText('This key is too short to be a Pleo API Key. Copy the whole key from Pleo.').waitFor()
    expect(pleo.requests.length).toBe(sentBefore)
    expect(await ui.keyField.getAttribute('aria-invalid')).toBe('true')

    // A key Pleo does not know.
    const refused = canaryKey()
    submittedKeys.push(refused)
    await ui.submitKey(refused)
    await ui.region.getByText('The API Key appears to be invalid. Pleo did not accept it.').waitFor()
    await ui.region.getByText('Please check the key and try again.', { exact: false }).first().waitFor()
    await ui.headerStatus('Connection failed').waitFor()
    expect(await page.getByText('Authentication failed').count()).toBe(0)
    expect(await ui.keyField.isEditable()).toBe(true)
    // The refused key stays, masked, for an immediate retry or a correction.
    expect(await ui.keyField.inputValue()).toBe(refused)
    expect(await drawnMasked(ui.keyField)).toBe(true)
    expect((await serverState()).state).toBe('failed')
    expect(pleo.installations().filter(({ keyCase }) => keyCase.startsWith('canary'))).toEqual([])
    // Focus went to what failed, so a screen reader reads it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('The API Key appears to be invalid.')
    await scanAxe(page, 'failed (key refused)')

    // Retry at once, with a valid key: while it is checked, the earlier failure no longer shows.
    const valid = canaryLike('valid')
    const held = await holdConnectionRequest(page, 'POST')
    await ui.submitKey(valid)
    await held.seen
    await ui.headerStatus('Validation in progress').waitFor()
    await ui.region.getByText('Validating the API Key').waitFor()
    expect(await ui.region.getByText('Connection failed').count()).toBe(0)
    await held.release()
    await ui.connectedTo(DEMO_IDS.nordlys).waitFor()
    await ui.region.getByText('Nordlys ApS', { exact: true }).waitFor()
    await ui.region.getByText(`••••${valid.slice(-4)}`, { exact: true }).waitFor()
    const badge = ui.headerStatus('Connected')
    await badge.waitFor()
    expect(await page.getByRole('banner').locator('[data-state]').getAttribute('data-state')).toBe('connected')
    expect(await ui.keyField.count()).toBe(0)
    await expectNoFieldHoldsKey(page)
    expect(await serverState()).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.nordlys } })
    await scanAxe(page, 'connected')
    await expectNoKeyInBrowser(page, 'after connecting')

    // The server kept the record in this run's own storage directory, sealed.
    const stored = await storageFiles()
    expect(stored.length).toBeGreaterThan(0)
    expect(stored.filter(text => findKeyLeaks(text, valid).length)).toEqual([])

    // A reload: still connected, and the key is in neither the server-rendered page nor its payload.
    await page.reload()
    await ui.waitHydrated()
    await ui.connectedTo(DEMO_IDS.nordlys).waitFor()
    await ui.headerStatus('Connected').waitFor()
    expect(page.url()).toBe(url('/settings/pleo'))
    await expectNoKeyInBrowser(page, 'after reload')
  })

  it('says when a key lacks permission, after showing the validation steps', async () => {
    const page = await open('/settings/pleo')
    const ui = adminUi(page)
    const held = await holdConnectionRequest(page, 'POST')
    await ui.submitKey(canaryLike('lacksPermission'))
    await held.seen
    await ui.region.getByText('Validation in progress', { exact: true }).first().waitFor()
    for (const step of ['Validating the API Key', 'Confirming the company', 'Activating the installation']) {
      await ui.region.getByRole('listitem').filter({ hasText: step }).waitFor()
    }
    await ui.headerStatus('Validation in progress').waitFor()
    expect(await ui.keyField.getAttribute('readonly')).not.toBeNull()
    await scanAxe(page, 'validating')
    await held.release()

    await ui.region.getByText('This key does not have the required permissions.').waitFor()
    await ui.headerStatus('Connection failed').waitFor()
    expect(await ui.keyField.isEditable()).toBe(true)
    expect((await serverState()).state).toBe('failed')
    await expectNoKeyInBrowser(page, 'after a key lacking permission', { keyKeptInField: true })
  })

  it('walks the connect flow in German, whose longer words keep the layout whole on a narrow screen', async () => {
    const page = await open('/settings/pleo')
    await page.setViewportSize({ width: 390, height: 900 })
    await adminUi(page).waitHydrated()
    // As an app switches its language at run time (usePleoMessages().locale).
    await page.evaluate(() => {
      (window as unknown as { useNuxtApp: () => { payload: { state: Record<string, unknown> } } }).useNuxtApp().payload.state['$spleo-connect:locale'] = 'de'
    })
    const region = page.getByRole('region', { name: de.title })
    await region.waitFor()
    await page.getByLabel(`${de.field.label} (${de.field.secret})`, { exact: true }).fill(canaryLike('valid'))
    await page.getByRole('button', { name: de.actions.connect, exact: true }).click()
    const connectedTo = formatMessage(de.confirmation.connectedTo, { companyId: DEMO_IDS.nordlys }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    await page.getByText(new RegExp(`${connectedTo}$`)).waitFor()
    await scanAxe(page, 'connected (German, 390 px)')
    // After a click, the focus moved for screen readers draws no ring.
    expect(await page.evaluate(() => [document.activeElement?.classList.contains('pleo-confirmation'), getComputedStyle(document.activeElement!).outlineStyle])).toEqual([true, 'none'])
    // Nothing wider than the screen, and no button whose words are cut off.
    const layout = await page.evaluate(() => ({
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
      clippedButtons: [...document.querySelectorAll('.pleo-connect button, .pleo-connect a')].filter(element => element.scrollWidth > element.clientWidth + 1).map(element => element.textContent?.trim()),
    }))
    expect(layout).toEqual({ pageOverflow: 0, clippedButtons: [] })
  })

  it('loads no zod into the browser: the shared contract it imports is zod-free', async () => {
    const scripts: Array<Promise<string>> = []
    const page = await createPage(undefined)
    pages.push(page)
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.text().catch(() => ''))
    })
    await page.goto(url('/settings/pleo'), { waitUntil: 'hydration' })
    await adminUi(page).keyField.waitFor()
    const texts = await Promise.all(scripts)
    expect(texts.length).toBeGreaterThan(0)
    expect(texts.filter(text => /ZodError|\$ZodType/.test(text))).toEqual([])
  })

  it('preloads the settings page\'s own code with its HTML, rather than fetching it once the entry has run', async () => {
    // Vite 8 (Rolldown) can merge a page into a shared chunk and drop it from the manifest; Nuxt then preloads
    // nothing of the page, and the browser finds its code only after the entry runs.
    const preloads = async (path: string) => {
      const html = await fetch(url(path)).then(response => response.text())
      return new Set([...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map(match => match[1]))
    }
    const home = await preloads('/')
    const settingsOnly = [...await preloads('/settings/pleo')].filter(href => !home.has(href))
    expect(settingsOnly.length).toBeGreaterThan(0)
  })

  it('asks which company an organisation key is for', async () => {
    const page = await open('/settings/pleo')
    const ui = adminUi(page)
    await ui.submitKey(canaryLike('organisation'))
    const picker = page.getByRole('group', { name: 'Choose the Pleo company to connect' })
    await picker.waitFor()
    await scanAxe(page, 'organisation key: company picker')
    await picker.getByLabel(`Aurora Wholesale AB (Company ID: ${DEMO_IDS.auroraWholesale})`).check()
    await ui.button('Connect this company').click()
    await ui.connectedTo(DEMO_IDS.auroraWholesale).waitFor()
    await ui.region.getByText('Aurora Wholesale AB', { exact: true }).waitFor()
    await expectNoFieldHoldsKey(page)
    await expectNoKeyInBrowser(page, 'after an organisation key')
  })
})

describe('the password manager of the browser', () => {
  // Chromium logs each decision of its password manager in chrome://password-manager-internals, for every tab of the
  // profile while that page is open. A profile on disk, as an admin has one: in an off-the-record context it is off.
  const ASK = 'Decision: ASK the user'
  const asks = (log: string) => log.split(ASK).length - 1

  it('never offers to save the key: connect, replace and compare in a profile whose password manager offers a password field', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'pleo-password-manager-'))
    const context = await launchChromiumProfile(profile)
    try {
      const internals = await context.newPage()
      await internals.goto('chrome://password-manager-internals')
      const log = () => internals.evaluate(() => document.body.textContent ?? '')
      const page = asNuxtPage(await context.newPage())
      watch(page)
      const ui = adminUi(page)
      const openSettings = async () => {
        await page.goto(url('/settings/pleo'))
        await ui.waitHydrated()
      }

      // The field as shipped: connect, replace, check a key, leave the page.
      await openSettings()
      expect(await drawnMasked(ui.keyField)).toBe(true)
      await connectThroughPage(page, canaryLike('valid'), DEMO_IDS.nordlys)
      await ui.button('Update API Key').click()
      const second = canaryLike('validSameCompany')
      await ui.submitKey(second, 'Update API Key')
      await ui.region.getByText(`••••${second.slice(-4)}`, { exact: true }).waitFor()
      await ui.button('Check a key').click()
      await page.getByLabel('API Key to compare').fill(second)
      await ui.button('Compare').click()
      await page.getByText('This is the key in use.').waitFor()
      await disconnectOnServer()

      // Control, afterwards (so its entry also shows the log has caught up with all before it): the same connect,
      // with the field turned back into a password field, is offered for saving.
      await openSettings()
      await ui.keyField.evaluate(field => (field as HTMLInputElement).type = 'password')
      await connectThroughPage(page, canaryLike('valid'), DEMO_IDS.nordlys)
      await expect.poll(async () => asks(await log()), { timeout: 15_000 }).toBeGreaterThan(0)
      const final = await log()
      expect(asks(final)).toBe(1)
      report(`password manager: ${asks(final)} save offer (the control's password field), 0 for the module's fields in connect, replace and compare`)
    }
    finally {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    }
  })
})

describe('a working connection', () => {
  it('replaces the key with progress, keeps it when a replacement is refused, and switches company only when confirmed', async () => {
    const page = await open('/settings/pleo')
    const ui = adminUi(page)
    const first = canaryLike('valid')
    await connectThroughPage(page, first, DEMO_IDS.nordlys)

    // A refused replacement (a revoked key) leaves the working connection untouched.
    await ui.button('Update API Key').click()
    await page.getByRole('heading', { name: 'Update API Key' }).waitFor()
    await expect.poll(() => ui.keyField.evaluate(field => field === document.activeElement)).toBe(true)
    await scanAxe(page, 'replace form open')
    const held = await holdConnectionRequest(page, 'PUT')
    const revoked = canaryLike('revoked')
    await ui.submitKey(revoked, 'Update API Key')
    await held.seen
    await ui.region.getByText('Validation in progress', { exact: true }).first().waitFor()
    await held.release()
    await ui.region.getByText('The new API Key was not saved. The current connection is unchanged.').waitFor()
    await ui.region.getByText('The API Key appears to be invalid. Pleo did not accept it.').waitFor()
    await ui.connectedTo(DEMO_IDS.nordlys).waitFor()
    await ui.headerStatus('Connected').waitFor()
    expect(await ui.keyField.inputValue()).toBe(revoked)
    expect(await serverState()).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.nordlys } })
    await scanAxe(page, 'replacement refused')

    // A second key of the same company replaces it.
    const second = canaryLike('validSameCompany')
    await ui.submitKey(second, 'Update API Key')
    await ui.region.getByText(`••••${second.slice(-4)}`, { exact: true }).waitFor()
    await ui.connectedTo(DEMO_IDS.nordlys).waitFor()
    await expectNoFieldHoldsKey(page)

    // A key of another company: an explicit confirmation naming both ids, then the switch.
    await ui.button('Update API Key').click()
    await ui.submitKey(canaryLike('validOtherCompany'), 'Update API Key')
    const question = page.getByRole('region', { name: 'This key belongs to another Pleo company' })
    await question.waitFor()
    await question.getByText(`This key belongs to Pleo company ${DEMO_IDS.fjordline}, but this app is connected to company ${DEMO_IDS.nordlys}.`).waitFor()
    await expect.poll(() => question.evaluate(element => element === document.activeElement)).toBe(true)
    expect(await serverState()).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.nordlys } })
    await scanAxe(page, 'other company: confirmation')
    await ui.button('Switch company').click()
    await ui.connectedTo(DEMO_IDS.fjordline).waitFor()
    await ui.region.getByText('Fjordline Trading ApS', { exact: true }).waitFor()
    expect(await serverState()).toMatchObject({ state: 'connected', company: { id: DEMO_IDS.fjordline } })
    await expectNoFieldHoldsKey(page)
    await expectNoKeyInBrowser(page, 'after replacements')
  })

  it('turns a key revoked in Pleo into Action required, with the banner on every page until it is replaced', async () => {
    const page = await open('/settings/pleo')
    const ui = adminUi(page)
    const key = canaryLike('valid')
    await connectThroughPage(page, key, DEMO_IDS.nordlys)

    pleo.revoke(key)
    await ui.button('Check connection').click()
    await ui.headerStatus('Action required').waitFor()
    await ui.banner.waitFor()
    await ui.region.getByText('Pleo no longer accepts the saved API Key.', { exact: false }).waitFor()
    expect((await serverState()).state).toBe('action_required')
    await scanAxe(page, 'action required (banner)')

    // Another page of the app shows the banner too.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click()
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor()
    await ui.banner.waitFor()
    await ui.headerStatus('Action required').waitFor()
    await scanAxe(page, 'action required (another page)')

    // The same state in dark mode: the status colours switch with the page's color-scheme and keep their contrast.
    const dark = await open('/', { colorScheme: 'dark' })
    await adminUi(dark).banner.waitFor()
    await scanAxe(dark, 'action required (dark mode)')

    // An app that themes with a class on <html> (@nuxtjs/color-mode, Nuxt UI): the class wins over the system's scheme.
    const warningBackground = (themed: NuxtPage) => themed.locator('.pleo-banner').evaluate(element => getComputedStyle(element).backgroundColor)
    const systemDark = await warningBackground(dark)
    const systemLight = await warningBackground(page)
    expect(systemDark).not.toBe(systemLight)
    await page.evaluate(() => document.documentElement.classList.add('dark'))
    expect(await warningBackground(page)).toBe(systemDark)
    await scanAxe(page, 'action required (.dark class on a light system)')
    await dark.evaluate(() => document.documentElement.classList.add('light'))
    expect(await warningBackground(dark)).toBe(systemLight)
    await page.evaluate(() => document.documentElement.classList.remove('dark'))

    // Replace API Key leads to the key field, already open.
    await ui.banner.getByRole('link', { name: 'Replace API Key' }).click()
    await page.getByRole('heading', { name: 'Update API Key' }).waitFor()
    await ui.keyField.waitFor()
    await ui.submitKey(canaryLike('validSameCompany'), 'Update API Key')
    await ui.connectedTo(DEMO_IDS.nordlys).waitFor()
    await ui.headerStatus('Connected').waitFor()
    expect(await ui.banner.count()).toBe(0)
    await expectNoKeyInBrowser(page, 'after recovering from a revoked key')
  })
})

describe('keyboard only', () => {
  it('connects, updates and disconnects with Tab, Enter and Space', async () => {
    const page = await open('/settings/pleo')
    const ui = adminUi(page)
    const isFocused = (locator: ReturnType<NuxtPage['locator']>) => locator.evaluate(element => element === document.activeElement)
    async function tabTo(locator: ReturnType<NuxtPage['locator']>) {
      for (let presses = 0; presses < 40; presses++) {
        if (await locator.count() && await isFocused(locator)) return
        await page.keyboard.press('Tab')
      }
      throw new Error('not reachable with Tab')
    }

    await tabTo(ui.keyField)
    const key = canaryLike('valid')
    await page.keyboard.type(key)
    await tabTo(ui.button('Show key'))
    await page.keyboard.press('Space')
    expect(await ui.keyField.getAttribute('type')).toBe('text')
    await page.keyboard.press('Space')
    expect(await drawnMasked(ui.keyField)).toBe(true)
    await tabTo(ui.button('Connect'))
    await page.keyboard.press('Enter')
    await ui.connectedTo(DEMO_IDS.nordlys).waitFor()
    // Focus moved to the confirmation, so the company is read first.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(`Connected to Company ID: ${DEMO_IDS.nordlys}`)
    // Reached by keyboard, the focus shows its ring.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid')

    // Update API Key opens the field with focus in it; Enter in the field sends the replacement.
    await tabTo(ui.button('Update API Key'))
    await page.keyboard.press('Enter')
    await expect.poll(() => isFocused(ui.keyField)).toBe(true)
    const replacement = canaryLike('validSameCompany')
    await page.keyboard.type(replacement)
    await page.keyboard.press('Enter')
    await ui.region.getByText(`••••${replacement.slice(-4)}`, { exact: true }).waitFor()
    await expectNoFieldHoldsKey(page)

    // Disconnect asks first; its confirmation takes focus.
    await tabTo(ui.button('Disconnect'))
    await page.keyboard.press('Enter')
    const confirmation = page.getByRole('region', { name: 'Disconnect from Pleo?' })
    await confirmation.waitFor()
    await expect.poll(() => isFocused(confirmation)).toBe(true)
    await scanAxe(page, 'disconnect: confirmation')
    await tabTo(confirmation.getByRole('button', { name: 'Disconnect', exact: true }))
    await page.keyboard.press('Space')
    await ui.headerStatus('Not connected').waitFor()
    await ui.keyField.waitFor()
    expect((await serverState()).state).toBe('disconnected')
    await expectNoKeyInBrowser(page, 'after the keyboard flow')
  })
})

describe('disconnecting', () => {
  it('asks for confirmation, and Cancel keeps the connection', async () => {
    const page = await open('/settings/pleo')
    const ui = adminUi(page)
    await connectThroughPage(page, canaryLike('valid'), DEMO_IDS.nordlys)
    await ui.button('Disconnect').click()
    const confirmation = page.getByRole('region', { name: 'Disconnect from Pleo?' })
    await confirmation.getByText('This app forgets the API Key and stops calling Pleo.', { exact: false }).waitFor()
    await confirmation.getByRole('button', { name: 'Cancel' }).click()
    expect(await confirmation.count()).toBe(0)
    expect((await serverState()).state).toBe('connected')

    await ui.button('Disconnect').click()
    await confirmation.getByLabel('Also remove the integration from Pleo').check()
    await confirmation.getByRole('button', { name: 'Disconnect', exact: true }).click()
    await ui.headerStatus('Not connected').waitFor()
    expect((await serverState()).state).toBe('disconnected')
    expect(pleo.installations().filter(({ keyCase }) => keyCase.startsWith('canary'))).toEqual([])
    await expectNoKeyInBrowser(page, 'after disconnecting')
  })
})

describe('the key search', () => {
  it('finds every submitted key in what the browser sent (positive control)', () => {
    const found = submittedKeys.filter(key => sentBodies.some(body => findKeyLeaks(body, key).length > 0))
    expect(found.length).toBe(submittedKeys.length)
    expect(artifacts.views).toMatchObject({ invalid: 0 })
    report(`P1 positive control: ${found.length}/${submittedKeys.length} submitted keys found in the ${sentBodies.length} request bodies the browser sent`)
  })
})
