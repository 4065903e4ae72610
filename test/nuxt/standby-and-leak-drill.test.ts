import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { useRuntimeConfig, useState } from '#imports'
import PleoConnect from '../../src/runtime/app/components/PleoConnect.vue'
import { da } from '../../src/runtime/shared/i18n/da'
import { en } from '../../src/runtime/shared/i18n/en'
import { PLEO_CATALOGS, formatMessage } from '../../src/runtime/shared/i18n/messages'
import { ROUTES } from '../../src/runtime/shared/routes'
import type { ConnectionView } from '../../src/runtime/shared/schemas'
import { api, connected, resetApi } from './fake-api'
import { button, hasButton, mountPleo, piniaState, resetApp, settle, submitKey } from './helpers'

const NEW_KEY = 'demo-after-leak-77c1d0a9e4b2f315'
const withStandby: ConnectionView = { ...connected, keyHint: '••••f315', standby: { keyHint: '••••6058', until: '2026-03-02T10:00:00.000Z' } }
const drillStarted: ConnectionView = { ...connected, leakDrill: { startedAt: '2026-03-01T10:00:00.000Z', step: 'replace_key' } }
const drillSwapped: ConnectionView = { ...connected, keyHint: '••••f315', standby: { keyHint: '••••6058' }, leakDrill: { startedAt: '2026-03-01T10:00:00.000Z', step: 'prove_old_key_dead' } }
const drillOldKeyAlive: ConnectionView = { ...drillSwapped, leakDrill: { ...drillSwapped.leakDrill!, oldKeyAliveAt: '2026-03-01T10:05:00.000Z' } }
const drillClosed: ConnectionView = { ...connected, keyHint: '••••f315' }

beforeEach(() => resetApi(connected))
afterEach(resetApp)

type Mounted = Awaited<ReturnType<typeof mountPleo>>
const drillLive = (wrapper: Mounted) => wrapper.findAll('[role="status"][aria-live="polite"]').at(1)!
const stepHeading = (wrapper: Mounted) => wrapper.find('.pleo-drill__step-title')
const stepTitle = (n: number, title: string) => `${formatMessage(en.leakDrill.stepOf, { step: n, count: 4 })}: ${title}`

describe('<PleoConnect>: the previous key kept as a standby', () => {
  it('says which key stands by and until when, and destroys it on the admin\'s word', async () => {
    resetApi(withStandby)
    const wrapper = await mountPleo(PleoConnect)
    const line = wrapper.find('.pleo-standby')
    expect(line.text()).toContain('Previous key ••••6058 kept as a standby until')
    expect(line.find('time').attributes('datetime')).toBe('2026-03-02T10:00:00.000Z')
    expect(line.text()).toContain(en.standby.explanation)

    api.answers.push({ view: { ...withStandby, standby: undefined } })
    await button(wrapper, en.standby.destroy).trigger('click')
    await settle()
    expect(api.calls.filter(call => call.path === ROUTES.standby).map(call => call.method)).toEqual(['DELETE'])
    expect(wrapper.find('.pleo-standby').exists()).toBe(false)
    expect(wrapper.find('.pleo-standby__destroyed').text()).toContain(en.standby.destroyed)
  })

  it('a drill\'s copy of the old key has no destroy button: it goes when Pleo refuses it', async () => {
    resetApi(drillSwapped)
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-standby').text()).toBe(formatMessage(en.standby.keptForDrill, { keyHint: '••••6058' }))
    expect(hasButton(wrapper, en.standby.destroy)).toBe(false)
  })
})

