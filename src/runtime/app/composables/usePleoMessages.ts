import { computed } from 'vue'
import { useRuntimeConfig, useState } from '#imports'
import { formatMessage, resolveMessages, type PleoUiConfig } from '../i18n/messages'
import { safeLinkTarget } from '../utils/link-target'

/** The module's UI options from public runtime config, with the defaults of a module that was never configured. */
export function usePleoUiConfig(): PleoUiConfig {
  const ui = (useRuntimeConfig().public as { pleoConnect?: { ui?: Partial<PleoUiConfig> } }).pleoConnect?.ui
  return {
    locale: ui?.locale || 'en',
    messages: ui?.messages ?? {},
    pagePath: ui?.pagePath ?? '/settings/pleo',
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

/**
 * Texts of the Pleo components in the current locale. `locale` is shared by every component and may be
 * changed at run time (e.g. from the host app's own i18n): `usePleoMessages().locale.value = 'da'`.
 *
 * @example
 * const { messages, format } = usePleoMessages()
 * format(messages.value.confirmation.connectedTo, { companyId })
 */
export function usePleoMessages() {
  const ui = usePleoUiConfig()
  const locale = useState('pleo-connect:locale', () => ui.locale)
  const messages = computed(() => resolveMessages(locale.value, ui.messages))
  return { locale, messages, format: formatMessage }
}
