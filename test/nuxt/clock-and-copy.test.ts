// Times that move while the page is open ("5 minutes ago", "expires in 3 days"), and ids copied for a support ticket.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import PleoCompanyConfirmation from '../../src/runtime/app/components/PleoCompanyConfirmation.vue'
import PleoKeyExpiryWarning from '../../src/runtime/app/components/PleoKeyExpiryWarning.vue'
import { usePleoMessages } from '../../src/runtime/app/composables/usePleoMessages'
import { relativeTimeText } from '../../src/runtime/app/utils/relative-time'
import { COMPANY_A, connected, resetApi } from './fake-api'
import { mountPleo, resetApp, settle } from './helpers'

const START = new Date('2026-11-20T10:00:00Z')

beforeEach(() => {
  resetApi(connected)
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(START)
})
afterEach(() => {
  vi.useRealTimers()
  resetApp()
})

describe('relative times', () => {
  it('say the largest unit that fits, in the admin\'s language', () => {
    const now = new Date('2026-11-20T10:00:00Z')
    expect(relativeTimeText(new Date('2026-11-20T09:59:40Z'), now, 'en')).toBe('now')
    expect(relativeTimeText(new Date('2026-11-20T09:55:00Z'), now, 'en')).toBe('5 minutes ago')
    expect(relativeTimeText(new Date('2026-11-19T10:00:00Z'), now, 'en')).toBe('yesterday')
    expect(relativeTimeText(new Date('2026-11-23T10:00:00Z'), now, 'en')).toBe('in 3 days')
    expect(relativeTimeText(new Date('2026-11-20T07:00:00Z'), now, 'da')).toBe('for 3 timer siden')
  })

  it('"Last checked" moves while the page stays open, next to the exact time', async () => {
    const view = { ...connected, lastVerifiedAt: '2026-11-20T09:58:00Z' }
    const wrapper = await mountPleo(PleoCompanyConfirmation, { props: { view } })
    const checked = () => wrapper.findAll('dd')[wrapper.findAll('dt').findIndex(dt => dt.text() === 'Last checked')]!
    expect(checked().text()).toContain('(2 minutes ago)')
    vi.advanceTimersByTime(10 * 60_000)
    await settle()
    expect(checked().text()).toContain('(12 minutes ago)')
  })

  it('the expiry warning counts down when the page is left open over midnight', async () => {
    vi.setSystemTime(new Date(2026, 10, 20, 23, 59, 0))
    const wrapper = await mountPleo(PleoKeyExpiryWarning, { props: { view: { ...connected, keyExpiresAt: '2026-11-23' } } })
    expect(wrapper.text()).toContain('This API Key expires in 3 days.')
    vi.advanceTimersByTime(2 * 60_000)
    await settle()
    expect(wrapper.text()).toContain('This API Key expires in 2 days.')
  })
})

describe('copying ids', () => {
  it('copies the company id and the installation id exactly, and says Copied (visibly and to screen readers)', async () => {
    const written: string[] = []
    const clipboard = {
      writeText: async (text: string) => written.push(text),
      write: async (items: ClipboardItem[]) => written.push(await (await items[0]!.getType('text/plain')).text()),
    }
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard })
    // As a browser grants it on a click.
    vi.spyOn(navigator.permissions, 'query').mockResolvedValue({ state: 'granted', addEventListener: () => {}, removeEventListener: () => {} } as unknown as PermissionStatus)
    const wrapper = await mountPleo(PleoCompanyConfirmation, { props: { view: connected } })
    const copyCompany = wrapper.find('button[aria-label="Copy Company ID"]')
    await copyCompany.trigger('click')
    await settle()
    expect(written).toEqual([COMPANY_A])
    expect(copyCompany.text()).toBe('Copied')
    expect(wrapper.find('[role="status"]').text()).toBe('Copied')
    await wrapper.find('button[aria-label="Copy installation ID"]').trigger('click')
    await settle()
    expect(written).toEqual([COMPANY_A, 'inst-1'])
    vi.advanceTimersByTime(2500)
    await settle()
    expect(wrapper.find('[role="status"]').text()).toBe('')
    expect(usePleoMessages().messages.value.confirmation.copy).toBe('Copy')
  })
})
