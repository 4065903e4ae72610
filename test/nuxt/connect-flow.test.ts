import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import PleoConnectionBanner from '../../src/runtime/app/components/PleoConnectionBanner.vue'
import PleoConnectionStatus from '../../src/runtime/app/components/PleoConnectionStatus.vue'
import { ROUTES } from '../../src/runtime/shared/routes'
import { ERROR_CODES, type PleoErrorCode } from '../../src/runtime/shared/error-codes'
import { en } from '../../src/runtime/shared/i18n/en'
import type { ConnectionView } from '../../src/runtime/shared/schemas'
import { usePleoConnectionStore } from '../../src/runtime/app/stores/pleo-connection'
import { api, COMPANY_A, COMPANY_B, connected, disconnected, resetApi, VALID_KEY } from './fake-api'
import { button, byLabel, gate, hasButton, mountPleo, piniaState, resetApp, settle, submitKey } from './helpers'

beforeEach(() => resetApi(disconnected))
afterEach(() => {
  vi.useRealTimers()
  resetApp()
})

/** Polling and the focus throttle read the clock and use setInterval; nothing else is faked. */
const fakeClock = () => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })

const liveRegion = (wrapper: Awaited<ReturnType<typeof mountPleo>>) => wrapper.find('[role="status"][aria-live="polite"]')

