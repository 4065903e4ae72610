import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import PleoApiKeyField from '../../src/runtime/app/components/PleoApiKeyField.vue'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import PleoKeyExpiryWarning from '../../src/runtime/app/components/PleoKeyExpiryWarning.vue'
import { usePleoMessages } from '../../src/runtime/app/composables/usePleoMessages'
import type { ConnectionView } from '../../src/runtime/shared/schemas'
import { api, COMPANY_A, connected, disconnected, resetApi, VALID_KEY } from './fake-api'
import { button, byLabel, isMasked, mountPleo, resetApp, settle, submitKey } from './helpers'

beforeEach(() => resetApi(disconnected))
afterEach(() => {
  vi.useRealTimers()
  resetApp()
})

const posted = () => api.calls.filter(call => call.method === 'POST' || call.method === 'PUT').map(call => call.body)

describe('"Key expires on" next to the key field', () => {
  it('is an optional date input, labelled and described, that never counts as the API Key field', async () => {
    const wrapper = await mountPleo(PleoApiKeyField)
    const date = byLabel(wrapper, 'Key expires on')
    expect(date.attributes('type')).toBe('date')
    expect(wrapper.findAll('label').map(label => label.text())).toEqual(['Pleo API Key (secret credential)', 'Key expires on (optional)'])
    const hint = wrapper.find(`#${CSS.escape(date.attributes('aria-describedby')!)}`)
    expect(hint.text()).toContain('If the key has an expiration date in Pleo')
    expect(isMasked(byLabel(wrapper, 'API Key'))).toBe(true)
  })

  it('is sent as keyExpiresAt with the key, and emptied with it after success', async () => {
    api.answers.push({ view: { ...connected, keyExpiresAt: '2027-01-31' } })
    const wrapper = await mountPleo(PleoApiKeyField)
    await byLabel(wrapper, 'Key expires on').setValue('2027-01-31')
    await submitKey(wrapper, VALID_KEY)
    expect(posted()).toEqual([{ apiKey: VALID_KEY, keyExpiresAt: '2027-01-31' }])
    expect(byLabel(wrapper, 'Key expires on').element.value).toBe('')
  })

  it('goes along when the company is picked for an organisation key', async () => {
    api.answers.push({ error: 'organisation_key_needs_company', data: { companies: [{ id: COMPANY_A }] } }, { view: connected })
    const wrapper = await mountPleo(PleoConnect)
    await byLabel(wrapper, 'Key expires on').setValue('2027-01-31')
    await submitKey(wrapper, VALID_KEY)
    await button(wrapper, 'Connect this company').trigger('click')
    await settle()
    expect(posted()).toEqual([
      { apiKey: VALID_KEY, keyExpiresAt: '2027-01-31' },
      { apiKey: VALID_KEY, keyExpiresAt: '2027-01-31', companyId: COMPANY_A },
    ])
  })

  it('is offered for a replacement key too', async () => {
    resetApi(connected)
    api.answers.push({ view: { ...connected, keyExpiresAt: '2027-06-30' } })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Update API Key').trigger('click')
    await settle()
    await byLabel(wrapper, 'Key expires on').setValue('2027-06-30')
    await submitKey(wrapper, VALID_KEY, 'Update API Key')
    expect(posted()).toEqual([{ apiKey: VALID_KEY, keyExpiresAt: '2027-06-30' }])
  })

  it('a date that is not one (a browser without a date picker) is refused before anything is sent, and focused', async () => {
    const wrapper = await mountPleo(PleoApiKeyField)
    const date = byLabel(wrapper, 'Key expires on')
    // A browser without a date picker shows a text field instead.
    date.element.setAttribute('type', 'text')
    await date.setValue('31/01/2027')
    await submitKey(wrapper, VALID_KEY)
    expect(posted()).toEqual([])
    expect(byLabel(wrapper, 'API Key').element.value).toBe(VALID_KEY)
    expect(date.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(date.element)
    const describedBy = date.attributes('aria-describedby')!.split(' ')
    expect(wrapper.find(`#${CSS.escape(describedBy[1]!)}`).text()).toBe('Enter the date as YYYY-MM-DD, for example 2027-01-31.')
  })

  it('can be left out by the app (askExpiry: false)', async () => {
    const wrapper = await mountPleo(PleoApiKeyField, { props: { askExpiry: false } })
    expect(wrapper.findAll('input')).toHaveLength(1)
  })
})

describe('the connected view and the expiry date', () => {
  /** Today is 21 January 2027 in the admin's own time zone, in the afternoon. */
  const onJanuary21 = () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(2027, 0, 21, 15, 30))
  }
  const expiringOn = (date: string): ConnectionView => ({ ...connected, keyExpiresAt: date })

  it('shows "Key expires on" with the date, and no warning while it is far', async () => {
    onJanuary21()
    resetApi(expiringOn('2027-03-01'))
    const wrapper = await mountPleo(PleoConnect)
    const details = wrapper.find('.pleo-confirmation').text()
    expect(details).toContain('Key expires on')
    expect(details).toContain('Mar 1, 2027')
    expect(wrapper.find('.pleo-expiry').exists()).toBe(false)
  })

  it.each([
    ['2027-02-04', 14, 'This API Key expires in 14 days. Create a new key in Pleo and update it here before then.'],
    ['2027-01-31', 10, 'This API Key expires in 10 days. Create a new key in Pleo and update it here before then.'],
    ['2027-01-22', 1, 'This API Key expires tomorrow. Create a new key in Pleo and update it here before then.'],
    ['2027-01-21', 0, 'This API Key expires today. Create a new key in Pleo and update it here before then.'],
  ])('warns within 14 days: %s', async (date, days, text) => {
    onJanuary21()
    resetApi(expiringOn(date))
    const wrapper = await mountPleo(PleoConnect)
    const warning = wrapper.find('.pleo-expiry')
    expect(warning.text()).toContain('The API Key expires soon')
    expect(warning.text()).toContain(text)
    expect(warning.attributes('data-days')).toBe(String(days))
    // A warning, not an error: the connection still works and says so.
    expect(warning.attributes('role')).toBeUndefined()
    expect(wrapper.find('.pleo-error').exists()).toBe(false)
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
  })

  it('says when the date has passed', async () => {
    onJanuary21()
    resetApi(expiringOn('2027-01-15'))
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-expiry').text()).toContain('The API Key has expired')
    expect(wrapper.find('.pleo-expiry').text()).toContain('This API Key expired on Jan 15, 2027. Create a new key in Pleo and update it here.')
  })

  it('there is no warning before the window (by default the first reminder\'s 30 days); the window can be changed', async () => {
    onJanuary21()
    resetApi(expiringOn('2027-02-25'))
    expect((await mountPleo(PleoConnect)).find('.pleo-expiry').exists()).toBe(false)
    expect((await mountPleo(PleoKeyExpiryWarning, { props: { warningDays: 40 } })).text()).toContain('expires in 35 days')
    resetApi(expiringOn('2027-02-05'))
    expect((await mountPleo(PleoKeyExpiryWarning, { props: { warningDays: 14 } })).find('.pleo-expiry').exists()).toBe(false)
    expect((await mountPleo(PleoKeyExpiryWarning)).text()).toContain('expires in 15 days')
  })

  it('no warning without a date or without a stored key', async () => {
    onJanuary21()
    resetApi(connected)
    expect((await mountPleo(PleoKeyExpiryWarning)).find('.pleo-expiry').exists()).toBe(false)
    expect((await mountPleo(PleoKeyExpiryWarning, { props: { view: { ...disconnected, keyExpiresAt: '2027-01-22' } } })).find('.pleo-expiry').exists()).toBe(false)
  })

  it('in Danish', async () => {
    onJanuary21()
    usePleoMessages().locale.value = 'da'
    resetApi(expiringOn('2027-01-31'))
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-confirmation').text()).toContain('Nøglen udløber den')
    expect(wrapper.find('.pleo-expiry').text()).toContain('Denne API-nøgle udløber om 10 dage. Opret en ny nøgle i Pleo, og opdater den her inden da.')
  })
})
