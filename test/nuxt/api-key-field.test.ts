import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import PleoApiKeyField from '../../src/runtime/app/components/PleoApiKeyField.vue'
import { errorWords } from '../../src/runtime/shared/i18n/catalogue'
import { en } from '../../src/runtime/shared/i18n/en'
import type { KeyFormatProblem } from '../../src/runtime/shared/key-format'
import { api, connected, disconnected, resetApi, VALID_KEY } from './fake-api'
import { button, byLabel, gate, isMasked, mountPleo, piniaState, resetApp, settle, submitKey } from './helpers'

beforeEach(() => resetApi(disconnected))
afterEach(resetApp)

describe('<PleoApiKeyField>', () => {
  it('is a dedicated, masked field whose accessible name says "API Key" and that it is a secret credential', async () => {
    const wrapper = await mountPleo(PleoApiKeyField)
    const label = wrapper.find('label')
    expect(label.text()).toContain('API Key')
    expect(label.text()).toContain('secret credential')
    const input = byLabel(wrapper, 'API Key')
    expect(isMasked(input)).toBe(true)
    expect(input.attributes()).toMatchObject({
      autocomplete: 'off',
      spellcheck: 'false',
      autocapitalize: 'off',
      autocorrect: 'off',
    })
    expect(input.attributes('id')).toBe(label.attributes('for'))
  })

  it('is a text field drawn masked where the browser can mask one, so no password manager offers to save the key; else a password field', async () => {
    const supports = vi.fn(() => true)
    vi.stubGlobal('CSS', { escape: CSS.escape, supports })
    const supported = await mountPleo(PleoApiKeyField)
    await settle()
    const masked = byLabel(supported, 'API Key')
    expect(masked.attributes('type')).toBe('text')
    expect(masked.attributes('data-pleo-masked')).toBe('true')
    expect(supports).toHaveBeenCalledWith('-webkit-text-security', 'disc')
    supports.mockReturnValue(false)
    const unsupported = await mountPleo(PleoApiKeyField)
    await settle()
    const fallback = byLabel(unsupported, 'API Key')
    expect(fallback.attributes('type')).toBe('password')
    vi.unstubAllGlobals()
  })

  it('refuses to copy or cut a masked key out of the field, as a password field does, and allows it once revealed', async () => {
    const wrapper = await mountPleo(PleoApiKeyField)
    const input = byLabel(wrapper, 'API Key')
    await input.setValue(VALID_KEY)
    const copy = () => {
      const event = new Event('copy', { cancelable: true })
      input.element.dispatchEvent(event)
      return event.defaultPrevented
    }
    const cut = new Event('cut', { cancelable: true })
    input.element.dispatchEvent(cut)
    expect([copy(), cut.defaultPrevented]).toEqual([true, true])
    await button(wrapper, 'Show key').trigger('click')
    expect(copy()).toBe(false)
  })

  it('is never inside a <form>, so a click before hydration cannot send the key in a URL; Enter in the field sends it', async () => {
    api.answers.push({ view: connected })
    const wrapper = await mountPleo(PleoApiKeyField)
    const input = byLabel(wrapper, 'API Key')
    expect(input.element.closest('form')).toBeNull()
    expect(input.attributes('name')).toBeUndefined()
    expect(button(wrapper, 'Connect').attributes('type')).toBe('button')
    await input.setValue(VALID_KEY)
    await input.trigger('keydown', { key: 'Enter' })
    await settle()
    expect(api.calls.filter(call => call.method === 'POST')).toHaveLength(1)
  })

  it('describes the field with the guidance: company-level access, store securely, cannot be viewed again, where to create it', async () => {
    const wrapper = await mountPleo(PleoApiKeyField)
    const input = byLabel(wrapper, 'API Key')
    const guidance = wrapper.find(`#${CSS.escape(input.attributes('aria-describedby')!.split(' ')[0]!)}`)
    expect(guidance.text()).toContain('company-level access')
    expect(guidance.text()).toContain('store it securely')
    expect(guidance.text()).toContain('cannot be viewed again')
    expect(guidance.text()).toContain('Settings → API Keys')
    expect(guidance.text()).not.toContain('installation')
  })

  it('for Integrated keys also says that Pleo generated the key during installation and where to copy it from', async () => {
    const wrapper = await mountPleo(PleoApiKeyField, { props: { keyType: 'integrated' } })
    const text = wrapper.text()
    expect(text).toContain('Pleo generated this API Key for you during the installation')
    expect(text).toContain('Copy it from the installation dialog in Pleo')
    expect(text).toContain('company-level access')
    expect(text).toContain('cannot be viewed again')
  })

  it('reveals the key while typing with a toggle button, and masks it again', async () => {
    const wrapper = await mountPleo(PleoApiKeyField)
    const input = byLabel(wrapper, 'API Key')
    const toggle = button(wrapper, 'Show key')
    expect(toggle.attributes('aria-pressed')).toBe('false')
    expect(toggle.attributes('aria-controls')).toBe(input.attributes('id'))
    await input.setValue(VALID_KEY)
    await toggle.trigger('click')
    expect(isMasked(input)).toBe(false)
    expect(input.attributes('type')).toBe('text')
    expect(toggle.attributes('aria-pressed')).toBe('true')
    await toggle.trigger('click')
    expect(isMasked(input)).toBe(true)
  })

  it('masks the key again as soon as it is sent', async () => {
    const wrapper = await mountPleo(PleoApiKeyField)
    await byLabel(wrapper, 'API Key').setValue(VALID_KEY)
    await button(wrapper, 'Show key').trigger('click')
    const wait = gate()
    api.gate = wait.promise
    await button(wrapper, 'Connect').trigger('click')
    expect(isMasked(byLabel(wrapper, 'API Key'))).toBe(true)
    wait.release()
    await settle()
  })

  it('accepts paste and trims what comes with it', async () => {
    const wrapper = await mountPleo(PleoApiKeyField)
    const input = byLabel(wrapper, 'API Key')
    const clipboardData = new DataTransfer()
    clipboardData.setData('text', `  \n${VALID_KEY}\t \n`)
    const paste = new ClipboardEvent('paste', { clipboardData, cancelable: true })
    input.element.dispatchEvent(paste)
    await settle()
    expect(input.element.value).toBe(VALID_KEY)
  })

  it('takes the key out of quotes, an .env line or a header, says what it removed, and sends only the key', async () => {
    api.answers.push({ view: connected })
    const wrapper = await mountPleo(PleoApiKeyField)
    const input = byLabel(wrapper, 'API Key')
    const clipboardData = new DataTransfer()
    clipboardData.setData('text', `export PLEO_API_KEY="${VALID_KEY}"\n`)
    input.element.dispatchEvent(new ClipboardEvent('paste', { clipboardData, cancelable: true }))
    await settle()
    expect(input.element.value).toBe(VALID_KEY)
    const note = wrapper.find('.pleo-key-field__cleaned')
    expect(note.attributes('role')).toBe('status')
    expect(note.text()).toBe(`${en.field.cleaned.env_line} ${en.field.cleaned.quotes}`)
    expect(input.attributes('aria-describedby')).toContain(note.attributes('id'))
    await button(wrapper, en.actions.connect).trigger('click')
    await settle()
    expect(api.calls.filter(call => call.method === 'POST')).toEqual([expect.objectContaining({ body: { apiKey: VALID_KEY } })])
    expect(wrapper.find('.pleo-key-field__cleaned').exists()).toBe(false)
  })

  it('says at once what is wrong with a paste that cannot be a key, and sends nothing', async () => {
    const wrapper = await mountPleo(PleoApiKeyField)
    const input = byLabel(wrapper, 'API Key')
    const clipboardData = new DataTransfer()
    clipboardData.setData('text', '2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21')
    input.element.dispatchEvent(new ClipboardEvent('paste', { clipboardData, cancelable: true }))
    await settle()
    expect(wrapper.find('.pleo-key-field__format').text()).toBe(en.errors.key_malformed.variants!.company_id!.message)
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(api.calls.filter(call => call.method === 'POST')).toEqual([])
  })

  it('trims a typed key before sending it', async () => {
    api.answers.push({ view: connected })
    const wrapper = await mountPleo(PleoApiKeyField)
    await submitKey(wrapper, `   ${VALID_KEY}  `)
    expect(api.calls.filter(call => call.method === 'POST')).toEqual([expect.objectContaining({ body: { apiKey: VALID_KEY } })])
  })

  it.each<[string, KeyFormatProblem]>([
    ['', 'empty'],
    ['short-key', 'too_short'],
    ['demo valid 3f9c2a7e1b4d6058', 'inner_whitespace'],
    ['https://external.pleo.io/v1/installations', 'url'],
    [`Basic ${VALID_KEY}`, 'authorization_header'],
    ['demo-valid-3f9c2a7e1b4d6058ø', 'invisible_characters'],
    ['k'.repeat(513), 'too_long'],
  ])('checks the format before sending: %j is refused with its own message (%s)', async (key, problem) => {
    const wrapper = await mountPleo(PleoApiKeyField)
    await submitKey(wrapper, key)
    const input = byLabel(wrapper, 'API Key')
    const message = wrapper.find(`#${CSS.escape(input.attributes('aria-describedby')!.split(' ')[1]!)}`)
    expect(message.text()).toBe(errorWords(en.errors, { code: 'key_malformed', variant: problem, keyType: 'standalone' }).message)
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(input.element)
    expect(api.calls.filter(call => call.method !== 'GET')).toEqual([])
  })

  it('clears the key after sending it, and the key never reaches the store, storage, cookies or the page', async () => {
    const wait = gate()
    api.gate = wait.promise
    api.answers.push({ view: connected })
    const wrapper = await mountPleo(PleoApiKeyField)
    await byLabel(wrapper, 'API Key').setValue(VALID_KEY)
    // The field holds it as its value, never as a `value` attribute that the page's HTML would show.
    expect(byLabel(wrapper, 'API Key').element.value).toBe(VALID_KEY)
    expect(document.body.innerHTML).not.toContain(VALID_KEY)
    await button(wrapper, 'Connect').trigger('click')
    await settle()
    // While Pleo is being asked…
    expect(api.calls.at(-1)).toMatchObject({ method: 'POST', body: { apiKey: VALID_KEY } })
    expect(piniaState()).not.toContain(VALID_KEY)
    expect(piniaState()).toContain('"pending":"connect"')
    wait.release()
    await settle()
    // …and after.
    expect(byLabel(wrapper, 'API Key').element.value).toBe('')
    expect(piniaState()).not.toContain(VALID_KEY)
    expect(piniaState()).toContain('••••6058')
    expect(document.body.innerHTML).not.toContain(VALID_KEY)
    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie).not.toContain(VALID_KEY)
    expect(window.location.href).not.toContain(VALID_KEY)
  })

  it('emits success with the view, and the field is empty and ready', async () => {
    api.answers.push({ view: connected })
    const wrapper = await mountPleo(PleoApiKeyField)
    await submitKey(wrapper, VALID_KEY)
    expect(wrapper.emitted('success')).toEqual([[connected]])
    expect(byLabel(wrapper, 'API Key').element.value).toBe('')
  })

  it.each(['key_rejected', 'pleo_unreachable', 'pleo_unavailable', 'pleo_rate_limited', 'busy', 'network_error'] as const)('after a refusal (%s) keeps the key in the field, masked and editable, for an immediate retry', async (code) => {
    api.answers.push(code === 'network_error' ? { error: 'internal_error' } : { error: code }, { view: connected })
    const wrapper = await mountPleo(PleoApiKeyField)
    await submitKey(wrapper, VALID_KEY)
    const input = byLabel(wrapper, 'API Key')
    expect(wrapper.emitted('failure')).toHaveLength(1)
    // Pleo shows an Integrated key only once: a refused key is not thrown away.
    expect(input.element.value).toBe(VALID_KEY)
    expect(isMasked(input)).toBe(true)
    expect(input.attributes('readonly')).toBeUndefined()
    expect(wrapper.text()).toContain('The key you entered is still in the field')
    expect(piniaState()).not.toContain(VALID_KEY)
    // Retry at once, with the key still there.
    await button(wrapper, 'Connect').trigger('click')
    await settle()
    expect(wrapper.emitted('success')).toHaveLength(1)
    expect(input.element.value).toBe('')
  })

  it('empties the field on Cancel, and when it goes away (the admin leaves the page)', async () => {
    api.answers.push({ error: 'key_rejected' })
    const wrapper = await mountPleo(PleoApiKeyField, { props: { cancellable: true } })
    await submitKey(wrapper, VALID_KEY)
    const input = byLabel(wrapper, 'API Key')
    expect(input.element.value).toBe(VALID_KEY)
    await button(wrapper, 'Cancel').trigger('click')
    expect(input.element.value).toBe('')
    expect(wrapper.emitted('cancel')).toHaveLength(1)

    api.answers.push({ error: 'key_rejected' })
    await submitKey(wrapper, VALID_KEY)
    const element = input.element
    wrapper.unmount()
    expect(element.value).toBe('')
  })
})
