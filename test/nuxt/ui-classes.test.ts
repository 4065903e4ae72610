// An app styles the components' parts with its own classes (`ui`), and the root with `class`, as with Nuxt UI.
import { afterEach, describe, expect, it } from 'vitest'
import PleoApiKeyField from '../../src/runtime/app/components/PleoApiKeyField.vue'
import PleoCompanyConfirmation from '../../src/runtime/app/components/PleoCompanyConfirmation.vue'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import PleoConnectionBanner from '../../src/runtime/app/components/PleoConnectionBanner.vue'
import PleoConnectionProblem from '../../src/runtime/app/components/PleoConnectionProblem.vue'
import PleoConnectionStatus from '../../src/runtime/app/components/PleoConnectionStatus.vue'
import PleoDisconnectConfirmation from '../../src/runtime/app/components/PleoDisconnectConfirmation.vue'
import PleoErrorMessage from '../../src/runtime/app/components/PleoErrorMessage.vue'
import PleoKeyExpiryWarning from '../../src/runtime/app/components/PleoKeyExpiryWarning.vue'
import PleoAuditTrail from '../../src/runtime/app/components/PleoAuditTrail.vue'
import PleoCompanyChangeConfirmation from '../../src/runtime/app/components/PleoCompanyChangeConfirmation.vue'
import PleoCompanyPicker from '../../src/runtime/app/components/PleoCompanyPicker.vue'
import PleoKeyGuidance from '../../src/runtime/app/components/PleoKeyGuidance.vue'
import PleoValidationProgress from '../../src/runtime/app/components/PleoValidationProgress.vue'
import { COMPANY_A, connected, disconnected, resetApi } from './fake-api'
import { mountPleo, resetApp } from './helpers'

afterEach(resetApp)

