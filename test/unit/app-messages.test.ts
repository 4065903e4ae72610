import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../src/runtime/shared/error-codes'
import { en } from '../../src/runtime/shared/i18n/en'
import { formatMessage, PLEO_CATALOGS, resolveMessages, SHIPPED_LOCALES } from '../../src/runtime/shared/i18n/messages'
import { CATALOG_LOADERS } from '../../src/runtime/shared/i18n/loaders'

const I18N = join(__dirname, '../../src/runtime/shared/i18n')
const TRANSLATIONS = SHIPPED_LOCALES.filter(locale => locale !== 'en')

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

  it('every catalogue file of the i18n folder ships, and the browser can load each one on its own', async () => {
    const files = readdirSync(I18N).filter(file => file.endsWith('.ts') && !['catalogue.ts', 'messages.ts', 'resolve.ts', 'loaders.ts'].includes(file)).map(file => file.slice(0, -3))
    expect(Object.keys(PLEO_CATALOGS).sort()).toEqual(files.sort())
    expect([...SHIPPED_LOCALES].sort()).toEqual(files.sort())
    expect(Object.keys(CATALOG_LOADERS).sort()).toEqual(files.sort())
    for (const locale of SHIPPED_LOCALES) expect(await CATALOG_LOADERS[locale]()).toBe(PLEO_CATALOGS[locale])
  })

  // A missing key would show English in the middle of a page; a lost `{companyId}` would drop an id the admin needs.
  it.each(TRANSLATIONS)('%s has every English string, non-empty, with the same placeholders, and translated', (locale) => {
    const english = leaves(en)
    const translated = leaves(PLEO_CATALOGS[locale])
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort())
    const wrong = [...english].filter(([path, text]) => typeof translated.get(path) !== 'string' || !String(translated.get(path)).trim()
      || JSON.stringify(placeholders(translated.get(path))) !== JSON.stringify(placeholders(text))).map(([path]) => path)
    expect(wrong).toEqual([])
    // A few words are the same in both languages ("Pleo", "OK"); whole sentences are not.
    const untranslated = [...english].filter(([path, text]) => translated.get(path) === text && String(text).includes(' ')).map(([path]) => path)
    expect(untranslated.length, untranslated.join(', ')).toBeLessThanOrEqual(3)
  })

  it('never says "Authentication failed"', () => {
    for (const catalog of Object.values(PLEO_CATALOGS)) {
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
    expect(resolveMessages('de-AT').actions.connect).toBe(resolveMessages('de').actions.connect)
    expect(resolveMessages('de').actions.connect).not.toBe('Connect')
    expect(resolveMessages('ja').actions.connect).toBe('Connect')
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

  it('copies only what an override changes: no overrides is the shipped catalogue itself, untouched parts are shared', () => {
    expect(resolveMessages('en')).toBe(en)
    const messages = resolveMessages('en', { en: { actions: { connect: 'Link' } } })
    expect(messages.actions).not.toBe(en.actions)
    expect(messages.errors).toBe(en.errors)
    expect(en.actions.connect).toBe('Connect')
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
