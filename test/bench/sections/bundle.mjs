// The module's weight in the browser: a small admin app (test/fixtures/bundle: a layout with a title template, a
// menu and a slot, a store of the signed-in admin) built with the module, without it (but with Pinia, as the
// typical host has) and bare. The JavaScript a page loads at once (its <script> and
// modulepreload links), gzipped, is compared page by page; the active locale's catalogue is fetched on demand and
// counted on its own. Then /settings/pleo is server-rendered side by side with a bare page of the same app.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { runLoad, runSideBySide } from '../load.mjs'
import { figure, fmt, jiti, loadVault, nuxi, ratio, root, startServer } from '../support.mjs'

const fixture = join(root, 'test/fixtures/bundle')
const kb = bytes => (bytes / 1024).toFixed(1)

/** Builds one variant of the fixture: `pleo` (with the module), `pinia` (a host that has Pinia), `bare` (neither). */
function build(variant) {
  execFileSync(process.execPath, [nuxi, 'build', fixture], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production', BUNDLE_VARIANT: variant } })
  return join(fixture, `.output-${variant}`)
}

/** The JS files a page loads before it runs: its module script and its modulepreload links. */
async function scriptsOf(base, path) {
  const html = await fetch(`${base}${path}`).then(r => r.text())
  const files = new Set()
  for (const match of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)) files.add(match[1].split('/').pop())
  for (const match of html.matchAll(/<link[^>]*rel="(?:prefetch|preload)"[^>]*href="([^"]+\.js)"/g)) files.add(`(hint) ${match[1].split('/').pop()}`)
  return { html, files }
}

function gzipped(output, files) {
  const dir = join(output, 'public/_nuxt')
  return [...files].filter(file => !file.startsWith('(hint)')).reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: 9 }).length, 0)
}

export async function run({ durationMs }) {
  const pleoOutput = build('pleo')
  // The typical host app already has Pinia (the module brings @pinia/nuxt), so that is the baseline; Pinia's own
  // weight, for an app without it, is measured against a bare build and printed apart.
  const piniaOutput = build('pinia')
  const bareOutput = build('bare')
  const vault = await loadVault()
  const { PLEO_CATALOGS } = await jiti.import(join(root, 'src/runtime/shared/i18n/messages.ts'))
  const pleoApp = await startServer(join(pleoOutput, 'server/index.mjs'), { NUXT_PLEO_CONNECT_ENCRYPTION_KEY: vault.generateEncryptionKey() }, '/')
  const piniaApp = await startServer(join(piniaOutput, 'server/index.mjs'), {}, '/')
  const bareApp = await startServer(join(bareOutput, 'server/index.mjs'), {}, '/')
  try {
    // The same bare page (/) of each variant: what every page of the app loads.
    const [pleoHome, piniaHome, bareHome] = [await scriptsOf(pleoApp.base, '/'), await scriptsOf(piniaApp.base, '/'), await scriptsOf(bareApp.base, '/')]
    const settings = await scriptsOf(pleoApp.base, '/settings/pleo')
    const entryAdded = gzipped(pleoOutput, pleoHome.files) - gzipped(piniaOutput, piniaHome.files)
    const piniaAdded = gzipped(piniaOutput, piniaHome.files) - gzipped(bareOutput, bareHome.files)
    const pageOnly = new Set([...settings.files].filter(file => !pleoHome.files.has(file)))
    const pageAdded = gzipped(pleoOutput, pageOnly)
    // None at all means the page's chunk lost its manifest entry (Rolldown merged it): not light, but a waterfall.
    const pageText = pageOnly.size ? `${kb(pageAdded)} KB to /settings/pleo (budget ≤ 20 KB)` : 'NOTHING preloaded for /settings/pleo: its chunk is missing from the manifest, so the browser fetches it only after the entry runs (a defect, not a saving)'

    // Which chunk holds which catalogue: the one file with its title.
    const dir = join(pleoOutput, 'public/_nuxt')
    const chunks = readdirSync(dir).filter(file => file.endsWith('.js')).map(file => ({ file, text: readFileSync(join(dir, file), 'utf8') }))
    const catalogueChunks = Object.fromEntries(Object.entries(PLEO_CATALOGS).map(([locale, messages]) => [locale, chunks.find(chunk => chunk.text.includes(JSON.stringify(messages.errors.key_malformed.message).slice(1, -1)))?.file]))
    const loadedAtOnce = [...settings.files, ...pleoHome.files].map(file => file.replace('(hint) ', ''))
    const localesInPage = Object.entries(catalogueChunks).filter(([, file]) => file && loadedAtOnce.includes(file)).map(([locale]) => locale)
    const activeCatalogue = gzipSync(readFileSync(join(dir, catalogueChunks.en)), { level: 9 }).length
    const zodChunks = chunks.filter(chunk => /ZodError|_zod\b|\$ZodType/.test(chunk.text)).map(chunk => chunk.file)

    figure('bundle', 'P21', `the module adds ${kb(entryAdded)} KB gzipped JS to the entry every page loads of a host app that has Pinia and a store of its own (budget ≤ 6 KB; an app without Pinia also pays @pinia/nuxt's ${kb(piniaAdded)} KB, with defineStore and most of Nuxt's useFetch/useAsyncData, which its plugin's import of #app keeps) and ${pageText}, plus the active locale's catalogue on demand (${kb(activeCatalogue)} KB, en); catalogues loaded with the page: ${localesInPage.length ? localesInPage.join(', ') : 'none'} of ${Object.keys(catalogueChunks).length}; zod in the browser: ${zodChunks.length ? zodChunks.join(', ') : 'none'}`, { entryAddedBytes: entryAdded, piniaEntryBytes: piniaAdded, settingsPageBytes: pageAdded, settingsPagePreloaded: pageOnly.size > 0, activeCatalogueBytes: activeCatalogue, localesInPage, zodChunks })

    for (const path of ['/', '/settings/pleo']) await runLoad(`${pleoApp.base}${path}`, { connections: 20, durationMs: 1500 })
    // In alternating 1 s turns, as the status section loads its two routes: a drift of a shared machine's load
    // falls on both pages alike rather than on whichever ran second.
    const [bareRender, settingsRender] = await runSideBySide([`${pleoApp.base}/`, `${pleoApp.base}/settings/pleo`], { connections: 50, durationMs })
    figure('bundle', 'P21', `server-rendering /settings/pleo: ${fmt(settingsRender.reqPerSec)} req/s = ${ratio(settingsRender.reqPerSec, bareRender.reqPerSec)}× a bare page of the same app (${fmt(bareRender.reqPerSec)} req/s; budget ≥ 0.8×), non2xx ${settingsRender.non2xx}`, { settingsReqPerSec: settingsRender.reqPerSec, bareReqPerSec: bareRender.reqPerSec, ratio: settingsRender.reqPerSec / bareRender.reqPerSec })
  }
  finally {
    await pleoApp.stop()
    await piniaApp.stop()
    await bareApp.stop()
  }
}
