// `npm run screenshots`: the README's pictures of the admin UI, taken in Chromium from the production build of the
// playground against a fake Pleo with the demo keys. Not part of `npm test`.
import { mkdir, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { createPage, createTest, url, type NuxtPage } from '@nuxt/test-utils/e2e'
import { createFakePleo, DEMO_IDS, DEMO_KEYS } from '../../src/fake'
import { adminUi, holdConnectionRequest, playgroundOptions } from './admin-ui'

const OUT_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
const VIEWPORT = { width: 1280, height: 1000 }
const report = console.log.bind(console)

const pleo = createFakePleo()
const fake = await pleo.listen(0)
const { options, storageDir } = await playgroundOptions(fake.url)
const playground = createTest(options)

/** Photographs the top of the page, without the focus ring (and scroll) of the element a step left focused. */
async function shoot(page: NuxtPage, name: string) {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur()
    window.scrollTo(0, 0)
  })
  await page.screenshot({ path: `${OUT_DIR}${name}.png`, animations: 'disabled', caret: 'hide' })
  report(`docs/screenshots/${name}.png`)
}

async function open(colorScheme: 'light' | 'dark' = 'light') {
  const page = await createPage(undefined, { viewport: VIEWPORT, colorScheme, reducedMotion: 'reduce' })
  await page.goto(url('/settings/pleo'), { waitUntil: 'hydration' })
  return page
}

try {
  await mkdir(OUT_DIR, { recursive: true })
  await playground.beforeAll()

  const page = await open()
  const ui = adminUi(page)
  await ui.keyField.waitFor()
  await shoot(page, 'not-connected')

  await ui.submitKey(DEMO_KEYS.revoked)
  await ui.region.getByText('The API Key appears to be invalid. Pleo did not accept it.').waitFor()
  await shoot(page, 'error')

  const held = await holdConnectionRequest(page, 'POST')
  await ui.submitKey(DEMO_KEYS.valid)
  await held.seen
  await ui.headerStatus('Validation in progress').waitFor()
  await shoot(page, 'validating')
  await held.release()

  await ui.connectedTo(DEMO_IDS.nordlys).waitFor()
  await shoot(page, 'connected')

  await ui.button('Update API Key').click()
  await ui.submitKey(DEMO_KEYS.validOtherCompany, 'Update API Key')
  await page.getByRole('region', { name: 'This key belongs to another Pleo company' }).waitFor()
  await shoot(page, 'other-company-confirmation')
  await ui.button('Keep the current company').click()
  await ui.button('Cancel').click()

  pleo.revoke(DEMO_KEYS.valid)
  await ui.button('Check connection').click()
  await ui.banner.waitFor()
  await shoot(page, 'action-required')

  const dark = await open('dark')
  await adminUi(dark).banner.waitFor()
  await shoot(dark, 'action-required-dark')
}
finally {
  await playground.afterAll()
  await fake.close()
  await rm(storageDir, { recursive: true, force: true })
}
