// An app with @nuxtjs/i18n, through a real vue-i18n: the module's texts are the app's messages (`pleoConnect.*`, as
// the module registers them, with the app's own files over them), plurals and dates go through vue-i18n, and
// `ui.messages` still wins. The built-in mode (no vue-i18n) is what every other test of this folder runs.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import { useNuxtApp } from '#imports'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import PleoErrorMessage from '../../src/runtime/app/components/PleoErrorMessage.vue'
import PleoKeyExpiryWarning from '../../src/runtime/app/components/PleoKeyExpiryWarning.vue'
import { de } from '../../src/runtime/shared/i18n/de'
import { fr } from '../../src/runtime/shared/i18n/fr'
import { connected, disconnected, resetApi } from './fake-api'
import { hasButton, mountPleo, resetApp, settle, uiConfig } from './helpers'

// What the app's vue-i18n holds: the module's registered catalogues, then the app's own German file over them.
const appGerman = {
  actions: { connect: 'Pleo jetzt verbinden' },
  error: { retryAfter: 'Versuchen Sie es in einer Minute erneut. | Versuchen Sie es in {minutes} Minuten erneut.' },
}
const i18n = createI18n({
  legacy: false,
  locale: 'de',
  fallbackLocale: 'en',
  messages: {
    de: { pleoConnect: { ...de, actions: { ...de.actions, ...appGerman.actions }, error: { ...de.error, ...appGerman.error } } },
    fr: { pleoConnect: fr },
  },
  missingWarn: false,
  fallbackWarn: false,
})
const composer = i18n.global

beforeAll(() => useNuxtApp().provide('i18n', composer))
afterEach(() => {
  resetApp()
  composer.locale.value = 'de'
})
afterAll(() => vi.restoreAllMocks())

describe('with the app\'s vue-i18n', () => {
  it('shows the app\'s own text for an entry and the registered one for the rest, and follows a switch at once', async () => {
    resetApi(disconnected)
    const wrapper = await mountPleo(PleoConnect)
    expect(hasButton(wrapper, 'Pleo jetzt verbinden')).toBe(true)
    expect(wrapper.find('.pleo-status__text').text()).toBe(de.status.disconnected)
    composer.locale.value = 'fr'
    await settle()
    expect(hasButton(wrapper, fr.actions.connect)).toBe(true)
    expect(wrapper.find('.pleo-status__text').text()).toBe(fr.status.disconnected)
  })

  it('asks vue-i18n for the texts once for the whole page, not once per component', async () => {
    const leaves = (node: unknown): number => typeof node === 'string' ? 1 : Object.values(node as object).reduce((sum: number, child) => sum + leaves(child), 0)
    const asked = vi.spyOn(composer, 'te')
    resetApi(disconnected)
    await mountPleo(PleoConnect)
    // One look-up per entry of the catalogue (and a few for counted texts), though a dozen components show texts.
    expect(asked.mock.calls.length).toBeGreaterThanOrEqual(leaves(de))
    expect(asked.mock.calls.length).toBeLessThan(leaves(de) + 20)
    asked.mockRestore()
  })

  it('lets `ui.messages` win over the app\'s messages', async () => {
    uiConfig().messages = { de: { actions: { connect: 'Verbinden (Konfiguration)' } } }
    resetApi(disconnected)
    const wrapper = await mountPleo(PleoConnect)
    expect(hasButton(wrapper, 'Verbinden (Konfiguration)')).toBe(true)
  })

  it('picks plural forms with vue-i18n, the count filled in', async () => {
    const oneMinute = await mountPleo(PleoErrorMessage, { props: { error: { code: 'too_many_attempts', during: 'connect', retryAfter: 50 } } })
    expect(oneMinute.text()).toContain('Versuchen Sie es in einer Minute erneut.')
    const fiveMinutes = await mountPleo(PleoErrorMessage, { props: { error: { code: 'too_many_attempts', during: 'connect', retryAfter: 290 } } })
    expect(fiveMinutes.text()).toContain('Versuchen Sie es in 5 Minuten erneut.')
    expect(fiveMinutes.text()).not.toContain('|')
  })

  it('formats dates with vue-i18n\'s `d`, in the app\'s locale', async () => {
    const formatDate = vi.spyOn(composer, 'd')
    const wrapper = await mountPleo(PleoKeyExpiryWarning, { props: { view: { ...connected, keyExpiresAt: '2026-01-05' } } })
    expect(formatDate).toHaveBeenCalledWith(new Date('2026-01-05T00:00:00Z'), { dateStyle: 'medium', timeZone: 'UTC' })
    expect(wrapper.text()).toContain(de.expiry.expired.replace('{date}', '05.01.2026'))
  })
})
