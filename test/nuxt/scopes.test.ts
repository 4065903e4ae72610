// The key's scopes against the app's `requiredScopes` / `optionalScopes`: what a refused key lacks, ✓ or ✕ for
// each needed scope; what a connected key has, and Pleo's least-privilege advice for more than the app uses.
import { afterEach, describe, expect, it } from 'vitest'
import PleoCompanyConfirmation from '../../src/runtime/app/components/PleoCompanyConfirmation.vue'
import PleoErrorMessage from '../../src/runtime/app/components/PleoErrorMessage.vue'
import { en } from '../../src/runtime/shared/i18n/en'
import { connected, resetApi } from './fake-api'
import { mountPleo, resetApp, uiConfig } from './helpers'

afterEach(() => {
  uiConfig().scopes = { required: [], optional: [] }
  resetApp()
})

describe('scopes', () => {
  it('a refused key: every needed scope with ✓ or ✕, the missing ones named in the message', async () => {
    uiConfig().scopes = { required: ['expenses:read', 'cards:write'], optional: [], purposes: { 'cards:write': 'Freeze a lost card' } }
    const wrapper = await mountPleo(PleoErrorMessage, { props: { error: { code: 'key_lacks_permission', variant: 'missing_scopes', during: 'connect', missingScopes: ['cards:write'] } } })
    expect(wrapper.find('.pleo-error__message').text()).toContain('This API Key lacks permissions this app needs: cards:write.')
    const rows = wrapper.findAll('.pleo-error__scopes li')
    expect(rows.map(row => [row.find('code').text(), row.attributes('data-has')])).toEqual([['expenses:read', 'true'], ['cards:write', 'false']])
    expect(rows[1]!.text()).toContain(en.scopeList.lacks)
    // What the app uses the scope for, as it said in requiredScopes.
    expect(rows[1]!.find('.pleo-error__scope-purpose').text()).toBe(': Freeze a lost card')
    expect(rows[0]!.find('.pleo-error__scope-purpose').exists()).toBe(false)
  })

  it('a connected key lists its scopes, and says which go beyond what the app needs or may use', async () => {
    uiConfig().scopes = { required: ['expenses:read'], optional: ['tags:read'] }
    resetApi(connected)
    const wrapper = await mountPleo(PleoCompanyConfirmation, { props: { view: { ...connected, scopes: ['expenses:read', 'tags:read', 'users:read'] } } })
    expect(wrapper.findAll('.pleo-confirmation__scopes code').map(code => code.text())).toEqual(['expenses:read', 'tags:read', 'users:read'])
    expect(wrapper.find('.pleo-confirmation__scopes-extra').text()).toBe(en.confirmation.scopesExtra.replace('{scopes}', 'users:read'))
  })

  it('says the scopes were not checked when Pleo did not list them, and says nothing when the app names none', async () => {
    uiConfig().scopes = { required: ['expenses:read'], optional: [] }
    resetApi(connected)
    const unknown = await mountPleo(PleoCompanyConfirmation, { props: { view: connected } })
    expect(unknown.find('.pleo-confirmation__scopes').text()).toBe(en.confirmation.scopesUnknown)
    uiConfig().scopes = { required: [], optional: [] }
    const quiet = await mountPleo(PleoCompanyConfirmation, { props: { view: connected } })
    expect(quiet.find('.pleo-confirmation__scopes').exists()).toBe(false)
  })
})
