import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../src/runtime/shared/error-codes'
import { da } from '../../src/runtime/shared/i18n/da'
import { en } from '../../src/runtime/shared/i18n/en'
import { formatMessage, resolveMessages } from '../../src/runtime/shared/i18n/messages'

/** Every leaf of a catalog as `path → text`. */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const found = new Map<string, unknown>()
  if (typeof value !== 'object' || value === null) return found.set(path, value)
  for (const [name, child] of Object.entries(value)) {
    for (const [childPath, text] of leaves(child, path ? `${path}.${name}` : name)) found.set(childPath, text)
  }
  return found
}

const placeholders = (text: unknown) => [...String(text).matchAll(/\{(\w+)\}/g)].map(match => match[1]).sort()

describe('message catalogs', () => {
  it('has words for every error code the server answers with', () => {
    for (const code of ERROR_CODES) expect(en.errors[code], code).toMatchObject({ message: expect.any(String), action: expect.any(String) })
  })

  it('Danish has every English string, non-empty, with the same placeholders, and translated', () => {
    const english = leaves(en)
    const danish = leaves(da)
    expect([...danish.keys()].sort()).toEqual([...english.keys()].sort())
    let same = 0
    for (const [path, text] of english) {
      expect(typeof danish.get(path), path).toBe('string')
      expect(String(danish.get(path)).trim(), path).not.toBe('')
      expect(placeholders(danish.get(path)), path).toEqual(placeholders(text))
      if (danish.get(path) === text) same++
    }
    expect(same).toBe(0)
  })

  it('never says "Authentication failed"', () => {
    for (const catalog of [en, da]) {
      for (const text of leaves(catalog).values()) expect(String(text)).not.toMatch(/authentication failed/i)
    }
  })

  it('the guidance says what Pleo asks for, per key type', () => {
    expect(Object.values(en.guidance.standalone).join(' ')).toMatch(/company-level access.*store it securely.*cannot be viewed again/s)
    expect(en.guidance.standalone.where).toContain('Settings → API Keys')
    expect(en.guidance.integrated.generated).toContain('generated this API Key for you during the installation')
  })
})

describe('resolveMessages', () => {
  it('picks the shipped locale, also from a regional tag, and English otherwise', () => {
    expect(resolveMessages('da').actions.connect).toBe('Forbind')
    expect(resolveMessages('da-DK').actions.connect).toBe('Forbind')
    expect(resolveMessages('fr').actions.connect).toBe('Connect')
  })

  it('overrides single strings of the active locale only', () => {
    const messages = resolveMessages('da', { da: { actions: { connect: 'Tilslut' } }, en: { actions: { connect: 'Link' } } })
    expect(messages.actions.connect).toBe('Tilslut')
    expect(messages.actions.disconnect).toBe('Afbryd forbindelsen')
    expect(resolveMessages('en', { da: { actions: { connect: 'Tilslut' } } }).actions.connect).toBe('Connect')
  })

  it('ignores overrides of the wrong shape, and leaves the catalogs untouched', () => {
    const messages = resolveMessages('en', { en: { actions: ['x'], title: 42, status: 'x' } as never })
    expect(messages.actions.connect).toBe('Connect')
    expect(messages.title).toBe('Pleo connection')
    expect(messages.status.connected).toBe('Connected')
    resolveMessages('en', { en: { title: 'Changed' } })
    expect(en.title).toBe('Pleo connection')
  })

  it('accepts texts for codes the catalog does not know yet', () => {
    const messages = resolveMessages('en', { en: { audit: { events: { future_event: 'A future event.' } } } })
    expect(messages.audit.events.future_event).toBe('A future event.')
  })
})

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('Connected to Company ID: {companyId}', { companyId: 'abc' })).toBe('Connected to Company ID: abc')
    expect(formatMessage('{minutes} min {unknown}', { minutes: 5 })).toBe('5 min {unknown}')
  })
})
