import { computed, effectScope, isRef, watch, type EffectScope, type Ref } from 'vue'
import { useNuxtApp, useRuntimeConfig, useState } from '#imports'
import { errorWords, type ErrorWords } from '../../shared/i18n/catalogue'
import { formatMessage, placeholdersOf, pluralForm, resolveFromCatalog, type PleoMessages, type PleoUiConfig, type TranslateLeaf } from '../../shared/i18n/resolve'
import { loadCatalogue, loadedCatalogue } from '../utils/catalogs'
import type { KeyType } from '../../shared/schemas'

/** The module's UI options from public runtime config (the module writes every one, with its defaults). */
export function usePleoUiConfig(): PleoUiConfig {
  return (useRuntimeConfig().public as unknown as { pleoConnect: { ui: PleoUiConfig } }).pleoConnect.ui
}

/** The parts of the app's vue-i18n (`$i18n` of @nuxtjs/i18n, composition or legacy mode) the module reads. */
interface VueI18nLike {
  locale: Ref<string>
  te?: (key: string, locale?: string) => boolean
  t?: (key: string, named?: Record<string, unknown>, plural?: number) => string
  d?: (value: Date, options: Intl.DateTimeFormatOptions) => string
}

interface AppI18n {
  locale: Ref<string>
  localePath?: (path: string) => string
  /** The app's vue-i18n, when it can translate: the module's messages live under `pleoConnect.` in it. */
  i18n?: Required<VueI18nLike>
}

/** The app's @nuxtjs/i18n, when it has one: its current locale, its `localePath` and its vue-i18n. */
export function useAppI18n(): AppI18n | undefined {
  const nuxtApp = useNuxtApp() as unknown as { $i18n?: Partial<VueI18nLike>, $localePath?: unknown }
  const i18n = nuxtApp.$i18n
  if (!i18n || !isRef(i18n.locale)) return undefined
  const localePath = nuxtApp.$localePath
  const translates = typeof i18n.te === 'function' && typeof i18n.t === 'function' && typeof i18n.d === 'function'
  return {
    locale: i18n.locale,
    ...typeof localePath === 'function' && { localePath: localePath as (path: string) => string },
    ...translates && { i18n: i18n as Required<VueI18nLike> },
  }
}

/** The locale the Pleo components speak: the app's (@nuxtjs/i18n) when it has one, else the module's `ui.locale`, changeable at run time. */
export function usePleoLocale(app: AppI18n | undefined = useAppI18n()): Ref<string> {
  return app?.locale ?? useState('pleo-connect:locale', () => usePleoUiConfig().locale)
}

/** Where the app's vue-i18n keeps the module's messages (registered by the module, overridable in the app's files). */
const I18N_ROOT = 'pleoConnect'

/** The texts that take a count, and so plural forms (`'… one day | … {days} days'`). */
export type CountedMessage = 'expiry.inDays' | 'error.retryAfter' | 'audit.repeated'

/**
 * Texts of the Pleo components in the current locale. In an app with @nuxtjs/i18n that is the app's own locale,
 * followed at once when it switches, and the texts come from its vue-i18n (`pleoConnect.*`, which the module
 * registers and the app's own locale files override); otherwise the module's `ui.locale`, shared by every
 * component and changeable at run time: `usePleoMessages().locale.value = 'da'`. `ui.messages` wins in both.
 *
 * @example
 * const { messages, format } = usePleoMessages()
 * format(messages.value.confirmation.connectedTo, { companyId })
 */
export function usePleoMessages(): PleoTexts {
  const nuxtApp = useNuxtApp()
  const ui = usePleoUiConfig()
  const app = useAppI18n()
  const known = textsOfApp.get(nuxtApp)
  if (known && known.overrides === ui.messages && known.i18n === app?.i18n) return known.texts
  known?.scope.stop()
  // Detached from the component that asks first, so that its unmounting stops nobody's texts.
  const scope = effectScope(true)
  const texts = scope.run(() => textsOf(ui, app))!
  textsOfApp.set(nuxtApp, { overrides: ui.messages, i18n: app?.i18n, scope, texts })
  return texts
}

export type PleoTexts = ReturnType<typeof textsOf>

// One set of texts per app (per request on the server), shared by every component: putting them together walks the
// whole catalogue (and, with vue-i18n, asks it for every entry), and a page asks from a dozen components. Made anew
// when the app's overrides or its vue-i18n are other objects (runtime config is not reactive).
interface AppTexts { overrides: PleoUiConfig['messages'], i18n: VueI18nLike | undefined, scope: EffectScope, texts: PleoTexts }
const textsOfApp = new WeakMap<object, AppTexts>()

function textsOf(ui: PleoUiConfig, app: AppI18n | undefined) {
  const i18n = app?.i18n
  const locale = usePleoLocale(app)
  // The plugin fetched the first locale's catalogue before rendering; a switched-to one arrives a moment later,
  // and until then the texts stay in the locale they were in.
  watch(locale, next => loadCatalogue(next).catch(() => {}), { immediate: true })
  let shown: PleoMessages | undefined
  const catalogue = () => {
    shown = loadedCatalogue(locale.value) ?? shown ?? loadedCatalogue(ui.locale)
    if (!shown) throw new Error('The Pleo texts are not loaded: the pleo-connect:messages plugin did not run.')
    return shown
  }
  /** The app's text for an entry, with placeholders left as `{name}` for `format` to fill. */
  const fromApp: TranslateLeaf | undefined = i18n && ((path, shipped) => {
    const key = `${I18N_ROOT}.${path}`
    if (!i18n.te(key, locale.value)) return undefined
    return i18n.t(key, Object.fromEntries(placeholdersOf(shipped).map(name => [name, `{${name}}`])))
  })
  const messages = computed(() => resolveFromCatalog(catalogue(), locale.value, ui.messages, fromApp))

  /** An error's (or a stored problem's) words in this locale, by code and variant, for the key type. */
  function errorText(error: { code: string, variant?: string, missingScopes?: string[] }, keyType?: KeyType): ErrorWords {
    const params = { ...error, ...error.missingScopes && { scopes: error.missingScopes.join(', ') } } as unknown as Record<string, string | number | undefined>
    return errorWords(messages.value.errors, { code: error.code, variant: error.variant, keyType, params })
  }

  /** A counted text in the form for `count` (vue-i18n's plural rules in an app with it), `{count}` and `{n}` filled too. */
  function formatCount(path: CountedMessage, count: number, params: Record<string, string | number | undefined> = {}): string {
    const values = { ...params, count, n: count }
    const key = `${I18N_ROOT}.${path}`
    const overridden = typeof leafAt(ui.messages[locale.value], path) === 'string'
    if (i18n && !overridden && i18n.te(key, locale.value)) return i18n.t(key, values, count)
    return formatMessage(pluralForm(leafAt(messages.value, path) as string, count), values)
  }

  /** A date in this locale: through the app's vue-i18n (`$i18n.d`) when it has one, else `Intl`. */
  function formatDate(date: Date, options: Intl.DateTimeFormatOptions): string {
    return i18n ? i18n.d(date, options) : new Intl.DateTimeFormat(locale.value, options).format(date)
  }

  return { locale, messages, format: formatMessage, formatCount, formatDate, errorText }
}

function leafAt(tree: PleoMessages | object | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((node, name) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined), tree)
}
