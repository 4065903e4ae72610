import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest'
import { PleoApiKeyField, PleoAuditTrail, PleoCompanyConfirmation, PleoConnect, PleoConnectionBanner, PleoConnectionStatus, PleoKeyExpiryWarning, PleoReturnLink } from '#components'
import { useNuxtApp, usePleoConnection, useRouter } from '#imports'
import type { ConnectionView, PleoActionResult, PleoAuditEntry, PleoClientErrorCode, PleoConnectionAction, PleoConnectionError, PleoConnectOptions, PleoMessageOverrides, PleoReplaceOptions } from '#pleo-connect'
import SettingsPage from '../../src/runtime/app/pages/settings-pleo.vue'
import { usePleoConnectionStore } from '../../src/runtime/app/stores/pleo-connection'
import { api, connected, disconnected, resetApi, VALID_KEY } from './fake-api'
import { mountPleo, resetApp, settle } from './helpers'

beforeEach(() => resetApi(disconnected))
afterEach(resetApp)

describe('module wiring', () => {
  it('registers the components with their Pleo names and the composable as an auto-import', () => {
    for (const component of [PleoConnect, PleoApiKeyField, PleoConnectionStatus, PleoCompanyConfirmation, PleoConnectionBanner, PleoAuditTrail, PleoKeyExpiryWarning, PleoReturnLink]) {
      expect(component).toBeTruthy()
    }
    expect(typeof usePleoConnection).toBe('function')
  })

  it('adds the settings page at /settings/pleo', async () => {
    const route = useRouter().resolve('/settings/pleo')
    expect(route.name).toBe('pleo-connect-settings')
    const wrapper = await mountPleo(SettingsPage)
    expect(wrapper.find('h1').text()).toBe('Pleo integration')
    expect(wrapper.find('h2').text()).toBe('Pleo connection')
  })
})

describe('store pleo-connection', () => {
  it('holds the connection view, the running action and the last error, nothing else', async () => {
    resetApi(connected)
    const store = usePleoConnectionStore()
    await store.refresh()
    expect(store.$id).toBe('pleo-connection')
    expect(Object.keys(useNuxtApp().$pinia.state.value['pleo-connection']!).sort()).toEqual(['lastError', 'pending', 'view'])
    expect(store.view).toEqual(connected)
  })

  it('keeps a failed action\'s code and ids, never the key or the server\'s text', async () => {
    const store = usePleoConnectionStore()
    await store.refresh()
    api.answers.push({ error: 'organisation_key_needs_company', data: { companies: [{ id: 'c1', name: 'One' }] } })
    const result = await store.connect(VALID_KEY)
    expect(result).toEqual({ ok: false, error: { code: 'organisation_key_needs_company', during: 'connect', companies: [{ id: 'c1', name: 'One' }] } })
    expect(store.lastError).toEqual(result.ok ? undefined : result.error)
    expect(JSON.stringify(useNuxtApp().$pinia.state.value)).not.toContain(VALID_KEY)
    expect(JSON.stringify(store.lastError)).not.toContain('whole Pleo organisation')
  })

  it('Pinia action listeners (devtools, logging plugins) never receive the key', async () => {
    const store = usePleoConnectionStore()
    const seen: unknown[][] = []
    const stop = store.$onAction(({ args }) => {
      seen.push(args)
    })
    api.answers.push({ view: connected }, { view: connected })
    await store.connect(VALID_KEY)
    await store.replace(VALID_KEY, { confirmCompanyChange: true })
    stop()
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.flat().some(arg => typeof arg === 'string' && arg.includes(VALID_KEY))).toBe(false)
    expect(JSON.stringify(seen)).not.toContain(VALID_KEY)
    expect(Object.keys(store)).not.toContain('connect')
    expect(api.calls.filter(call => call.method !== 'GET').map(call => call.body)).toEqual([{ apiKey: VALID_KEY }, { apiKey: VALID_KEY, confirmCompanyChange: true }])
  })

  it('one refresh at a time: concurrent callers share it', async () => {
    const store = usePleoConnectionStore()
    const before = api.calls.length
    await Promise.all([store.refresh(), store.refresh(), store.refresh()])
    expect(api.calls.length).toBe(before + 1)
  })

  it('usePleoConnection exposes the view, the state to show and the actions', async () => {
    resetApi(connected)
    const connection = usePleoConnection()
    await connection.refresh()
    expect(connection.state.value).toBe('connected')
    expect(connection.company.value).toEqual(connected.company)
    expect(connection.keyHint.value).toBe('••••6058')
    expect(connection.hasWorkingKey.value).toBe(true)
    expect(connection.keyType.value).toBe('standalone')
    api.answers.push({ view: disconnected })
    await connection.disconnect()
    expect(connection.state.value).toBe('disconnected')
    await settle()
  })
})

describe('types barrel #pleo-connect', () => {
  it('types what the composable\'s actions take and resolve to', () => {
    const connection = usePleoConnection()
    expectTypeOf(connection.connect).parameter(1).toEqualTypeOf<PleoConnectOptions | undefined>()
    expectTypeOf(connection.replace).parameter(1).toEqualTypeOf<PleoReplaceOptions | undefined>()
    expectTypeOf(connection.connect).returns.resolves.toEqualTypeOf<PleoActionResult>()
    expectTypeOf(connection.verify).returns.resolves.toEqualTypeOf<PleoActionResult>()
    expectTypeOf(connection.error.value).toEqualTypeOf<PleoConnectionError | null>()
    expectTypeOf(connection.pending.value).toEqualTypeOf<PleoConnectionAction | null>()
    expectTypeOf<PleoConnectionError['code']>().toEqualTypeOf<PleoClientErrorCode>()
    expectTypeOf<Extract<PleoActionResult, { ok: true }>['view']>().toEqualTypeOf<ConnectionView>()
    expectTypeOf<PleoConnectOptions>().toEqualTypeOf<{ companyId?: string, keyExpiresAt?: string, acceptKnownKey?: boolean }>()
    expectTypeOf<PleoMessageOverrides['audit']>().not.toBeUndefined()
    expectTypeOf<keyof PleoAuditEntry>().toEqualTypeOf<'id' | 'at' | 'type' | 'actor' | 'companyId' | 'previousCompanyId' | 'keyHint' | 'keyFingerprint' | 'previousKeyFingerprint' | 'previousKeyHint' | 'code' | 'variant' | 'daysLeft' | 'operation' | 'repeated' | 'firstAt' | 'incidentId' | 'reminder' | 'blockedCalls'>()
  })

  it('nothing in it can carry a key: the action options and results have no apiKey', () => {
    expectTypeOf<PleoReplaceOptions>().not.toHaveProperty('apiKey')
    expectTypeOf<PleoConnectionError>().not.toHaveProperty('apiKey')
    expectTypeOf<ConnectionView>().not.toHaveProperty('apiKey')
  })
})
