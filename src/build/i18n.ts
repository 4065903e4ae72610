// In an app with @nuxtjs/i18n the module's texts become the app's own messages, under `pleoConnect.`: registered
// through @nuxtjs/i18n's module hook for the locales the app has (never adding one), with the app's own locale
// files loaded after them, so any text can be overridden there.
import { mkdirSync, writeFileSync } from 'node:fs'
import { addTemplate } from '@nuxt/kit'
import { join } from 'pathe'
import type { Nuxt } from '@nuxt/schema'
import { shippedCatalog } from '../runtime/shared/i18n/messages'

interface AppLocale {
  code: string
  language?: string
}

const LANG_DIR = 'pleo-connect/i18n'

type RegisterI18nModule = (config: { langDir: string, locales: Array<{ code: string, file: string }> }) => void

/** Registers the shipped catalogs with @nuxtjs/i18n, if the app has it (the hook never fires otherwise). */
export function registerWithNuxtI18n(nuxt: Nuxt): void {
  const hook = nuxt.hook as unknown as (name: 'i18n:registerModule', run: (register: RegisterI18nModule) => void) => void
  hook('i18n:registerModule', (register) => {
    const langDir = join(nuxt.options.buildDir, LANG_DIR)
    mkdirSync(langDir, { recursive: true })
    const locales = appLocales(nuxt).flatMap(({ code, language }) => {
      const catalog = shippedCatalog(code) ?? (language ? shippedCatalog(language) : undefined)
      if (!catalog) return []
      const file = `${code}.json`
      const contents = JSON.stringify({ pleoConnect: escapeForVueI18n(catalog) }, null, 2)
      // Read (and hashed) by @nuxtjs/i18n right after this hook; the build then empties the build directory, and
      // writes the app's templates again, this file among them.
      writeFileSync(join(langDir, file), contents)
      addTemplate({ filename: `${LANG_DIR}/${file}`, write: true, getContents: () => contents })
      return [{ code, file }]
    })
    register({ langDir, locales })
  })
}

/** The locales configured for @nuxtjs/i18n in the app and its layers (`i18n.locales` or the module's inline options). */
export function appLocales(nuxt: Nuxt): AppLocale[] {
  const lists: unknown[] = [(nuxt.options as { i18n?: { locales?: unknown } }).i18n?.locales]
  for (const layer of nuxt.options._layers) {
    lists.push((layer.config as { i18n?: { locales?: unknown } }).i18n?.locales)
    for (const entry of layer.config.modules ?? []) {
      if (Array.isArray(entry) && entry[0] === '@nuxtjs/i18n') lists.push((entry[1] as { locales?: unknown } | undefined)?.locales)
    }
  }
  const byCode = new Map<string, AppLocale>()
  for (const locale of lists.flatMap(list => (Array.isArray(list) ? list : []))) {
    const entry = typeof locale === 'string' ? { code: locale, language: locale } : locale as Partial<AppLocale>
    if (typeof entry?.code === 'string' && !byCode.has(entry.code)) byCode.set(entry.code, { code: entry.code, language: entry.language })
  }
  return [...byCode.values()]
}

/**
 * vue-i18n's message syntax gives `@`, `|`, `$` and `%` meaning (links, plural forms, modulo): the shipped texts are
 * written as literals (`{'@'}`), only `{name}` placeholders keep theirs.
 */
function escapeForVueI18n(node: unknown): unknown {
  if (typeof node === 'string') return node.replace(/[@|$%]/g, char => `{'${char}'}`)
  if (typeof node !== 'object' || node === null) return node
  return Object.fromEntries(Object.entries(node).map(([name, child]) => [name, escapeForVueI18n(child)]))
}
