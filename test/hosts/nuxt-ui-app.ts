// The module in a Nuxt UI dashboard app with @nuxtjs/i18n (test/fixtures/host-nuxt-ui-app), installed from its packed
// tarball and walked in Chromium: the settings page nests in the app's settings layout and scrolls in its dashboard
// panel, the module's parts keep Nuxt UI's sizes (a strip of a banner, 2rem buttons), every state passes axe in light
// and dark (@nuxtjs/color-mode's `.dark`), and the texts follow the app's language switch, its own locale file
// overriding one of them.
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeScan, countByImpact, KEY_FIELD_LABEL, type AxeFinding } from '../browser/admin-ui'
import { collectPageProblems, launchChromium } from '../support/chromium'
import { findKeyLeaks } from '../support/canary'
import { importInstalledFake, installHostApp, NUXT_UI_HOST, startHostServer, type HostApp, type HostServer } from '../support/host-app'
import { de } from '../../src/runtime/shared/i18n/de'

const report = console.log.bind(console)
// `PLEO_SCREENSHOTS=1 npm run test:hosts` also writes the README's pictures of the page inside Nuxt UI.
const SCREENSHOTS = process.env.PLEO_SCREENSHOTS ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url)) : undefined
const VIEWPORT = { width: 1280, height: 720 }
/** Nuxt UI's `md` button (h-8): the module's buttons take the same height from the token sheet. */
const NUXT_UI_CONTROL_HEIGHT = 32
/** The roots of the module's parts on the app's pages. */
const PLEO_PARTS = ['.pleo-settings-page', '.pleo-banner', '.pleo-status']

let app: HostApp
let server: HostServer
let fake: Awaited<ReturnType<typeof importInstalledFake>>
let pleo: ReturnType<Awaited<ReturnType<typeof importInstalledFake>>['createFakePleo']>
let pleoServer: { url: string, close: () => Promise<void> }
let browser: Browser
const contexts: BrowserContext[] = []
const axeCounts: string[] = []

// Started as soon as the file's hooks run and awaited only by this app's tests, so that its install and build
// overlap with the admin app's (the file that imports this one).
let installing: Promise<HostApp>
beforeAll(() => {
  installing = installHostApp(NUXT_UI_HOST, inject('moduleTarball'))
  installing.catch(() => {})
})

async function startApp() {
  const [installed, launched] = await Promise.all([installing, launchChromium()])
  app = installed
  browser = launched
  fake = await importInstalledFake(app)
  pleo = fake.createFakePleo()
  pleoServer = await pleo.listen(0, '127.0.0.1')
  server = await startHostServer(app, pleoServer.url)
}

afterEach(async () => {
  await Promise.all(contexts.splice(0).map(context => context.close()))
})

afterAll(async () => {
  const installed = await installing?.catch(() => undefined)
  if (installed) report(`nuxt-ui host app: install ${installed.seconds.install.toFixed(1)} s, build ${installed.seconds.build.toFixed(1)} s\n  axe (serious + critical): ${axeCounts.join(', ')}`)
  await browser?.close()
  await server?.stop()
  await pleoServer?.close()
  await installed?.remove()
})

async function newPage(colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme, reducedMotion: 'reduce' })
  contexts.push(context)
  const page = await context.newPage()
  return { page, problems: collectPageProblems(page) }
}

async function open(page: Page, path: string) {
  await page.goto(server.url + path)
  await page.waitForFunction(() => (window as { useNuxtApp?: () => { isHydrating?: boolean } }).useNuxtApp?.().isHydrating === false)
}

/**
 * Axe on the module's parts (the settings region, the banner, the badge): no serious or critical violation. The rest
 * of the page is Nuxt UI's default theme, whose green primary fails colour contrast on its own (its active tab label),
 * which is counted in the report but is not the module's to fix.
 */
async function expectAxeClean(page: Page, state: string) {
  const serious = (findings: AxeFinding[]) => findings.filter(finding => finding.impact === 'serious' || finding.impact === 'critical')
  const ours = serious(await axeScan(page as never, PLEO_PARTS))
  const wholePage = countByImpact(serious(await axeScan(page as never)))
  axeCounts.push(`${state} ${ours.length} (whole page ${wholePage.serious + wholePage.critical})`)
  expect(ours, state).toEqual([])
}

