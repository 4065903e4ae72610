// Integrated keys: Pleo's install dialog shows the key once and sends the customer here ("Go to [Integration]").
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useRuntimeConfig } from '#imports'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import PleoReturnLink from '../../src/runtime/app/components/PleoReturnLink.vue'
import { usePleoMessages } from '../../src/runtime/app/composables/usePleoMessages'
import SettingsPage from '../../src/runtime/app/pages/settings-pleo.vue'
import type { ConnectionView } from '../../src/runtime/shared/schemas'
import { api, COMPANY_A, connected, disconnected, resetApi, VALID_KEY } from './fake-api'
import { button, byLabel, hasButton, mountPleo, piniaState, resetApp, settle, setReturnUrl, submitKey, uiConfig } from './helpers'

const RETURN_URL = 'https://app.pleo.io/settings/integrations/acme-erp'
const notYet: ConnectionView = { ...disconnected, keyType: 'integrated' }
const integrated: ConnectionView = { ...connected, keyType: 'integrated' }

beforeEach(() => resetApi(notYet))
afterEach(() => {
  vi.useRealTimers()
  resetApp()
})

type Wrapper = Awaited<ReturnType<typeof mountPleo>>
const returnLink = (wrapper: Wrapper) => wrapper.findAll('a').find(link => link.text() === 'Return to Pleo')

/** Leaving the tab and coming back: focus and visibility events, more than the 1 s burst guard apart. */
async function returnToTab() {
  vi.setSystemTime(Date.now() + 5000)
  document.dispatchEvent(new Event('visibilitychange'))
  window.dispatchEvent(new Event('focus'))
  await settle()
}

describe('arriving from Pleo\'s install dialog', () => {
  it('the page works when reached directly, whatever the query string', async () => {
    const wrapper = await mountPleo(SettingsPage, { route: '/settings/pleo?utm_source=pleo&installation_id=abc&pleo=&pleo=x&company_id[]=1' })
    expect(wrapper.find('h1').text()).toBe('Pleo integration')
    expect(wrapper.find('.pleo-status').text()).toContain('Not connected')
    const input = byLabel(wrapper, 'API Key')
    expect(document.activeElement).not.toBe(input.element)
    api.answers.push({ view: integrated })
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
    expect(window.location.href).not.toContain(VALID_KEY)
  })

  it('the guidance says Pleo generated the key during installation and that it is copied from Pleo\'s install dialog', async () => {
    const wrapper = await mountPleo(PleoConnect)
    const guidance = wrapper.find('.pleo-guidance')
    expect(guidance.attributes('data-key-type')).toBe('integrated')
    expect(guidance.text()).toContain('Pleo generated this API Key for you during the installation of this integration.')
    expect(guidance.text()).toContain('Copy it from the installation dialog in Pleo, then paste it here.')
    expect(guidance.text()).not.toContain('Settings → API Keys')
  })

  it('the Danish guidance says the same', async () => {
    usePleoMessages().locale.value = 'da'
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-guidance').text()).toContain('Pleo genererede denne API-nøgle til dig under installationen')
    expect(wrapper.find('.pleo-guidance').text()).toContain('installationsdialogen i Pleo')
  })
})

describe('Return to Pleo (option returnUrl)', () => {
  it('is in public runtime config, empty by default (NUXT_PUBLIC_PLEO_CONNECT_RETURN_URL fills it)', () => {
    expect((useRuntimeConfig().public.pleoConnect as { returnUrl: string }).returnUrl).toBe('')
  })

  it('appears once the connection succeeded, not before', async () => {
    setReturnUrl(RETURN_URL)
    api.answers.push({ view: integrated })
    const wrapper = await mountPleo(PleoConnect)
    expect(returnLink(wrapper)).toBeUndefined()
    await submitKey(wrapper, VALID_KEY)
    const link = returnLink(wrapper)!
    expect(link.attributes('href')).toBe(RETURN_URL)
    expect(link.attributes('target')).toBeUndefined()
    // The confirmation is read first; the way back comes right after it.
    expect(document.activeElement).toBe(wrapper.find('.pleo-confirmation').element)
  })

  it('is not shown without a returnUrl, nor while action is required or a new key is being entered', async () => {
    resetApi(integrated)
    expect(returnLink(await mountPleo(PleoConnect))).toBeUndefined()
    resetApp()
    setReturnUrl(RETURN_URL)
    resetApi({ ...integrated, state: 'action_required', problem: { code: 'key_rejected', message: 'x', action: 'y' } })
    expect(returnLink(await mountPleo(PleoConnect))).toBeUndefined()
    resetApp()
    setReturnUrl(RETURN_URL)
    resetApi(integrated)
    const wrapper = await mountPleo(PleoConnect)
    expect(returnLink(wrapper)).toBeDefined()
    await button(wrapper, 'Update API Key').trigger('click')
    await settle()
    expect(returnLink(wrapper)).toBeUndefined()
  })

  it('only ever links to a web address or a path', async () => {
    resetApi(integrated)
    for (const [url, shown] of [['javascript:alert(1)', false], ['data:text/html,x', false], ['//evil.example', false], ['/back', true], [` ${RETURN_URL} `, true]] as const) {
      setReturnUrl(url)
      const wrapper = await mountPleo(PleoConnect)
      expect(returnLink(wrapper)?.attributes('href'), url).toBe(shown ? url.trim() : undefined)
      resetApp()
    }
  })

  it('<PleoReturnLink> takes its own href and text', async () => {
    const wrapper = await mountPleo(PleoReturnLink, { props: { href: RETURN_URL }, slots: { default: () => 'Back to Pleo' } })
    expect(wrapper.find('a').attributes('href')).toBe(RETURN_URL)
    expect(wrapper.find('a').text()).toBe('Back to Pleo')
    usePleoMessages().locale.value = 'da'
    expect((await mountPleo(PleoReturnLink, { props: { href: RETURN_URL } })).find('a').text()).toBe('Tilbage til Pleo')
  })
})

