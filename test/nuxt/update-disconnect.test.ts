import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import { en } from '../../src/runtime/shared/i18n/en'
import type { ConnectionView } from '../../src/runtime/shared/schemas'
import { api, COMPANY_A, COMPANY_B, connected, disconnected, resetApi, ROUTE, VALID_KEY } from './fake-api'
import { button, byLabel, gate, hasButton, mountPleo, piniaState, resetApp, settle, submitKey } from './helpers'

const NEW_KEY = 'demo-rotated-8c1d22aa907f41b3'
const rotated: ConnectionView = { ...connected, keyHint: '••••41b3', lastVerifiedAt: '2026-02-01T09:30:00.000Z' }
const interrupted: ConnectionView = { ...connected, state: 'action_required', problem: { code: 'key_rejected', variant: 'stopped_working', message: 'x', action: 'y' } }

beforeEach(() => resetApi(connected))
afterEach(resetApp)

const liveRegion = (wrapper: Awaited<ReturnType<typeof mountPleo>>) => wrapper.find('[role="status"][aria-live="polite"]')

async function openUpdate(wrapper: Awaited<ReturnType<typeof mountPleo>>) {
  await button(wrapper, 'Update API Key').trigger('click')
  await settle()
}

describe('<PleoConnect>: Update API Key', () => {
  it('opens a field for the replacement, focused, with Cancel putting focus back on the action', async () => {
    const wrapper = await mountPleo(PleoConnect)
    await openUpdate(wrapper)
    const input = byLabel(wrapper, 'API Key')
    expect(document.activeElement).toBe(input.element)
    expect(wrapper.text()).toContain('Until then the current connection keeps working')
    await button(wrapper, 'Cancel').trigger('click')
    await settle()
    expect(document.activeElement).toBe(button(wrapper, 'Update API Key').element)
  })

  it('re-validates with visible progress while the connection stays Connected, then confirms the company again', async () => {
    const wait = gate()
    api.gate = wait.promise
    api.answers.push({ view: rotated })
    const wrapper = await mountPleo(PleoConnect)
    await openUpdate(wrapper)
    await submitKey(wrapper, NEW_KEY, 'Update API Key')

    expect(wrapper.find('.pleo-progress').text()).toContain('Validation in progress')
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
    expect(piniaState()).not.toContain(NEW_KEY)
    wait.release()
    await settle()

    expect(api.calls.filter(call => call.method === 'PUT').map(call => call.body)).toEqual([{ apiKey: NEW_KEY }])
    const confirmation = wrapper.find('.pleo-confirmation')
    expect(confirmation.text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
    expect(confirmation.text()).toContain('••••41b3')
    expect(document.activeElement).toBe(confirmation.element)
    expect(liveRegion(wrapper).text()).toBe(`API Key updated. Connected to Company ID: ${COMPANY_A}.`)
    expect(wrapper.find('input[type="password"]').exists()).toBe(false)
    expect(document.body.innerHTML).not.toContain(NEW_KEY)
  })

  it('a refused replacement says why, keeps the field editable, and the old connection is still shown as working', async () => {
    api.answers.push({ error: 'key_lacks_permission' })
    const wrapper = await mountPleo(PleoConnect)
    await openUpdate(wrapper)
    await submitKey(wrapper, NEW_KEY, 'Update API Key')

    const error = wrapper.find('.pleo-error')
    expect(error.text()).toContain('The new API Key was not saved. The current connection is unchanged.')
    expect(error.text()).toContain(en.errors.key_lacks_permission.message)
    expect(error.text()).toContain(en.errors.key_lacks_permission.action)
    expect(document.activeElement).toBe(error.element)
    expect(liveRegion(wrapper).text()).toBe('The new API Key was not saved.')
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
    expect(wrapper.find('.pleo-confirmation').text()).toContain('••••6058')
    expect(byLabel(wrapper, 'API Key').attributes('readonly')).toBeUndefined()
    expect(piniaState()).not.toContain(NEW_KEY)
  })

  it('a key of another company asks for confirmation naming both companies, then resends the same key with confirmCompanyChange', async () => {
    api.answers.push(
      { error: 'key_other_company', data: { companyId: COMPANY_B, connectedCompanyId: COMPANY_A } },
      { view: { ...rotated, company: { id: COMPANY_B } } },
    )
    const wrapper = await mountPleo(PleoConnect)
    await openUpdate(wrapper)
    await submitKey(wrapper, NEW_KEY, 'Update API Key')

    const question = wrapper.find('.pleo-company-change')
    expect(question.text()).toContain(`This key belongs to Pleo company ${COMPANY_B}, but this app is connected to company ${COMPANY_A}.`)
    expect(question.text()).toContain(`Switch the connection to company ${COMPANY_B}?`)
    expect(document.activeElement).toBe(question.element)
    expect(piniaState()).not.toContain(NEW_KEY)
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)

    await button(wrapper, 'Switch company').trigger('click')
    await settle()
    expect(api.calls.filter(call => call.method === 'PUT').map(call => call.body)).toEqual([
      { apiKey: NEW_KEY },
      { apiKey: NEW_KEY, confirmCompanyChange: true },
    ])
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_B}`)
  })

  it('declining the company change drops the key and keeps the current company', async () => {
    api.answers.push({ error: 'key_other_company', data: { companyId: COMPANY_B, connectedCompanyId: COMPANY_A } })
    const wrapper = await mountPleo(PleoConnect)
    await openUpdate(wrapper)
    await submitKey(wrapper, NEW_KEY, 'Update API Key')
    await button(wrapper, 'Keep the current company').trigger('click')
    await settle()
    expect(api.calls.filter(call => call.method === 'PUT')).toHaveLength(1)
    expect(byLabel(wrapper, 'API Key').element.value).toBe('')
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
  })

  it('Action required: says the connection is interrupted and why, and Update API Key restores it', async () => {
    resetApi(interrupted)
    api.answers.push({ view: rotated })
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-status').text()).toContain('Action required')
    const problem = wrapper.find('.pleo-problem')
    expect(problem.text()).toContain('Your connection to Pleo has been interrupted. Please update your API Key to restore access.')
    expect(problem.text()).toContain('Pleo no longer accepts the saved API Key')
    expect(wrapper.find('.pleo-confirmation').text()).not.toContain('Connected to Company ID')
    await openUpdate(wrapper)
    await submitKey(wrapper, NEW_KEY, 'Update API Key')
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
    expect(wrapper.find('.pleo-problem').exists()).toBe(false)
  })

  it('the banner\'s "?pleo=replace" link opens the key field straight away', async () => {
    resetApi(interrupted)
    const wrapper = await mountPleo(PleoConnect, { route: '/settings/pleo?pleo=replace' })
    expect(document.activeElement).toBe(byLabel(wrapper, 'API Key').element)
  })
})

describe('<PleoConnect>: Check connection', () => {
  it('confirms a working connection and updates the time of the last check', async () => {
    api.answers.push({ view: rotated })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Check connection').trigger('click')
    await settle()
    expect(api.calls.filter(call => call.method === 'POST')).toEqual([expect.objectContaining({ path: `${ROUTE}/verify` })])
    expect(liveRegion(wrapper).text()).toBe('Connection checked: it works.')
    expect(wrapper.find('.pleo-confirmation time[datetime="2026-02-01T09:30:00.000Z"]').exists()).toBe(true)
  })

  it('a key revoked at Pleo turns into Action required', async () => {
    api.answers.push({ view: interrupted })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Check connection').trigger('click')
    await settle()
    expect(wrapper.find('.pleo-status').text()).toContain('Action required')
    expect(liveRegion(wrapper).text()).toContain('Action required')
  })

  it('a passing network problem is shown as "can\'t reach Pleo right now", not as a failure', async () => {
    api.answers.push({ view: { ...connected, problem: { code: 'pleo_unreachable', message: 'x', action: 'y' } } })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Check connection').trigger('click')
    await settle()
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
    expect(wrapper.find('.pleo-problem').text()).toContain('Can\'t reach Pleo right now')
    expect(wrapper.find('.pleo-problem').text()).toContain('The connection is still set up')
    expect(wrapper.find('.pleo-confirmation').text()).toContain(`Connected to Company ID: ${COMPANY_A}`)
  })

  it('a check that cannot run says why, focused', async () => {
    api.answers.push({ error: 'busy' })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Check connection').trigger('click')
    await settle()
    const error = wrapper.find('.pleo-error')
    expect(error.text()).toContain(en.errors.busy.message)
    expect(document.activeElement).toBe(error.element)
  })
})

describe('<PleoConnect>: Disconnect', () => {
  it('asks for confirmation first; Cancel keeps the connection and returns focus', async () => {
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Disconnect').trigger('click')
    await settle()
    const panel = wrapper.find('.pleo-disconnect')
    expect(panel.text()).toContain('Disconnect from Pleo?')
    expect(document.activeElement).toBe(panel.element)
    expect(api.calls.filter(call => call.method === 'DELETE')).toEqual([])
    await button(wrapper, 'Cancel').trigger('click')
    await settle()
    expect(document.activeElement).toBe(button(wrapper, 'Disconnect').element)
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
  })

  it('disconnects after confirmation, then offers the key field again', async () => {
    api.answers.push({ view: disconnected })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Disconnect').trigger('click')
    await settle()
    await button(wrapper, 'Disconnect').trigger('click')
    await settle()
    expect(api.calls.filter(call => call.method === 'DELETE')).toEqual([expect.objectContaining({ query: {} })])
    expect(wrapper.find('.pleo-status').text()).toContain('Not connected')
    expect(liveRegion(wrapper).text()).toBe('Disconnected from Pleo.')
    expect(byLabel(wrapper, 'API Key').exists()).toBe(true)
    expect(hasButton(wrapper, 'Connect')).toBe(true)
    expect(document.activeElement).toBe(wrapper.find('h2').element)
  })

  it('can also remove the installation in Pleo (?uninstall=1)', async () => {
    api.answers.push({ view: disconnected })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Disconnect').trigger('click')
    await settle()
    await byLabel(wrapper, 'Also remove the integration from Pleo').setValue(true)
    await button(wrapper, 'Disconnect').trigger('click')
    await settle()
    expect(api.calls.filter(call => call.method === 'DELETE')).toEqual([expect.objectContaining({ query: { uninstall: '1' } })])
  })

  it('a refused disconnect says why and keeps the connection', async () => {
    api.answers.push({ error: 'pleo_unavailable' })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Disconnect').trigger('click')
    await settle()
    await byLabel(wrapper, 'Also remove the integration from Pleo').setValue(true)
    await button(wrapper, 'Disconnect').trigger('click')
    await settle()
    const error = wrapper.find('.pleo-disconnect .pleo-error')
    expect(error.text()).toContain(en.errors.pleo_unavailable.message)
    expect(document.activeElement).toBe(error.element)
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
  })
})

describe('key never kept', () => {
  it('the connected page holds only the hint', async () => {
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.text()).toContain('••••6058')
    expect(piniaState()).not.toContain(VALID_KEY)
  })
})
