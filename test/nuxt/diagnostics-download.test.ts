// "Download diagnostics" on the settings page: the button and its words, the file it saves, and errors in words.
import { registerEndpoint } from '@nuxt/test-utils/runtime'
import { defineEventHandler, setResponseStatus } from 'h3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import { usePleoMessages } from '../../src/runtime/app/composables/usePleoMessages'
import { ROUTES } from '../../src/runtime/shared/routes'
import { errorWords } from '../../src/runtime/shared/i18n/catalogue'
import { en } from '../../src/runtime/shared/i18n/en'
import { PLEO_CATALOGS } from '../../src/runtime/shared/i18n/messages'
import type { PleoDiagnosticsReport } from '../../src/runtime/shared/diagnostics'
import { connected, disconnected, resetApi, VALID_KEY } from './fake-api'
import { button, hasButton, mountPleo, piniaState, resetApp, settle } from './helpers'

const report: PleoDiagnosticsReport = {
  format: 'pleo-connect-diagnostics',
  version: 1,
  generatedAt: '2026-12-03T09:30:00.000Z',
  module: { name: 'nuxt-pleo-connect', version: '0.1.0' },
  nuxt: { version: '4.4.8' },
  node: { version: 'v24.0.0' },
  environment: 'production',
  baseUrlHost: 'external.pleo.io',
  connection: { state: 'connected', keyType: 'standalone', companyId: connected.company!.id, keyHint: '••••6058', keyFingerprint: 'a1b2c3d4e5f6' },
  stateHistory: [{ at: '2026-12-01T08:00:00.000Z', state: 'connected', type: 'connected' }],
  recentChecks: [{ at: '2026-12-03T09:00:00.000Z', statusClass: '2xx', status: 200, latencyMs: 84 }],
  clock: { skewMs: 1200, measuredAt: '2026-12-03T09:00:00.100Z' },
}

const server = { reads: 0, refuse: false }
registerEndpoint(ROUTES.diagnostics, {
  method: 'GET',
  handler: defineEventHandler((event) => {
    server.reads++
    if (!server.refuse) return report
    setResponseStatus(event, 403)
    return { statusCode: 403, message: 'forbidden', data: { code: 'forbidden', ...errorWords(en.errors, { code: 'forbidden' }) } }
  }),
})

/** What the browser was handed to save: the Blob's text, the file name, and whether its URL was let go. */
function watchDownloads() {
  const saved: Array<{ blob: Blob, url: string, fileName?: string }> = []
  const revoked: string[] = []
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${saved.length}`
    saved.push({ blob: blob as Blob, url })
    return url
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(url => void revoked.push(url))
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const entry = saved.find(candidate => candidate.url === this.href)
    if (entry) entry.fileName = this.download
  })
  return { saved, revoked }
}

beforeEach(() => {
  resetApi(connected)
  server.reads = 0
  server.refuse = false
})
afterEach(() => {
  vi.restoreAllMocks()
  resetApp()
})

describe('<PleoConnect>: Download diagnostics', () => {
  it('a small secondary button with one sentence saying what the file holds and that it holds no key', async () => {
    const wrapper = await mountPleo(PleoConnect)
    const download = button(wrapper, en.diagnostics.action)
    expect(download.classes()).toEqual(expect.arrayContaining(['pleo-connect-button', 'pleo-connect-button--small']))
    expect(download.classes()).not.toContain('pleo-connect-button--primary')
    const description = wrapper.find(`#${CSS.escape(download.attributes('aria-describedby')!)}`)
    expect(description.text()).toBe(en.diagnostics.description)
    expect(description.text()).toContain('no API Key')
    // Nothing is fetched before the admin asks.
    expect(server.reads).toBe(0)
  })

  it('is not offered before a key is saved', async () => {
    resetApi(disconnected)
    const wrapper = await mountPleo(PleoConnect)
    expect(hasButton(wrapper, en.diagnostics.action)).toBe(false)
  })

  it('saves the report as a dated JSON file, lets the object URL go, says so, and keeps nothing in the store', async () => {
    const { saved, revoked } = watchDownloads()
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, en.diagnostics.action).trigger('click')
    await settle()
    await new Promise(resolve => setTimeout(resolve, 0))
    expect(server.reads).toBe(1)
    expect(saved).toHaveLength(1)
    expect(saved[0]!.fileName).toBe('pleo-connect-diagnostics-2026-12-03.json')
    expect(saved[0]!.blob.type).toBe('application/json')
    expect(JSON.parse(await saved[0]!.blob.text())).toEqual(report)
    expect(revoked).toEqual([saved[0]!.url])
    expect(wrapper.find('.pleo-diagnostics__status').text()).toBe(en.diagnostics.downloaded)
    expect(wrapper.find('.pleo-diagnostics__status').attributes('role')).toBe('status')
    expect(piniaState()).not.toContain('pleo-connect-diagnostics')
    expect(piniaState()).not.toContain(VALID_KEY)
  })

  it('a refusal is shown in words with what to do, and nothing is saved', async () => {
    const { saved } = watchDownloads()
    server.refuse = true
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, en.diagnostics.action).trigger('click')
    await settle()
    expect(saved).toEqual([])
    const error = wrapper.find('.pleo-diagnostics .pleo-error')
    expect(error.attributes('data-code')).toBe('forbidden')
    expect(error.text()).toContain(en.errors.forbidden.message)
    expect(error.text()).toContain(en.errors.forbidden.action)
  })

  it.each(Object.keys(PLEO_CATALOGS).filter(locale => locale !== 'en'))('speaks %s', async (locale) => {
    usePleoMessages().locale.value = locale
    const words = PLEO_CATALOGS[locale]!.diagnostics
    const wrapper = await mountPleo(PleoConnect)
    expect(hasButton(wrapper, words.action)).toBe(true)
    expect(wrapper.text()).toContain(words.description)
    for (const key of ['action', 'description', 'preparing', 'downloaded'] as const) expect(words[key], key).not.toBe(en.diagnostics[key])
  })
})
