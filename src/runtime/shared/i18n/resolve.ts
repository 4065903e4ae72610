// How the admin UI's texts are put together: a shipped catalogue, the app's own translations, the app's overrides.
// No catalogue is imported here: the browser loads only the active locale's (loaders.ts), the server all (messages.ts).
import { formatMessage } from './catalogue'
import type { PleoMessages } from './en'

export type { PleoMessages }
export { formatMessage }

/** The locales the module ships: English and the languages of Pleo's markets. */
export const SHIPPED_LOCALES = ['en', 'da', 'de', 'es', 'fi', 'fr', 'it', 'nb', 'nl', 'pt', 'sv'] as const
export type ShippedLocale = typeof SHIPPED_LOCALES[number]

export type PleoMessageOverrides = { [K in keyof PleoMessages]?: DeepPartial<PleoMessages[K]> }
type DeepPartial<T> = T extends string ? string : { [K in keyof T]?: DeepPartial<T[K]> }

/**
 * `base` (a shipped catalogue) for `locale`, with the app's overrides for that locale on top. Arrays and non-string
 * values in overrides are ignored, so a typo cannot break the page.
 */
export function resolveFromCatalog(base: PleoMessages, locale: string, overrides: Record<string, PleoMessageOverrides | undefined> = {}, translate?: TranslateLeaf): PleoMessages {
  return mergeStrings(translate ? translateLeaves(base, translate) : base, overrides[locale]) as PleoMessages
}

/** The code of the shipped catalogue for a locale code or language tag (`de-AT` reads `de`), if one ships. */
export function shippedLocaleOf(locale: string): ShippedLocale | undefined {
  const language = locale.split('-')[0]!
  return (SHIPPED_LOCALES as readonly string[]).includes(locale) ? locale as ShippedLocale : (SHIPPED_LOCALES as readonly string[]).includes(language) ? language as ShippedLocale : undefined
}

/** The app's own text for a catalog entry (by dotted path, e.g. `actions.connect`), or `undefined` to keep the module's. */
export type TranslateLeaf = (path: string, shipped: string) => string | undefined

function translateLeaves(node: unknown, translate: TranslateLeaf, path = ''): unknown {
  if (typeof node === 'string') return translate(path, node) ?? node
  if (!isPlainObject(node)) return node
  return Object.fromEntries(Object.entries(node).map(([name, child]) => [name, translateLeaves(child, translate, path ? `${path}.${name}` : name)]))
}

/** Every `{name}` placeholder of a text, once each. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map(match => match[1]!))]
}

/**
 * The form of a counted text for `count`, in vue-i18n's plural syntax (`'no keys | one key | {count} keys'`) and
 * with its default rule: two forms are "one | other", three are "zero | one | other". A text without `|` is its
 * only form, so every shipped text works unchanged.
 */
export function pluralForm(text: string, count: number): string {
  const forms = text.split(/\s*\|\s*/)
  if (forms.length === 1) return text
  const n = Math.abs(count)
  const index = forms.length === 2 ? (n === 1 ? 0 : 1) : Math.min(n, 2)
  return forms[index]!
}

function mergeStrings(base: unknown, override: unknown): unknown {
  if (typeof base === 'string') return typeof override === 'string' ? override : base
  // Nothing to change below here: the shipped texts themselves, not a copy (every component's texts on every
  // server-rendered request come through here, and most apps override a few texts or none).
  if (!isPlainObject(base) || !isPlainObject(override)) return base
  const result: Record<string, unknown> = {}
  const patch = override
  for (const name of Object.keys(base)) result[name] = mergeStrings(base[name], patch[name])
  // Texts for codes the base does not know yet (e.g. a future error code) may still be added.
  for (const name of Object.keys(patch)) {
    if (!(name in base) && (typeof patch[name] === 'string' || isPlainObject(patch[name]))) result[name] = patch[name]
  }
  return result
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Public runtime config `pleoConnect.ui`, filled from the module's `ui` and `page` options. */
export interface PleoUiConfig {
  /** Locale of the texts: `en`, `da`, `de`, `es`, `fi`, `fr`, `it`, `nb`, `nl`, `pt` and `sv` ship; any other starts from English. */
  locale: string
  /** Overrides per locale, e.g. `{ da: { actions: { connect: 'Tilslut' } } }`. */
  messages: Record<string, PleoMessageOverrides>
  /** Path of the settings page, or `false` when the module adds none. */
  pagePath: string | false
  /** Warn this many days before the expiry date the admin entered (module option `healthCheck.expiryWarningDays`). */
  expiryWarningDays: number
  /** Ask for the key's expiry date: for Standalone keys only (Pleo's form sets one), always, or never. */
  askKeyExpiry: 'standalone' | 'always' | 'never'
  /** The scopes the app needs and may use (module options `requiredScopes`, `optionalScopes`). */
  scopes?: { required: string[], optional: string[], purposes?: Record<string, string> }
}
