// The module's texts as @nuxtjs/i18n messages: registered for the app's locales only, written so that vue-i18n
// reads every shipped text back exactly (its message syntax gives `@`, `|`, `$`, `%` meaning), and counted texts
// taking vue-i18n's plural forms in the built-in mode too.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createI18n } from 'vue-i18n'
import { describe, expect, it, vi } from 'vitest'
import { addTemplate } from '@nuxt/kit'
import type { Nuxt } from '@nuxt/schema'
import { appLocales, registerWithNuxtI18n } from '../../src/build/i18n'
import { de } from '../../src/runtime/shared/i18n/de'
import { en } from '../../src/runtime/shared/i18n/en'
import { placeholdersOf, pluralForm, resolveMessages } from '../../src/runtime/shared/i18n/messages'

// The build empties the build directory after the hook: the files are Nuxt templates too, written again then.
vi.mock('@nuxt/kit', () => ({ addTemplate: vi.fn() }))

/** A Nuxt stand-in with the app's i18n options, which runs the hook the way @nuxtjs/i18n does. */
function nuxtWith(i18n: { locales?: unknown }, layerModules: unknown[] = []) {
  const hooks = new Map<string, (register: unknown) => void>()
  const nuxt = {
    options: { buildDir: mkdtempSync(join(tmpdir(), 'pleo-i18n-')), i18n, _layers: [{ config: { modules: layerModules } }] },
    hook: (name: string, run: (register: unknown) => void) => hooks.set(name, run),
  } as unknown as Nuxt
  const registered: Array<{ langDir: string, locales: Array<{ code: string, file: string }> }> = []
  return { nuxt, registered, runHook: () => hooks.get('i18n:registerModule')?.((config: typeof registered[number]) => registered.push(config)) }
}

function leaves(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]]
  return Object.entries(value as object).flatMap(([name, child]) => leaves(child, path ? `${path}.${name}` : name))
}

describe('registering with @nuxtjs/i18n', () => {
  it('registers a catalogue for each locale the app has, by code or language, and adds none', () => {
    const { nuxt, registered, runHook } = nuxtWith({ locales: ['en', { code: 'de-DE', language: 'de-DE', file: 'de.json' }, { code: 'pl', language: 'pl-PL' }] })
    registerWithNuxtI18n(nuxt)
    runHook()
    expect(registered).toHaveLength(1)
    expect(registered[0]!.locales).toEqual([{ code: 'en', file: 'en.json' }, { code: 'de-DE', file: 'de-DE.json' }])
    const written = readFileSync(join(registered[0]!.langDir, 'de-DE.json'), 'utf8')
    expect(JSON.parse(written).pleoConnect.actions.connect).toBe(de.actions.connect)
    expect(vi.mocked(addTemplate)).toHaveBeenCalledWith(expect.objectContaining({ filename: 'pleo-connect/i18n/de-DE.json', write: true }))
    const templates = vi.mocked(addTemplate).mock.calls.map(([options]) => options as { filename: string, getContents: () => string })
    expect(templates.find(options => options.filename === 'pleo-connect/i18n/de-DE.json')!.getContents()).toBe(written)
  })

  it('reads the locales from the module\'s inline options in a layer too', () => {
    const { nuxt } = nuxtWith({}, [['@nuxtjs/i18n', { locales: ['fr', 'sv'] }], 'other-module'])
    expect(appLocales(nuxt).map(locale => locale.code)).toEqual(['fr', 'sv'])
  })

  it('writes texts vue-i18n reads back exactly, placeholders kept for the module to fill', () => {
    const { nuxt, registered, runHook } = nuxtWith({ locales: ['en'] })
    // A text with every character vue-i18n treats as syntax, as a future translation might have.
    const shipped = en.actions.connect
    en.actions.connect = 'Connect @:now | 100% $5 {companyId}'
    try {
      registerWithNuxtI18n(nuxt)
      runHook()
    }
    finally {
      en.actions.connect = shipped
    }
    const messages = JSON.parse(readFileSync(join(registered[0]!.langDir, 'en.json'), 'utf8'))
    // Untyped messages: vue-i18n's key types over the whole catalogue are too deep for the compiler.
    const { global } = createI18n({ legacy: false, locale: 'en', messages: { en: messages as Record<string, string> } })
    expect(leaves(messages.pleoConnect).map(([path]) => path)).toEqual(leaves(en).map(([path]) => path))
    for (const [path, text] of leaves(en)) {
      const expected = path === 'actions.connect' ? 'Connect @:now | 100% $5 {companyId}' : text
      const identity = Object.fromEntries(placeholdersOf(expected).map(name => [name, `{${name}}`]))
      expect(global.t(`pleoConnect.${path}` as string, identity), path).toBe(expected)
    }
  })
})

describe('counted texts', () => {
  it('picks vue-i18n\'s forms: one text, "one | other", "zero | one | other"', () => {
    expect(pluralForm('{count} times', 1)).toBe('{count} times')
    expect(pluralForm('once | {count} times', 1)).toBe('once')
    expect(pluralForm('once | {count} times', 0)).toBe('{count} times')
    expect(pluralForm('once | {count} times', 7)).toBe('{count} times')
    expect(pluralForm('never | once | {count} times', 0)).toBe('never')
    expect(pluralForm('never | once | {count} times', 1)).toBe('once')
    expect(pluralForm('never | once | {count} times', 2)).toBe('{count} times')
  })

  it('takes the app\'s translation of an entry, then `ui.messages` on top', () => {
    const messages = resolveMessages('de', { de: { actions: { cancel: 'Lieber nicht' } } }, path => (path.startsWith('actions.') ? `app:${path}` : undefined))
    expect(messages.actions.connect).toBe('app:actions.connect')
    expect(messages.actions.cancel).toBe('Lieber nicht')
    expect(messages.status.connected).toBe(de.status.connected)
  })
})