describe('switching tabs during the installation', () => {
  it('a half-typed key and expiry date survive the refresh on returning to the tab', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    // Integrated keys have no expiry date field unless the integrator asks for one.
    uiConfig().askKeyExpiry = 'always'
    const wrapper = await mountPleo(PleoConnect)
    await byLabel(wrapper, 'API Key').setValue('demo-valid-3f9c')
    await byLabel(wrapper, 'Key expires on').setValue('2027-01-31')
    const reads = api.calls.filter(call => call.method === 'GET').length
    await returnToTab()
    expect(api.calls.filter(call => call.method === 'GET')).toHaveLength(reads + 1)
    expect(byLabel(wrapper, 'API Key').element.value).toBe('demo-valid-3f9c')
    expect(byLabel(wrapper, 'Key expires on').element.value).toBe('2027-01-31')
    // Also when the refresh finds a failed attempt made meanwhile in another tab.
    api.view = { ...notYet, state: 'failed', problem: { code: 'key_rejected', message: 'x', action: 'y' } }
    await returnToTab()
    expect(wrapper.find('.pleo-problem').exists()).toBe(true)
    expect(byLabel(wrapper, 'API Key').element.value).toBe('demo-valid-3f9c')
    expect(piniaState()).not.toContain('demo-valid-3f9c')
  })

  it('returning after connecting in another tab shows the connection and the way back to Pleo', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    setReturnUrl(RETURN_URL)
    const wrapper = await mountPleo(PleoConnect)
    api.view = integrated
    await returnToTab()
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
    expect(wrapper.find('[role="status"]').text()).toBe(`Connected to Company ID: ${COMPANY_A}.`)
    expect(returnLink(wrapper)?.attributes('href')).toBe(RETURN_URL)
    expect(wrapper.find('input[type="password"]').exists()).toBe(false)
  })

  it('a stale "?pleo=replace" link does not open Update API Key over a connection just made', async () => {
    api.answers.push({ view: integrated })
    const wrapper = await mountPleo(PleoConnect, { route: '/settings/pleo?pleo=replace' })
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.find('.pleo-connect__update').exists()).toBe(false)
    expect(hasButton(wrapper, 'Update API Key')).toBe(true)
    expect(document.activeElement).toBe(wrapper.find('.pleo-confirmation').element)
  })
})

describe('a company already connected to another account of this app', () => {
  const taken = 'This Pleo company is already connected to another account in this app.'

  it('a first connection says so specifically, with what to do', async () => {
    api.answers.push({ error: 'key_other_company', data: { variant: 'held_elsewhere', message: taken } })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    const error = wrapper.find('.pleo-error')
    expect(error.text()).toContain(taken)
    expect(error.text()).toContain('Use the API Key of your own company, or disconnect the company from the other account first.')
    expect(error.text()).not.toContain('than the one connected now')
    expect(byLabel(wrapper, 'API Key').attributes('readonly')).toBeUndefined()
  })

  it('a replacement says so too, instead of asking to switch companies', async () => {
    resetApi(integrated)
    api.answers.push({ error: 'key_other_company', data: { variant: 'held_elsewhere', message: taken } })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Update API Key').trigger('click')
    await settle()
    await submitKey(wrapper, VALID_KEY, 'Update API Key')
    expect(wrapper.find('.pleo-company-change').exists()).toBe(false)
    expect(wrapper.find('.pleo-error').text()).toContain('The new API Key was not saved.')
    expect(wrapper.find('.pleo-error').text()).toContain(taken)
  })

  it('the failure stored from before (page reloaded, another tab) says so as well', async () => {
    resetApi({ ...notYet, state: 'failed', problem: { code: 'key_other_company', variant: 'held_elsewhere', message: taken, action: 'y' } })
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-problem').text()).toContain(taken)
    expect(wrapper.find('.pleo-problem').text()).not.toContain('than the one connected now')
  })

  it('in Danish', async () => {
    usePleoMessages().locale.value = 'da'
    api.answers.push({ error: 'key_other_company', data: { variant: 'held_elsewhere' } })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY, 'Forbind', 'API-nøgle')
    expect(wrapper.find('.pleo-error').text()).toContain('Denne Pleo-virksomhed er allerede forbundet til en anden konto i appen.')
  })
})
