import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import PleoErrorMessage from '../../src/runtime/app/components/PleoErrorMessage.vue'
import PleoKeyExpiryWarning from '../../src/runtime/app/components/PleoKeyExpiryWarning.vue'
import { usePleoConnectionStore } from '../../src/runtime/app/stores/pleo-connection'
import { ERROR_CODES } from '../../src/runtime/shared/error-codes'
import type { ConnectionView } from '../../src/runtime/shared/schemas'
import { api, COMPANY_A, connected, disconnected, resetApi, VALID_KEY } from './fake-api'
import { button, byLabel, gate, isMasked, mountPleo, resetApp, settle, submitKey, uiConfig } from './helpers'

// Pleo's guidelines, item by item, as the admin sees them on the page.

beforeEach(() => resetApi(disconnected))
afterEach(() => resetApp())

const integrated: ConnectionView = { ...connected, keyType: 'integrated' }
const TELLS_TO_CREATE_A_KEY = /create (?:a |one |a new )?(?:new )?(?:company-level )?(?:key|one)\b/i

describe('Integrated keys get Integrated words', () => {
  it.each(ERROR_CODES)('%s: never tells an Integrated customer to create a key', async (code) => {
    resetApi({ ...disconnected, keyType: 'integrated' })
    await usePleoConnectionStore().refresh()
    const wrapper = await mountPleo(PleoErrorMessage, { props: { error: { code, during: 'connect' } } })
    expect(wrapper.text()).not.toMatch(TELLS_TO_CREATE_A_KEY)
    expect(wrapper.text().length).toBeGreaterThan(20)
  })

  it('a refused Integrated key is sent back to Pleo\'s installation; a Standalone one to Pleo\'s API keys', async () => {
    resetApi({ ...disconnected, keyType: 'integrated' })
    api.answers.push({ error: 'key_rejected' }, { error: 'key_lacks_permission' })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.find('.pleo-error').text()).toContain('reinstall the integration from Pleo')
    await button(wrapper, 'Connect').trigger('click')
    await settle()
    expect(wrapper.find('.pleo-error').text()).toContain('Pleo sets this integration\'s permissions')
  })

  it('asks for the key\'s expiry date for Standalone keys only, unless the integrator turns it on', async () => {
    const standalone = await mountPleo(PleoConnect)
    expect(standalone.text()).toContain('Key expires on')
    resetApp()
    resetApi({ ...disconnected, keyType: 'integrated' })
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.text()).not.toContain('Key expires on')
    resetApp()
    uiConfig().askKeyExpiry = 'always'
    const askedAnyway = await mountPleo(PleoConnect)
    expect(askedAnyway.text()).toContain('Key expires on')
  })

  it('an expiry reminder tells an Integrated customer to reconnect from Pleo', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
    const wrapper = await mountPleo(PleoKeyExpiryWarning, { props: { view: { ...integrated, keyExpiresAt: soon } } })
    await settle()
    expect(wrapper.text()).toContain('Reconnect the integration from Pleo')
    expect(wrapper.text()).not.toMatch(TELLS_TO_CREATE_A_KEY)
  })

  it('follows healthCheck.expiryWarningDays from public runtime config', async () => {
    const in20Days = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)
    uiConfig().expiryWarningDays = 14
    const quiet = await mountPleo(PleoKeyExpiryWarning, { props: { view: { ...connected, keyExpiresAt: in20Days } } })
    await settle()
    expect(quiet.text()).toBe('')
    uiConfig().expiryWarningDays = 30
    const warned = await mountPleo(PleoKeyExpiryWarning, { props: { view: { ...connected, keyExpiresAt: in20Days } } })
    await settle()
    expect(warned.text()).toContain('expires in 20 days')
  })
})

