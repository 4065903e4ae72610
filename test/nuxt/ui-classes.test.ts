// An app styles the components' parts with its own classes (`ui`), and the root with `class`, as with Nuxt UI.
import { afterEach, describe, expect, it } from 'vitest'
import PleoApiKeyField from '../../src/runtime/app/components/PleoApiKeyField.vue'
import PleoCompanyConfirmation from '../../src/runtime/app/components/PleoCompanyConfirmation.vue'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import PleoConnectionBanner from '../../src/runtime/app/components/PleoConnectionBanner.vue'
import PleoConnectionStatus from '../../src/runtime/app/components/PleoConnectionStatus.vue'
import { connected, disconnected, resetApi } from './fake-api'
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
})