describe('<PleoConnect>: "This key may have leaked"', () => {
  it('guides through the four steps, focus on each step\'s heading, each announced; the old key still alive keeps it open', async () => {
    const wrapper = await mountPleo(PleoConnect)
    api.answers.push({ view: drillStarted })
    await button(wrapper, en.leakDrill.action).trigger('click')
    await settle()
    expect(api.calls.filter(call => call.path === ROUTES.leakDrill).map(call => call.method)).toEqual(['POST'])

    // 1: Pleo's API key page, in a new tab.
    expect(wrapper.find('.pleo-drill h3').text()).toBe(en.leakDrill.title)
    expect(stepHeading(wrapper).text()).toBe(stepTitle(1, en.leakDrill.steps.openPleo.title))
    expect(document.activeElement).toBe(stepHeading(wrapper).element)
    expect(drillLive(wrapper).text()).toBe(stepTitle(1, en.leakDrill.steps.openPleo.title))
    const link = wrapper.findAll('a').find(a => a.text() === en.leakDrill.steps.openPleo.link)!
    expect(link.attributes()).toMatchObject({ href: 'https://app.pleo.io/settings/api-keys', target: '_blank', rel: 'noopener noreferrer' })
    expect(wrapper.find('[aria-current="step"]').text()).toBe(en.leakDrill.steps.openPleo.title)
    // The drill has its own field for the new key: the usual "Update API Key" action is not offered beside it.
    expect(hasButton(wrapper, en.actions.update)).toBe(false)

    // 2: the new key, through the usual replacement.
    await button(wrapper, en.leakDrill.steps.openPleo.next).trigger('click')
    await settle()
    expect(document.activeElement).toBe(stepHeading(wrapper).element)
    expect(stepHeading(wrapper).text()).toBe(stepTitle(2, en.leakDrill.steps.paste.title))
    api.answers.push({ view: drillSwapped })
    await submitKey(wrapper, NEW_KEY, en.actions.update)
    expect(api.calls.filter(call => call.method === 'PUT').map(call => call.body)).toEqual([{ apiKey: NEW_KEY }])

    // 3: delete the old key in Pleo, named by its hint.
    expect(stepHeading(wrapper).text()).toBe(stepTitle(3, en.leakDrill.steps.deleteOld.title))
    expect(wrapper.find('.pleo-drill__step').text()).toContain(formatMessage(en.leakDrill.steps.deleteOld.text, { keyHint: '••••6058' }))
    await button(wrapper, en.leakDrill.steps.deleteOld.next).trigger('click')
    await settle()

    // 4: Pleo still accepts the old key: said on the page, the drill stays open.
    expect(stepHeading(wrapper).text()).toBe(stepTitle(4, en.leakDrill.steps.verify.title))
    api.answers.push({ view: drillOldKeyAlive })
    await button(wrapper, en.leakDrill.steps.verify.action).trigger('click')
    await settle()
    expect(api.calls.filter(call => call.path === ROUTES.leakDrillVerify)).toHaveLength(1)
    const alive = formatMessage(en.leakDrill.oldKeyAlive, { keyHint: '••••6058' })
    expect(wrapper.find('.pleo-drill__alive').text()).toContain(alive)
    expect(drillLive(wrapper).text()).toBe(alive)
    expect(wrapper.find('.pleo-drill').exists()).toBe(true)

    // Deleted now: Pleo refuses it, the drill closes and says so, focused.
    api.answers.push({ view: drillClosed })
    await button(wrapper, en.leakDrill.steps.verify.action).trigger('click')
    await settle()
    expect(wrapper.find('.pleo-drill').exists()).toBe(false)
    const closed = wrapper.find('.pleo-drill__closed')
    expect(closed.text()).toContain(en.leakDrill.closed)
    expect(document.activeElement).toBe(closed.element)
    expect(drillLive(wrapper).text()).toBe(en.leakDrill.closed)

    expect(piniaState()).not.toContain(NEW_KEY)
    expect(document.body.innerHTML).not.toContain(NEW_KEY)
  })

  it('a drill found open on loading resumes at its step without taking focus; Pleo unreachable says so and stays open', async () => {
    resetApi(drillOldKeyAlive)
    const wrapper = await mountPleo(PleoConnect)
    expect(stepHeading(wrapper).text()).toBe(stepTitle(4, en.leakDrill.steps.verify.title))
    expect(document.activeElement).not.toBe(stepHeading(wrapper).element)
    expect(hasButton(wrapper, en.leakDrill.action)).toBe(false)

    api.answers.push({ error: 'pleo_unreachable' })
    await button(wrapper, en.leakDrill.steps.verify.action).trigger('click')
    await settle()
    expect(wrapper.find('.pleo-drill').exists()).toBe(true)
    expect(wrapper.find('.pleo-drill .pleo-error').text()).toContain(en.errors.pleo_unreachable.message)
  })

  it('links to the API key page the app configures (option apiKeysPage), for the connection\'s environment', async () => {
    const config = useRuntimeConfig().public.pleoConnect as { apiKeysPage?: Record<string, string> }
    const before = config.apiKeysPage
    config.apiKeysPage = { production: 'https://app.pleo.io/moved/keys', staging: 'https://staging.example/keys' }
    try {
      resetApi({ ...drillStarted, environment: 'staging' })
      const wrapper = await mountPleo(PleoConnect)
      await settle()
      expect(wrapper.findAll('a').find(a => a.text() === en.leakDrill.steps.openPleo.link)!.attributes('href')).toBe('https://staging.example/keys')
      // Not an https address: the default, never a script or a relative path.
      config.apiKeysPage = { production: 'javascript:alert(1)', staging: '' }
      resetApi(drillStarted)
      const fallback = await mountPleo(PleoConnect)
      await settle()
      expect(fallback.findAll('a').find(a => a.text() === en.leakDrill.steps.openPleo.link)!.attributes('href')).toBe('https://app.pleo.io/settings/api-keys')
    }
    finally {
      config.apiKeysPage = before
    }
  })

  it('speaks the admin\'s language: the action, the steps and the standby line in Danish', async () => {
    useState('pleo-connect:locale').value = 'da'
    resetApi(drillSwapped)
    const wrapper = await mountPleo(PleoConnect)
    expect(wrapper.find('.pleo-drill h3').text()).toBe(da.leakDrill.title)
    expect(stepHeading(wrapper).text()).toBe(`${formatMessage(da.leakDrill.stepOf, { step: 3, count: 4 })}: ${da.leakDrill.steps.deleteOld.title}`)
    expect(wrapper.find('.pleo-standby').text()).toBe(formatMessage(da.standby.keptForDrill, { keyHint: '••••6058' }))
  })

  it('every shipped language has its own words for the drill and the standby (none left in English)', () => {
    for (const [locale, catalog] of Object.entries(PLEO_CATALOGS)) {
      if (locale === 'en') continue
      expect(catalog.leakDrill.action, locale).not.toBe(en.leakDrill.action)
      expect(catalog.leakDrill.steps.verify.title, locale).not.toBe(en.leakDrill.steps.verify.title)
      expect(catalog.standby.kept, locale).toContain('{until}')
      expect(catalog.audit.events.standby_fallback, locale).not.toBe(en.audit.events.standby_fallback)
    }
  })
})