async function heightOf(locator: Locator) {
  const box = await locator.boundingBox()
  if (!box) throw new Error('not rendered')
  return box.height
}

/** Scrolls each part into view (the dashboard panel scrolls, not the window) and checks it is then on screen. */
async function expectEachScrollsIntoView(parts: Locator) {
  const count = await parts.count()
  expect(count).toBeGreaterThan(3)
  for (let index = 0; index < count; index++) {
    const part = parts.nth(index)
    await part.scrollIntoViewIfNeeded()
    const box = (await part.boundingBox())!
    expect(box.y, `part ${index} top`).toBeGreaterThanOrEqual(0)
    expect(box.y + Math.min(box.height, VIEWPORT.height), `part ${index} bottom`).toBeLessThanOrEqual(VIEWPORT.height + 1)
  }
}

async function shoot(page: Page, name: string) {
  if (!SCREENSHOTS) return
  await mkdir(SCREENSHOTS, { recursive: true })
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, animations: 'disabled', caret: 'hide' })
  report(`docs/screenshots/${name}.png`)
}

describe(`a Nuxt UI dashboard app with @nuxtjs/i18n (${Object.entries(NUXT_UI_HOST.dependencies).map(([name, version]) => `${name} ${version}`).join(', ')})`, () => {
  beforeAll(startApp)

  it('speaks the app\'s language, switches with it at once, and takes the app\'s own text over the module\'s', async () => {
    const { page, problems } = await newPage()
    await open(page, '/settings/pleo')
    const region = page.getByRole('region', { name: 'Pleo connection' })
    await region.getByLabel(KEY_FIELD_LABEL, { exact: true }).waitFor()
    await region.getByRole('button', { name: 'Connect', exact: true }).waitFor()

    await page.getByRole('button', { name: 'Deutsch' }).click()
    await page.waitForURL(/\/de\/settings\/pleo$/)
    const german = page.getByRole('region', { name: de.title })
    await german.getByLabel(`${de.field.label} (${de.field.secret})`, { exact: true }).waitFor()
    // The app's de.json says "Mit Pleo verbinden" where the module's German says "Verbinden".
    await german.getByRole('button', { name: 'Mit Pleo verbinden', exact: true }).waitFor()
    expect(await page.getByRole('button', { name: de.actions.connect, exact: true }).count()).toBe(0)
    expect(await page.locator('html').getAttribute('lang')).toBe('de-DE')

    // Loaded afresh under the prefix, the page is German from the server on.
    await open(page, '/de/settings/pleo')
    await german.getByRole('button', { name: 'Mit Pleo verbinden', exact: true }).waitFor()
    await page.getByRole('button', { name: 'English' }).click()
    await page.waitForURL(/\/settings\/pleo$/)
    await page.getByRole('region', { name: 'Pleo connection' }).getByRole('button', { name: 'Connect', exact: true }).waitFor()
    expect(problems).toEqual([])
  })

  it('nests in the app\'s settings layout, keeps Nuxt UI\'s sizes, scrolls to every part, and passes axe in light and dark', async () => {
    const { page, problems } = await newPage()
    const key = fake.DEMO_KEYS.valid
    await open(page, '/settings/pleo')
    // The app's settings panel frames the module's page: its navbar title and its tabs.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Pleo' }).waitFor()
    const region = page.getByRole('region', { name: 'Pleo connection' })
    const keyField = region.getByLabel(KEY_FIELD_LABEL, { exact: true })
    await keyField.waitFor()
    expect(await heightOf(region.getByRole('button', { name: 'Connect', exact: true }))).toBe(NUXT_UI_CONTROL_HEIGHT)
    // Headings keep their level's style under Tailwind's reset: the page's h1 above the panel's h2, both bold.
    const [h1, h2] = await Promise.all(['h1.pleo-settings-page__title', '.pleo-connect h2'].map(selector => page.locator(selector).evaluate((heading) => {
      const style = getComputedStyle(heading)
      return { size: Number.parseFloat(style.fontSize), weight: Number(style.fontWeight) }
    })))
    expect(h1!.size).toBeGreaterThan(h2!.size)
    expect(Math.min(h1!.weight, h2!.weight)).toBeGreaterThanOrEqual(600)
    // Nested in the app's settings page, the module's page adds no padding of its own to the panel's.
    expect(await page.locator('.pleo-settings-page').evaluate(element => getComputedStyle(element).paddingTop)).toBe('0px')
    expect(await heightOf(keyField), 'the key field, as high as the buttons').toBe(NUXT_UI_CONTROL_HEIGHT)
    await expectAxeClean(page, 'not connected')

    await keyField.fill(key)
    await region.getByRole('button', { name: 'Connect', exact: true }).click()
    await region.getByText(new RegExp(`Connected to Company ID: ${fake.DEMO_IDS.nordlys}$`)).waitFor()
    // The badge in the sidebar's footer and the one in the panel both say so.
    await page.locator('.pleo-status').getByText('Connected', { exact: true }).first().waitFor()
    expect(await page.locator('.pleo-status').getByText('Connected', { exact: true }).count()).toBe(2)
    for (const name of ['Check connection', 'Update API Key', 'Disconnect']) {
      expect(await heightOf(region.getByRole('button', { name, exact: true })), name).toBe(NUXT_UI_CONTROL_HEIGHT)
    }
    // Every part of the page, down to the last event of the opened activity, can be scrolled to inside the panel.
    await page.locator('.pleo-audit__summary').click()
    await page.locator('.pleo-audit__table tbody tr').first().waitFor()
    await expectEachScrollsIntoView(page.locator('.pleo-settings-page > *, .pleo-connect > *, .pleo-audit__table tbody tr:last-child'))
    await expectAxeClean(page, 'connected')
    await page.evaluate(() => document.querySelector('.pleo-settings-page')?.closest('[class*="overflow-y-auto"]')?.scrollTo(0, 0))
    await shoot(page, 'nuxt-ui-connected')

    // A key revoked in Pleo: the banner is a strip above the page, here and on the home page, which it never squeezes.
    pleo.revoke(key)
    await region.getByRole('button', { name: 'Check connection', exact: true }).click()
    const banner = page.getByRole('alert').filter({ hasText: 'Your connection to Pleo has been interrupted.' })
    await banner.waitFor()
    expect(await heightOf(banner)).toBeLessThan(100)
    await expectAxeClean(page, 'action required')
    await open(page, '/')
    await banner.waitFor()
    expect(await heightOf(banner)).toBeLessThan(100)
    const firstCard = (await page.getByText('Report 1', { exact: true }).boundingBox())!
    expect(firstCard.y, 'the page\'s content starts right under the banner').toBeLessThan(VIEWPORT.height / 2)
    expect(firstCard.width, 'and keeps its width').toBeGreaterThan(200)
    await banner.getByRole('link', { name: 'Replace API Key' }).click()
    await page.waitForURL(/\/settings\/pleo\?pleo=replace$/)
    await keyField.waitFor()
    await expectAxeClean(page, 'action required, replacing')

    // Dark mode the app's way: @nuxtjs/color-mode puts `.dark` on <html>, and the module's panel follows it.
    const dark = await newPage('dark')
    await open(dark.page, '/settings/pleo')
    await dark.page.getByRole('region', { name: 'Pleo connection' }).getByText('Pleo no longer accepts the saved API Key.', { exact: false }).waitFor()
    expect(await dark.page.locator('html').getAttribute('class')).toContain('dark')
    expect(await luminance(dark.page, 'body', 'backgroundColor'), 'a dark page').toBeLessThan(0.2)
    expect(await luminance(dark.page, '.pleo-connect', 'color'), 'light text on it').toBeGreaterThan(0.5)
    await expectAxeClean(dark.page, 'action required (dark)')
    await shoot(dark.page, 'nuxt-ui-action-required-dark')

    expect(findKeyLeaks(server.output(), key)).toEqual([])
    expect([...problems, ...dark.problems]).toEqual([])
  })
})

/** Luminance (0 black … 1 white) of an element's computed colour, whatever its notation (Nuxt UI's are oklch). */
function luminance(page: Page, selector: string, property: 'color' | 'backgroundColor'): Promise<number> {
  return page.evaluate(([selector, property]) => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = 1
    const context = canvas.getContext('2d')!
    context.fillStyle = getComputedStyle(document.querySelector(selector!)!)[property as 'color']
    context.fillRect(0, 0, 1, 1)
    const [r, g, b, alpha] = context.getImageData(0, 0, 1, 1).data
    if (!alpha) throw new Error(`${selector} has no ${property} of its own`)
    return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255
  }, [selector, property])
}
