import { computed } from 'vue'
import { useRuntimeConfig, useState } from '#imports'
import { formatMessage, resolveMessages, type PleoUiConfig } from '../i18n/messages'

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
