import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import PleoConnectionBanner from '../../src/runtime/app/components/PleoConnectionBanner.vue'
import { usePleoMessages } from '../../src/runtime/app/composables/usePleoMessages'
import { COMPANY_A, connected, disconnected, resetApi, VALID_KEY, api } from './fake-api'
import { byLabel, hasButton, mountPleo, resetApp, submitKey, uiConfig } from './helpers'

beforeEach(() => resetApi(disconnected))
afterEach(resetApp)

describe('Danish', () => {
  it('labels, guidance, button and status are Danish', async () => {
    usePleoMessages().locale.value = 'da'
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('label').text()).toBe('Pleo API-nøgle (hemmelig adgangsoplysning)')
    expect(wrapper.text()).toContain('Indstillinger → API-nøgler')
    expect(wrapper.text()).toContain('kan den ikke ses igen')
    expect(hasButton(wrapper, 'Forbind')).toBe(true)
    expect(wrapper.find('.pleo-status__text').text()).toBe('Ikke forbundet')
  })

  it('errors are translated by code, and so is the format pre-check', async () => {
    usePleoMessages().locale.value = 'da'
    api.answers.push({ error: 'key_rejected' })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, 'short', 'Forbind', 'API-nøgle')
    expect(wrapper.text()).toContain('Nøglen er for kort til at være en Pleo API-nøgle.')
    await submitKey(wrapper, VALID_KEY, 'Forbind', 'API-nøgle')
    expect(wrapper.find('.pleo-error').text()).toContain('API-nøglen ser ud til at være ugyldig. Pleo accepterede den ikke.')
    expect(wrapper.find('.pleo-error').text()).not.toContain('appears to be invalid')
  })

  it('the confirmation and the banner are Danish', async () => {
    usePleoMessages().locale.value = 'da'
    resetApi(connected)
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Forbundet til virksomheds-ID: ${COMPANY_A}`)
    expect(hasButton(wrapper, 'Opdater API-nøgle')).toBe(true)
    resetApi({ ...connected, state: 'action_required' })
    const banner = await mountPleo(PleoConnectionBanner)
    expect(banner.text()).toContain('Din forbindelse til Pleo er blevet afbrudt.')
    expect(banner.find('a').text()).toBe('Udskift API-nøgle')
  })
})

describe('overrides from the app (public runtime config pleoConnect.ui)', () => {
  it('the module puts its UI options into public runtime config', () => {
    expect(uiConfig()).toEqual({ locale: 'en', messages: {}, pagePath: '/settings/pleo', expiryWarningDays: 30, askKeyExpiry: 'standalone', scopes: { required: [], optional: [], purposes: {} } })
  })

  it('replaces single strings and keeps the rest', async () => {
    uiConfig().messages = { en: { actions: { connect: 'Link Pleo' }, field: { label: 'Pleo API Key for Acme' } } }
    const wrapper = await mountPleo(PleoConnect)
    expect(hasButton(wrapper, 'Link Pleo')).toBe(true)
    expect(hasButton(wrapper, 'Connect')).toBe(false)
    expect(byLabel(wrapper, 'Pleo API Key for Acme').exists()).toBe(true)
    expect(wrapper.text()).toContain('company-level access')
  })

  it('overrides error texts by code', async () => {
    uiConfig().messages = { en: { errors: { key_rejected: { message: 'Acme could not use that key.' } } } }
    api.answers.push({ error: 'key_rejected' })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.find('.pleo-error').text()).toContain('Acme could not use that key.')
    expect(wrapper.find('.pleo-error').text()).toContain('Please check the key and try again.')
  })

  it('a locale that does not ship starts from English and takes its overrides', async () => {
    usePleoMessages().locale.value = 'is'
    uiConfig().messages = { is: { actions: { connect: 'Tengjast' } } }
    const wrapper = await mountPleo(PleoConnect)
    expect(hasButton(wrapper, 'Tengjast')).toBe(true)
    expect(wrapper.find('.pleo-status__text').text()).toBe('Not connected')
  })
})
