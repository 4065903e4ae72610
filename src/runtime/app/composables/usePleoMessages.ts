import { computed, isRef, type Ref } from 'vue'
import { useNuxtApp, useRuntimeConfig, useState } from '#imports'
import { errorWords, type ErrorWords } from '../../shared/i18n/catalogue'
import { formatMessage, resolveMessages, type PleoUiConfig } from '../../shared/i18n/messages'
import type { KeyType } from '../../shared/schemas'
import { safeLinkTarget } from '../utils/link-target'

/** The module's UI options from public runtime config, with the defaults of a module that was never configured. */
export function usePleoUiConfig(): PleoUiConfig {
  const ui = (useRuntimeConfig().public as { pleoConnect?: { ui?: Partial<PleoUiConfig> } }).pleoConnect?.ui
  return {
    locale: ui?.locale || 'en',
    messages: ui?.messages ?? {},
    pagePath: ui?.pagePath ?? '/settings/pleo',
    expiryWarningDays: typeof ui?.expiryWarningDays === 'number' ? ui.expiryWarningDays : 14,
    askKeyExpiry: ui?.askKeyExpiry ?? 'standalone',
  }
}

/**
 * Where "Return to Pleo" leads after a connection (module option `returnUrl`, env
 * `NUXT_PUBLIC_PLEO_CONNECT_RETURN_URL`), or `undefined` when none is set or it is not an http(s) address or a path.
 */
export function usePleoReturnUrl(): string | undefined {
  const returnUrl = (useRuntimeConfig().public as { pleoConnect?: { returnUrl?: unknown } }).pleoConnect?.returnUrl
  return typeof returnUrl === 'string' ? safeLinkTarget(returnUrl.trim()) : undefined
}

interface AppI18n {
  locale: Ref<string>
  localePath?: (path: string) => string
}

/** The app's @nuxtjs/i18n, when it has one: its current locale and its `localePath`. */
export function useAppI18n(): AppI18n | undefined {
  const nuxtApp = useNuxtApp() as unknown as { $i18n?: { locale?: unknown }, $localePath?: unknown }
  const locale = nuxtApp.$i18n?.locale
  if (!isRef(locale)) return undefined
  const localePath = nuxtApp.$localePath
  return { locale: locale as Ref<string>, ...typeof localePath === 'function' && { localePath: localePath as (path: string) => string } }
}

/**
 * Texts of the Pleo components in the current locale. In an app with @nuxtjs/i18n that is the app's own locale,
 * followed at once when it switches; otherwise the module's `ui.locale`, shared by every component and changeable
 * at run time: `usePleoMessages().locale.value = 'da'`.
 *
 * @example
 * const { messages, format } = usePleoMessages()
 * format(messages.value.confirmation.connectedTo, { companyId })
 */
export function usePleoMessages() {
  const ui = usePleoUiConfig()
  const locale = useAppI18n()?.locale ?? useState('pleo-connect:locale', () => ui.locale)
  const messages = computed(() => resolveMessages(locale.value, ui.messages))

  /** An error's (or a stored problem's) words in this locale, by code and variant, for the key type. */
  function errorText(error: { code: string, variant?: string }, keyType?: KeyType): ErrorWords {
    return errorWords(messages.value.errors, { code: error.code, variant: error.variant, keyType, params: error as Record<string, string | number | undefined> })
  }

  return { locale, messages, format: formatMessage, errorText }
}
