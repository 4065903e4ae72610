import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import PleoConnectionBanner from '../../src/runtime/app/components/PleoConnectionBanner.vue'
import PleoConnectionStatus from '../../src/runtime/app/components/PleoConnectionStatus.vue'
import PleoCompanyConfirmation from '../../src/runtime/app/components/PleoCompanyConfirmation.vue'
import type { ConnectionState, ConnectionView } from '../../src/runtime/shared/schemas'
import { COMPANY_A, connected, disconnected, resetApi } from './fake-api'
import { mountPleo, resetApp } from './helpers'

const interrupted: ConnectionView = { ...connected, state: 'action_required', problem: { code: 'key_rejected', message: 'x', action: 'y' } }

beforeEach(() => resetApi(disconnected))
afterEach(resetApp)

describe('<PleoConnectionStatus>', () => {
  it.each<[ConnectionState, string]>([
    ['connected', 'Connected'],
    ['validating', 'Validation in progress'],
    ['failed', 'Connection failed'],
    ['action_required', 'Action required'],
    ['disconnected', 'Not connected'],
  ])('%s reads "%s", with a screen-reader prefix naming Pleo', async (state, label) => {
    resetApi({ ...disconnected, state })
    const wrapper = await mountPleo(PleoConnectionStatus)
    expect(wrapper.find('.pleo-status__text').text()).toBe(label)
    expect(wrapper.find('.pleo-connect-visually-hidden').text()).toBe('Pleo connection status:')
    expect(wrapper.attributes('data-state')).toBe(state)
  })

  it('shows a given state instead of the store\'s', async () => {
    resetApi(connected)
    const wrapper = await mountPleo(PleoConnectionStatus, { props: { state: 'failed' } })
    expect(wrapper.find('.pleo-status__text').text()).toBe('Connection failed')
  })
})

describe('<PleoConnectionBanner>', () => {
  it.each<ConnectionView>([disconnected, connected, { ...connected, problem: { code: 'pleo_unreachable', message: 'x', action: 'y' } }, { ...disconnected, state: 'failed' }, { ...disconnected, state: 'validating' }])(
    'is not shown while the state is $state',
    async (view) => {
      resetApi(view)
      const wrapper = await mountPleo(PleoConnectionBanner)
      expect(wrapper.find('.pleo-banner').exists()).toBe(false)
    },
  )

  it('persists while action is required, with a Replace API Key link to the settings page', async () => {
    resetApi(interrupted)
    const wrapper = await mountPleo(PleoConnectionBanner)
    const banner = wrapper.find('.pleo-banner')
    expect(banner.attributes('role')).toBe('alert')
    expect(banner.text()).toContain('Your connection to Pleo has been interrupted. Please update your API Key to restore access.')
    const link = banner.find('a')
    expect(link.text()).toBe('Replace API Key')
    expect(link.attributes('href')).toBe('/settings/pleo?pleo=replace')
  })

  it('takes the app\'s own action through the `action` slot, with the link\'s target', async () => {
    resetApi(interrupted)
    const wrapper = await mountPleo(PleoConnectionBanner, { slots: { action: ({ to }: { to?: string }) => h('button', { 'data-to': to }, 'Fix it') } })
    expect(wrapper.find('.pleo-banner button').text()).toBe('Fix it')
    expect(wrapper.find('.pleo-banner button').attributes('data-to')).toBe('/settings/pleo?pleo=replace')
    expect(wrapper.find('.pleo-banner a').exists()).toBe(false)
  })

  it('links where the app says', async () => {
    resetApi(interrupted)
    const wrapper = await mountPleo(PleoConnectionBanner, { props: { to: '/admin/integrations' } })
    expect(wrapper.find('a').attributes('href')).toBe('/admin/integrations')
  })
})

describe('<PleoCompanyConfirmation>', () => {
  it('confirms the company with a success indicator, the hint and never more of the key', async () => {
    resetApi(connected)
    const wrapper = await mountPleo(PleoCompanyConfirmation)
    expect(wrapper.classes()).toContain('pleo-confirmation--connected')
    expect(wrapper.find('.pleo-confirmation__title').text()).toBe(`✓ Connected to Company ID: ${COMPANY_A}`)
    expect(wrapper.text()).toContain('Acme ApS')
    expect(wrapper.find('.pleo-confirmation__hint').text()).toBe('••••6058')
  })

  it('shows the staging environment and the key\'s expiry date when known', async () => {
    resetApi({ ...connected, environment: 'staging', keyExpiresAt: '2027-01-31' })
    const wrapper = await mountPleo(PleoCompanyConfirmation)
    expect(wrapper.text()).toContain('Staging (test data)')
    expect(wrapper.findAll('time').map(time => time.attributes('datetime'))).toContain('2027-01-31T00:00:00.000Z')
    expect(wrapper.text()).toContain('Key expires')
  })
})