describe('classes for the parts', () => {
  it('are added to each part\'s own classes, and class goes on the root', async () => {
    resetApi(connected)
    const connect = await mountPleo(PleoConnect, { props: { ui: { header: 'my-header', title: 'my-title', actions: 'my-actions' } }, attrs: { class: 'my-root' } })
    expect(connect.classes()).toEqual(expect.arrayContaining(['pleo-connect', 'my-root']))
    expect(connect.find('.pleo-connect__header').classes()).toContain('my-header')
    expect(connect.find('.pleo-connect__title').classes()).toContain('my-title')
    expect(connect.find('.pleo-connect__actions').classes()).toContain('my-actions')

    const status = await mountPleo(PleoConnectionStatus, { props: { ui: { icon: 'my-icon', text: 'my-text' } } })
    expect(status.find('.pleo-status__icon').classes()).toContain('my-icon')
    expect(status.find('.pleo-status__text').classes()).toEqual(['pleo-status__text', 'my-text'])

    const confirmation = await mountPleo(PleoCompanyConfirmation, { props: { ui: { title: 'my-title', details: 'my-details' } } })
    expect(confirmation.find('.pleo-confirmation__title').classes()).toContain('my-title')
    expect(confirmation.find('.pleo-confirmation__details').classes()).toContain('my-details')
  })

  it('reach the key field and the banner too', async () => {
    resetApi(disconnected)
    const field = await mountPleo(PleoApiKeyField, { props: { ui: { label: 'my-label', input: 'my-input', actions: 'my-actions' } } })
    expect(field.find('.pleo-key-field__label').classes()).toContain('my-label')
    expect(field.find('.pleo-key-field__input').classes()).toContain('my-input')
    expect(field.find('.pleo-key-field__actions').classes()).toContain('my-actions')
    resetApi({ ...connected, state: 'action_required', problem: { code: 'key_rejected', message: 'x', action: 'y' } })
    const banner = await mountPleo(PleoConnectionBanner, { props: { ui: { text: 'my-text', action: 'my-action' } } })
    expect(banner.find('.pleo-banner__text').classes()).toContain('my-text')
    expect(banner.find('.pleo-banner__action').classes()).toContain('my-action')
  })

  it('reach the notices, the disconnect confirmation and the activity', async () => {
    resetApi(connected)
    const error = await mountPleo(PleoErrorMessage, { props: { error: { code: 'key_rejected', during: 'connect' }, lead: 'Not saved.', ui: { lead: 'my-lead', message: 'my-message', action: 'my-action' } } })
    expect(error.find('.pleo-error__lead').classes()).toContain('my-lead')
    expect(error.find('.pleo-error__message').classes()).toContain('my-message')
    expect(error.find('.pleo-error__action').classes()).toContain('my-action')

    const expiry = await mountPleo(PleoKeyExpiryWarning, { props: { view: { ...connected, keyExpiresAt: '2026-01-05' }, ui: { title: 'my-title', text: 'my-text' } } })
    expect(expiry.find('.pleo-expiry__title').classes()).toContain('my-title')
    expect(expiry.findAll('p')[1]!.classes()).toEqual(['my-text'])

    const problemView = { ...connected, state: 'action_required' as const, problem: { code: 'key_rejected', message: 'x', action: 'y' } }
    const problem = await mountPleo(PleoConnectionProblem, { props: { view: problemView, ui: { title: 'my-title', text: 'my-text' } } })
    expect(problem.find('.pleo-problem__title').classes()).toContain('my-title')
    expect(problem.findAll('.pleo-problem p:not(.pleo-problem__title)').map(line => line.classes())).toContainEqual(['my-text'])

    const disconnect = await mountPleo(PleoDisconnectConfirmation, { props: { ui: { title: 'my-title', description: 'my-description', actions: 'my-actions' } } })
    expect(disconnect.find('.pleo-disconnect__title').classes()).toContain('my-title')
    expect(disconnect.find('.pleo-disconnect__actions').classes()).toContain('my-actions')
    expect(disconnect.findAll('p').some(line => line.classes().includes('my-description'))).toBe(true)

    const audit = await mountPleo(PleoAuditTrail, { props: { ui: { summary: 'my-summary', description: 'my-description' } } })
    expect(audit.find('.pleo-audit__summary').classes()).toContain('my-summary')
    expect(audit.find('.pleo-audit__description').classes()).toContain('my-description')
  })

  it('reach the guidance, the progress, the company picker and the company change', async () => {
    resetApi(disconnected)
    const guidance = await mountPleo(PleoKeyGuidance, { props: { keyType: 'standalone', ui: { title: 'my-title', list: 'my-list' } } })
    expect(guidance.find('.pleo-guidance__title').classes()).toContain('my-title')
    expect(guidance.find('.pleo-guidance__list').classes()).toContain('my-list')

    const progress = await mountPleo(PleoValidationProgress, { props: { running: true, step: 'activating', ui: { title: 'my-title', steps: 'my-steps' } } })
    expect(progress.find('.pleo-progress__title').classes()).toContain('my-title')
    expect(progress.find('.pleo-progress__steps').classes()).toContain('my-steps')

    const picker = await mountPleo(PleoCompanyPicker, { props: { companies: [{ id: COMPANY_A, name: 'Acme ApS' }], ui: { legend: 'my-legend', description: 'my-description', actions: 'my-actions' } } })
    expect(picker.find('.pleo-picker__legend').classes()).toContain('my-legend')
    expect(picker.find('.pleo-picker__description').classes()).toContain('my-description')
    expect(picker.find('.pleo-picker__actions').classes()).toContain('my-actions')

    const change = await mountPleo(PleoCompanyChangeConfirmation, { props: { companyId: COMPANY_A, connectedCompanyId: COMPANY_A, ui: { title: 'my-title', actions: 'my-actions' } } })
    expect(change.find('.pleo-company-change__title').classes()).toContain('my-title')
    expect(change.find('.pleo-company-change__actions').classes()).toContain('my-actions')
  })
})
