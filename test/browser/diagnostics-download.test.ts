// "Download diagnostics" in Chromium, on the production build of the playground with the module's CSS off
// (`ui.styles: false`): the browser really saves the file, the file is the report, and it holds no key.
import { readFile, rm } from 'node:fs/promises'
import { createPage, setup, url } from '@nuxt/test-utils/e2e'
import { afterAll, describe, expect, it } from 'vitest'
import { createFakePleo, DEMO_IDS } from '../../src/fake'
import { findKeyLeaks } from '../support/canary'
import { seedCanary } from '../support/keys'
import { adminUi, playgroundOptions } from './admin-ui'
import { en } from '../../src/runtime/shared/i18n/en'

const pleo = createFakePleo({ clockSkewMs: -30_000 })
const fake = await pleo.listen(0)
const { options, storageDir } = await playgroundOptions(fake.url)
await setup({ ...options, nuxtConfig: { ...options.nuxtConfig, pleoConnect: { ...options.nuxtConfig!.pleoConnect as object, ui: { styles: false } } } })

afterAll(async () => {
  await fake.close()
  await rm(storageDir, { recursive: true, force: true })
})

describe('Download diagnostics', () => {
  it('saves the report as a dated JSON file, without the module\'s CSS, and the file holds no form of the key', async () => {
    const apiKey = seedCanary(pleo)
    const page = await createPage()
    await page.goto(url('/settings/pleo'), { waitUntil: 'hydration' })
    const ui = adminUi(page)
    await ui.submitKey(apiKey)
    await ui.connectedTo(DEMO_IDS.nordlys).waitFor()
    await ui.button('Check connection').click()
    // Unstyled: none of the module's tokens reached the page.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--pleo-connect-accent'))).toBe('')

    const download = ui.button(en.diagnostics.action)
    await expect.poll(() => download.getAttribute('aria-describedby')).toBeTruthy()
    await expect.poll(async () => page.locator(`#${await download.getAttribute('aria-describedby')}`).textContent()).toBe(en.diagnostics.description)
    const [saved] = await Promise.all([page.waitForEvent('download'), download.click()])
    expect(saved.suggestedFilename()).toMatch(/^pleo-connect-diagnostics-\d{4}-\d{2}-\d{2}\.json$/)
    const text = await readFile((await saved.path())!, 'utf8')
    expect(findKeyLeaks(text, apiKey)).toEqual([])
    const report = JSON.parse(text)
    expect(report).toMatchObject({ format: 'pleo-connect-diagnostics', version: 1, connection: { state: 'connected', companyId: DEMO_IDS.nordlys } })
    expect(report.recentChecks.at(-1)).toMatchObject({ statusClass: '2xx', status: 200 })
    // The fake's clock runs 30 s behind this machine's.
    expect(report.clock.skewMs).toBeLessThan(-28_900)
    expect(report.clock.skewMs).toBeGreaterThan(-31_100)
    await page.getByRole('status').filter({ hasText: en.diagnostics.downloaded }).waitFor()
    // The store kept no copy of the report.
    expect(await page.evaluate(() => JSON.stringify((window as unknown as { useNuxtApp: () => { $pinia: { state: { value: unknown } } } }).useNuxtApp().$pinia.state.value))).not.toContain('pleo-connect-diagnostics')
    await page.close()
  })
})
