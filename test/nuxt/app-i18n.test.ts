// An app with @nuxtjs/i18n: the Pleo components follow the app's own locale at once, and the banner's link keeps
// the locale's prefix. Stood in for by what @nuxtjs/i18n provides on the Nuxt app ($i18n.locale, $localePath);
// its own file, since a provided value stays for the file's whole app.
import { ref } from 'vue'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useNuxtApp } from '#imports'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import PleoConnectionBanner from '../../src/runtime/app/components/PleoConnectionBanner.vue'
import { de } from '../../src/runtime/shared/i18n/de'
import { fr } from '../../src/runtime/shared/i18n/fr'
import { connected, disconnected, resetApi } from './fake-api'
import { hasButton, mountPleo, resetApp, settle } from './helpers'

const appLocale = ref('de')

beforeAll(() => {
  useNuxtApp().provide('i18n', { locale: appLocale })
  useNuxtApp().provide('localePath', (path: string) => `/${appLocale.value}${path}`)
})
afterAll(resetApp)

describe('in an app with @nuxtjs/i18n', () => {
  it('speaks the app\'s current locale, and switches with it as soon as its texts have loaded', async () => {
    resetApi(disconnected)
    const wrapper = await mountPleo(PleoConnect)
    expect(hasButton(wrapper, de.actions.connect)).toBe(true)
    appLocale.value = 'fr'
    await settle()
    expect(hasButton(wrapper, fr.actions.connect)).toBe(true)
    expect(wrapper.find('.pleo-status__text').text()).toBe(fr.status.disconnected)
  })

  it('leads the banner\'s "Replace API Key" to the settings page under the locale\'s prefix', async () => {
    appLocale.value = 'de'
    resetApi({ ...connected, state: 'action_required', problem: { code: 'key_rejected', message: 'x', action: 'y' } })
    const wrapper = await mountPleo(PleoConnectionBanner)
    const link = wrapper.find('a')
    expect(link.text()).toBe(de.banner.action)
    expect(link.attributes('href')).toBe('/de/settings/pleo?pleo=replace')
  })
})
