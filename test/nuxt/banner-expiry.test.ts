// The banner counts down to the expiry date the admin entered, from the first reminder, on every page of the app;
// a key that stopped working is still the alert it was.
import { afterEach, describe, expect, it } from 'vitest'
import PleoConnectionBanner from '../../src/runtime/app/components/PleoConnectionBanner.vue'
import { en } from '../../src/runtime/shared/i18n/en'
import { connected, resetApi } from './fake-api'
import { mountPleo, resetApp, uiConfig } from './helpers'

afterEach(resetApp)

/** The local calendar date `days` from today, as the admin entered it. */
function inDays(days: number) {
  const date = new Date()
  date.setDate(date.getDate() + days)
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}

describe('the banner before a key expires', () => {
  it('counts down from the first reminder, as news (a status), with the way to replace the key', async () => {
    resetApi({ ...connected, keyExpiresAt: inDays(5) })
    const banner = (await mountPleo(PleoConnectionBanner)).find('.pleo-banner')
    expect(banner.attributes('role')).toBe('status')
    expect(banner.attributes('data-kind')).toBe('key_expiry')
    expect(banner.text()).toContain(en.expiry.soonTitle)
    expect(banner.text()).toContain('This API Key expires in 5 days.')
    expect(banner.find('a').text()).toBe(en.banner.action)
  })

  it('says nothing before the first reminder, and alerts once the date has passed', async () => {
    expect(uiConfig().expiryWarningDays).toBe(30)
    resetApi({ ...connected, keyExpiresAt: inDays(45) })
    expect((await mountPleo(PleoConnectionBanner)).find('.pleo-banner').exists()).toBe(false)
    resetApp()
    resetApi({ ...connected, keyExpiresAt: inDays(-2) })
    const banner = (await mountPleo(PleoConnectionBanner)).find('.pleo-banner')
    expect(banner.attributes('role')).toBe('alert')
    expect(banner.text()).toContain(en.expiry.expiredTitle)
  })

  it('a key that stopped working is the alert it was, whatever its date', async () => {
    resetApi({ ...connected, state: 'action_required', keyExpiresAt: inDays(3), problem: { code: 'key_rejected', message: 'x', action: 'y' } })
    const banner = (await mountPleo(PleoConnectionBanner)).find('.pleo-banner')
    expect(banner.attributes('role')).toBe('alert')
    expect(banner.text()).toContain(en.banner.message)
  })
})