describe('<PleoConnect>: first connection', () => {
  it('shows the app\'s own guidance through the `guidance` slot, for the key type, in place of the module\'s', async () => {
    const own = await mountPleo(PleoConnect, { slots: { guidance: ({ keyType }: { keyType: string }) => h('p', { class: 'own-guidance' }, `Ask finance for a ${keyType} key`) } })
    expect(own.find('.pleo-key-field__guidance').text()).toBe('Ask finance for a standalone key')
    const shipped = await mountPleo(PleoConnect)
    expect(shipped.find('.pleo-key-field__guidance').text()).toContain('company-level access')
  })

  it('shows Not connected, the key field and a Connect button', async () => {
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-status').text()).toContain('Not connected')
    expect(byLabel(wrapper, 'API Key').exists()).toBe(true)
    expect(hasButton(wrapper, 'Connect')).toBe(true)
    expect(hasButton(wrapper, 'Disconnect')).toBe(false)
  })

  it('shows Validation in progress with its three steps while waiting, then Connected to Company ID with the name, focused', async () => {
    const wait = gate()
    api.gate = wait.promise
    api.answers.push({ view: connected })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)

    const progress = wrapper.find('.pleo-progress')
    expect(progress.text()).toContain('Validation in progress')
    // In the order they run: the company is confirmed before anything is activated in Pleo.
    expect(progress.findAll('li').map(step => step.text())).toEqual(['Validating the API Key', 'Confirming the company', 'Activating the installation'])
    expect(wrapper.find('.pleo-status').text()).toContain('Validation in progress')
    expect(liveRegion(wrapper).text()).toBe('Validation in progress.')

    wait.release()
    await settle()
    const confirmation = wrapper.find('.pleo-confirmation')
    expect(confirmation.text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
    expect(confirmation.text()).toContain('Acme ApS')
    expect(confirmation.text()).toContain('••••6058')
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
    expect(document.activeElement).toBe(confirmation.element)
    expect(liveRegion(wrapper).text()).toBe(`Connected to Company ID: ${COMPANY_A}.`)
    expect(wrapper.text()).not.toContain(VALID_KEY)
    expect(hasButton(wrapper, 'Update API Key')).toBe(true)
  })

  it('shows the company id alone when Pleo gives no name', async () => {
    api.answers.push({ view: { ...connected, company: { id: COMPANY_A } } })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
    expect(wrapper.find('.pleo-confirmation').text()).not.toContain('Company name')
  })

  // Questions, not failures: which company (an organisation key), and whether to send a key seen before anyway.
  const shownAsError = ERROR_CODES.filter(code => code !== 'organisation_key_needs_company' && code !== 'key_seen_before')

  it('a key this connection had before is named, with the day, and is sent again only when the admin says so', async () => {
    api.answers.push({ error: 'key_seen_before', data: { variant: 'replaced', seenAt: '2026-05-12' } }, { view: connected })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    const question = wrapper.find('.pleo-known-key')
    expect(question.text()).toContain('This is the API Key that was replaced on 2026-05-12.')
    expect(question.text()).toContain(en.errors.key_seen_before.action)
    expect(document.activeElement).toBe(question.element)
    expect(byLabel(wrapper, 'API Key').attributes('readonly')).toBeDefined()
    await button(wrapper, en.actions.useKeyAnyway).trigger('click')
    await settle()
    const posts = api.calls.filter(call => call.method === 'POST')
    expect(posts.map(call => call.body)).toEqual([{ apiKey: VALID_KEY }, { apiKey: VALID_KEY, acceptKnownKey: true }])
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
  })

  it('declining a key seen before empties the field for another one', async () => {
    api.answers.push({ error: 'key_seen_before', data: { variant: 'refused', seenAt: '2026-05-12' } })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.find('.pleo-known-key').text()).toContain('Pleo refused this API Key on 2026-05-12.')
    await wrapper.find('.pleo-known-key').findAll('button').find(candidate => candidate.text() === en.actions.cancel)!.trigger('click')
    await settle()
    expect(wrapper.find('.pleo-known-key').exists()).toBe(false)
    expect((byLabel(wrapper, 'API Key').element as HTMLInputElement).value).toBe('')
    expect(api.calls.filter(call => call.method === 'POST')).toHaveLength(1)
  })
  it.each(shownAsError)('%s: says what failed and what to do, focuses it, keeps the field editable and the integration inactive', async (code) => {
    // The server names the case of key_other_company it is: here, the company is another account's.
    api.answers.push(code === 'key_other_company' ? { error: code, data: { variant: 'held_elsewhere' } } : { error: code }, { view: connected })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)

    const error = wrapper.find('.pleo-error')
    const expected = code === 'key_other_company'
      ? { message: 'This Pleo company is already connected to another account in this app.', action: 'Use the API Key of your own company' }
      : en.errors[code as PleoErrorCode]
    expect(error.text()).toContain(expected.message)
    expect(error.text()).toContain(expected.action)
    expect(wrapper.text()).not.toMatch(/authentication failed/i)
    expect(document.activeElement).toBe(error.element)
    const input = byLabel(wrapper, 'API Key')
    expect(input.attributes('readonly')).toBeUndefined()
    expect(input.attributes('aria-describedby')).toContain(error.attributes('id'))
    expect(wrapper.find('.pleo-status').text()).not.toMatch(/^Connected/)
    expect(wrapper.find('.pleo-confirmation').exists()).toBe(false)
    expect(liveRegion(wrapper).text()).toBe('Connection failed.')

    // Retry at once with a good key.
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
  })

  it('marks the step the server says a refused key stopped at: the steps before it ran, the ones after did not', async () => {
    api.answers.push({ error: 'key_other_company', data: { variant: 'held_elsewhere', step: 'confirming_company' } })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    const steps = wrapper.findAll('.pleo-error li')
    expect(steps.map(step => step.attributes('data-status'))).toEqual(['done', 'failed', 'notReached'])
    expect(steps[1]!.text()).toContain('Confirming the company: failed')
    expect(steps[2]!.text()).toContain('Activating the installation: not reached')

    api.answers.push({ error: 'installation_not_entitled', data: { step: 'activating' } })
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.findAll('.pleo-error li').map(step => step.attributes('data-status'))).toEqual(['done', 'done', 'failed'])
  })

  it('shows the step the server is on while the key is checked', async () => {
    const wait = gate()
    api.gate = wait.promise
    api.answers.push({ view: connected })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    api.view = { ...disconnected, state: 'validating', progress: { step: 'confirming_company', startedAt: '2026-01-02T10:00:00.000Z' } }
    await usePleoConnectionStore().refresh()
    await settle()
    const steps = wrapper.findAll('.pleo-progress li')
    expect(steps.map(step => step.attributes('data-status'))).toEqual(['done', 'running', 'notReached'])
    expect(steps[1]!.text()).toContain('Confirming the company: in progress')
    wait.release()
    await settle()
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
  })

  it('says when to try again after too many attempts', async () => {
    api.answers.push({ error: 'too_many_attempts', data: { retryAfter: 290 } })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.find('.pleo-error').text()).toContain('You can try again in about 5 min.')
  })

  it('a key of another company than the one picked names that company', async () => {
    api.answers.push({ error: 'key_other_company', data: { variant: 'picked_other', companyId: COMPANY_B } })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.find('.pleo-error').text()).toContain(`This key belongs to Pleo company ${COMPANY_B}, not to the company you chose.`)
  })

  it('an organisation key asks which company to connect, then resends the same key with that company', async () => {
    api.answers.push(
      { error: 'organisation_key_needs_company', data: { companies: [{ id: COMPANY_A, name: 'Acme ApS' }, { id: COMPANY_B, name: 'Acme Sverige AB' }] } },
      { view: { ...connected, company: { id: COMPANY_B, name: 'Acme Sverige AB' } } },
    )
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)

    const picker = wrapper.find('fieldset')
    expect(picker.find('legend').text()).toBe('Choose the Pleo company to connect')
    expect(document.activeElement).toBe(picker.element)
    expect(byLabel(wrapper, `Acme Sverige AB (Company ID: ${COMPANY_B})`).exists()).toBe(true)
    expect(piniaState()).not.toContain(VALID_KEY)

    await byLabel(wrapper, 'Acme Sverige AB').setValue(true)
    await button(wrapper, 'Connect this company').trigger('click')
    await settle()
    expect(api.calls.filter(call => call.method === 'POST').map(call => call.body)).toEqual([
      { apiKey: VALID_KEY },
      { apiKey: VALID_KEY, companyId: COMPANY_B },
    ])
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_B}`)
    expect(document.activeElement).toBe(wrapper.find('.pleo-confirmation').element)
    expect(wrapper.find('input[type="password"]').exists()).toBe(false)
  })

  it('an organisation key whose companies Pleo did not list asks for the company id, and checks its format', async () => {
    api.answers.push({ error: 'organisation_key_needs_company' }, { view: connected })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    await byLabel(wrapper, 'Pleo company ID').setValue('acme')
    await button(wrapper, 'Connect this company').trigger('click')
    await settle()
    expect(wrapper.text()).toContain('Enter a Pleo company ID')
    expect(api.calls.filter(call => call.method === 'POST')).toHaveLength(1)

    await byLabel(wrapper, 'Pleo company ID').setValue(` ${COMPANY_A} `)
    await button(wrapper, 'Connect this company').trigger('click')
    await settle()
    expect(api.calls.at(-2)?.body).toEqual({ apiKey: VALID_KEY, companyId: COMPANY_A })
  })

  it('cancelling the company choice drops the key and puts focus back in the empty field', async () => {
    api.answers.push({ error: 'organisation_key_needs_company', data: { companies: [{ id: COMPANY_A }] } })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    await button(wrapper, 'Cancel').trigger('click')
    await settle()
    const input = byLabel(wrapper, 'API Key')
    expect(input.element.value).toBe('')
    expect(document.activeElement).toBe(input.element)
    expect(wrapper.find('fieldset').exists()).toBe(false)
  })

  it('a failed connection stored from before shows as Connection failed with its reason, and the field', async () => {
    const failed: ConnectionView = { state: 'failed', keyType: 'standalone', environment: 'production', problem: { code: 'key_lacks_permission', message: 'x', action: 'y' } }
    resetApi(failed)
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-status').text()).toContain('Connection failed')
    expect(wrapper.find('.pleo-problem').text()).toContain(en.errors.key_lacks_permission.message)
    expect(byLabel(wrapper, 'API Key').exists()).toBe(true)
  })

  it('follows a validation started elsewhere: progress, no field, polling until it ends', async () => {
    resetApi({ state: 'validating', keyType: 'standalone', environment: 'production' })
    fakeClock()
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-progress').text()).toContain('This page updates by itself')
    expect(wrapper.findAll('label').some(label => label.text().includes('API Key'))).toBe(false)
    const reads = api.calls.length
    vi.advanceTimersByTime(2000)
    await settle()
    expect(api.calls.length).toBe(reads + 1)
    expect(wrapper.find('.pleo-progress').exists()).toBe(true)
    api.view = connected
    vi.advanceTimersByTime(2000)
    await settle()
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
    expect(liveRegion(wrapper).text()).toBe(`Connected to Company ID: ${COMPANY_A}.`)
  })

  it('shows the environment when it is staging', async () => {
    resetApi({ ...disconnected, environment: 'staging' })
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('header').text()).toContain('Staging (test data)')
  })

  it('however many components show the connection, one focus makes one read and one timer polls; none after they unmount', async () => {
    fakeClock()
    api.view = { ...connected, state: 'validating', progress: { startedAt: new Date().toISOString() } }
    const wrappers = [await mountPleo(PleoConnect), await mountPleo(PleoConnectionStatus), await mountPleo(PleoConnectionBanner)]
    const reads = () => api.calls.filter(call => call.method === 'GET' && call.path === ROUTES.connection).length
    vi.advanceTimersByTime(1050)
    await settle()
    const before = reads()
    window.dispatchEvent(new Event('focus'))
    await settle()
    expect(reads()).toBe(before + 1)
    // A validation runs elsewhere: one poll every 2 s for the whole page, not one per component.
    vi.advanceTimersByTime(2000)
    await settle()
    expect(reads()).toBe(before + 2)
    for (const wrapper of wrappers) wrapper.unmount()
    vi.advanceTimersByTime(10_000)
    window.dispatchEvent(new Event('focus'))
    await settle()
    expect(reads()).toBe(before + 2)
  })

  it('re-reads the connection when the window regains focus', async () => {
    fakeClock()
    const wrapper = await mountPleo(PleoConnect)
    const reads = () => api.calls.filter(call => call.method === 'GET').length
    const before = reads()
    vi.advanceTimersByTime(1050)
    api.view = { ...connected, state: 'action_required', problem: { code: 'key_rejected', message: 'x', action: 'y' } }
    window.dispatchEvent(new Event('focus'))
    await settle()
    expect(reads()).toBe(before + 1)
    expect(wrapper.find('.pleo-status').text()).toContain('Action required')
    expect(liveRegion(wrapper).text()).toContain('Action required')
    // A burst of focus events makes one read; no polling while nothing is validating.
    window.dispatchEvent(new Event('focus'))
    vi.advanceTimersByTime(10_000)
    await settle()
    expect(reads()).toBe(before + 1)
  })
})
