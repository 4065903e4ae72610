// "Is this the key in use?": a key compared on the server by fingerprint; the field keeps it only until the answer.
import { afterEach, describe, expect, it } from 'vitest'
import PleoKeyComparison from '../../src/runtime/app/components/PleoKeyComparison.vue'
import { en } from '../../src/runtime/shared/i18n/en'
import { api, connected, resetApi, VALID_KEY } from './fake-api'
import { button, byLabel, isMasked, mountPleo, resetApp, settle } from './helpers'

afterEach(resetApp)

async function compare(key: string) {
  resetApi(connected)
  const wrapper = await mountPleo(PleoKeyComparison)
  expect(wrapper.find('input').exists()).toBe(false)
  await button(wrapper, en.compare.action).trigger('click')
  await settle()
  expect(document.activeElement).toBe(byLabel(wrapper, en.compare.label).element)
  const input = byLabel(wrapper, en.compare.label)
  await input.setValue(key)
  await button(wrapper, en.compare.submit).trigger('click')
  await settle()
  return { wrapper, input }
}

describe('<PleoKeyComparison>', () => {
  it('says the key is the one in use, and empties the field', async () => {
    const { wrapper, input } = await compare(`"${VALID_KEY}"`)
    // The same reading as the key field: the quotes never reach the server.
    expect(api.calls.filter(call => call.path.endsWith('/compare')).map(call => call.body)).toEqual([{ apiKey: VALID_KEY }])
    const result = wrapper.find('.pleo-compare__result')
    expect(result.attributes('role')).toBe('status')
    expect(result.text()).toContain(en.compare.matches)
    expect((input.element as HTMLInputElement).value).toBe('')
    expect(isMasked(input)).toBe(true)
  })

  it('says another key is not the one in use', async () => {
    const { wrapper } = await compare('demo-valid-other-0b6e3a8d2f5c9147')
    expect(wrapper.find('.pleo-compare__result').text()).toContain(en.compare.differs)
  })

  it('names a malformed key without sending it, and shows a refusal of the server in words', async () => {
    const { wrapper } = await compare('https://app.pleo.io/settings')
    expect(wrapper.find('.pleo-compare__result').text()).toBe(en.errors.key_malformed.variants!.url!.message)
    expect(api.calls.filter(call => call.path.endsWith('/compare'))).toEqual([])

    api.answers.push({ error: 'too_many_attempts', data: { retryAfter: 600 } })
    await byLabel(wrapper, en.compare.label).setValue(VALID_KEY)
    await button(wrapper, en.compare.submit).trigger('click')
    await settle()
    expect(wrapper.find('.pleo-error').text()).toContain(en.errors.too_many_attempts.message)
  })
})