describe('no ambiguous state', () => {
  it('a saved key this server cannot open says so, as Action required', async () => {
    resetApi({ ...connected, state: 'action_required', problem: { code: 'not_configured', variant: 'key_unreadable', message: 'm', action: 'a' } })
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-status').text()).toContain('Action required')
    expect(wrapper.find('.pleo-problem').text()).toContain('The saved key cannot be opened')
    expect(wrapper.find('.pleo-problem').text()).toContain('cannot be opened with this server\'s encryption keys')
  })

  it('Pleo limiting requests is said as such next to Connected, not as an outage', async () => {
    resetApi({ ...connected, problem: { code: 'pleo_rate_limited', variant: 'while_connected', message: 'm', action: 'a' } })
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-problem').text()).toContain('Pleo is limiting requests')
    expect(wrapper.find('.pleo-problem').text()).not.toContain('Can\'t reach Pleo')
  })

  it('calls Pleo refused for lack of permission are named, while the connection stays Connected', async () => {
    resetApi({ ...connected, missingPermissions: [{ operation: 'GET /v1/export-items', seenAt: '2026-01-03T10:00:00.000Z' }] })
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-status').text()).toContain('Connected')
    const gaps = wrapper.find('.pleo-problem--permissions')
    expect(gaps.text()).toContain('Some calls are not allowed')
    expect(gaps.text()).toContain('The API Key does not allow this app to call GET /v1/export-items.')
  })
})

describe('a replacement is confirmed where everyone can see it', () => {
  it('after a replacement passes, a visible notice names the company; "Connected since" stays and "Key replaced" is shown', async () => {
    resetApi(connected)
    const replaced: ConnectionView = { ...connected, keyHint: '••••6038', keyReplacedAt: '2026-01-05T10:00:00.000Z' }
    api.answers.push({ view: replaced })
    const wrapper = await mountPleo(PleoConnect)
    await button(wrapper, 'Update API Key').trigger('click')
    await settle()
    await submitKey(wrapper, 'demo-valid-second-5a9d2f7c1e4b6038', 'Update API Key')
    const notice = wrapper.find('.pleo-connect__replaced')
    expect(notice.text()).toBe(`✓ API Key updated — connected to Company ID: ${COMPANY_A}`)
    expect(notice.attributes('aria-hidden')).toBeUndefined()
    const details = wrapper.find('.pleo-confirmation').text()
    expect(details).toContain('Connected since')
    expect(details).toContain('Key replaced')
  })

  it('"until then the current connection keeps working" is said only while it does', async () => {
    resetApi(connected)
    const working = await mountPleo(PleoConnect)
    await button(working, 'Update API Key').trigger('click')
    await settle()
    expect(working.text()).toContain('Until then the current connection keeps working.')
    resetApp()
    resetApi({ ...connected, state: 'action_required', problem: { code: 'key_rejected', variant: 'stopped_working', message: 'm', action: 'a' } })
    const broken = await mountPleo(PleoConnect)
    await button(broken, 'Update API Key').trigger('click')
    await settle()
    expect(broken.text()).not.toContain('keeps working')
  })

  it('a second tab sees a running replacement as Validation in progress, with the current connection kept', async () => {
    resetApi({ ...connected, state: 'validating', progress: { startedAt: '2026-01-05T10:00:00.000Z', step: 'confirming_company' } })
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-status').text()).toContain('Validation in progress')
    expect(wrapper.find('.pleo-confirmation').text()).toContain(COMPANY_A)
    const progress = wrapper.find('.pleo-progress')
    expect(progress.text()).toContain('A new API Key for this connection is being checked right now. The current connection keeps working meanwhile')
    expect(progress.findAll('li').map(step => step.attributes('data-status'))).toEqual(['done', 'running', 'notReached'])
    expect(wrapper.text()).not.toContain('Check connection')
  })
})

describe('the field keeps a refused key', () => {
  it('Pleo shows an Integrated key once: a failed connect leaves it in the field, masked, for a retry', async () => {
    resetApi({ ...disconnected, keyType: 'integrated' })
    const wait = gate()
    api.gate = wait.promise
    api.answers.push({ error: 'pleo_unreachable' })
    const wrapper = await mountPleo(PleoConnect)
    await submitKey(wrapper, VALID_KEY)
    wait.release()
    await settle()
    const input = byLabel(wrapper, 'API Key')
    expect(input.element.value).toBe(VALID_KEY)
    expect(isMasked(input)).toBe(true)
  })
})
