// Every shipped catalogue has exactly the keys of the English one and, in each string, the same placeholders:
// a missing key would show English in the middle of a page, a lost `{companyId}` would drop an id the admin needs.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '../../src/runtime/shared/i18n/en'
import { PLEO_CATALOGS } from '../../src/runtime/shared/i18n/messages'

const I18N = join(__dirname, '../../src/runtime/shared/i18n')
const NOT_CATALOGUES = new Set(['catalogue', 'messages', 'en'])
const localeFiles = readdirSync(I18N).filter(file => file.endsWith('.ts')).map(file => file.slice(0, -3)).filter(name => !NOT_CATALOGUES.has(name))

/** Every string of a catalogue, by its dotted path. */
function strings(value: unknown, path = ''): Map<string, string> {
  const found = new Map<string, string>()
  if (typeof value === 'string') found.set(path, value)
  else if (value && typeof value === 'object') {
    for (const [name, child] of Object.entries(value)) for (const [key, text] of strings(child, path ? `${path}.${name}` : name)) found.set(key, text)
  }
  return found
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map(match => match[1]).sort()
const english = strings(en)

describe('the shipped catalogues', () => {
  it('are all registered, and more than English and Danish ship', () => {
    expect(Object.keys(PLEO_CATALOGS).sort()).toEqual(['en', ...localeFiles].sort())
    expect(localeFiles.length).toBeGreaterThanOrEqual(1)
  })

  it.each(localeFiles)('%s has exactly the keys of en, each with the same placeholders, none empty', async (locale) => {
    const catalogue = (await import(join(I18N, `${locale}.ts`)))[locale]
    const translated = strings(catalogue)
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort())
    const mismatched = [...english].filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(translated.get(key) ?? '')))
    expect(mismatched.map(([key]) => key)).toEqual([])
    expect([...translated].filter(([, text]) => !text.trim()).map(([key]) => key)).toEqual([])
    expect(PLEO_CATALOGS[locale]).toBe(catalogue)
  })
})
