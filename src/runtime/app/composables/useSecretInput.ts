import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { useMounted } from '@vueuse/core'
import { SECRET_INPUT_ATTRS } from '../utils/secret-input'

const MASK = { '-webkit-text-security': 'disc' }

/**
 * The attributes of a field that takes an API Key, masked unless `revealed`.
 *
 * Chromium's password manager offers to save what was typed into an `<input type="password">` once the form is
 * gone, whatever `autocomplete` says (chrome://password-manager-internals logs "Decision: ASK the user"), and a saved
 * API Key is a copy outside the vault. So the field is a text field the browser draws masked
 * (`-webkit-text-security`: Chromium, Safari, Firefox ≥ 114), from which a masked key cannot be copied or cut, as
 * from a password field. Only a browser found, once hydrated, to lack that mask gets a password field.
 */
export function useSecretInput(revealed: MaybeRefOrGetter<boolean> = false) {
  // Asked only once mounted, so that the server-rendered field (a masked text field) hydrates without a mismatch.
  const mounted = useMounted()
  const lacksCssMask = computed(() => mounted.value && !CSS.supports('-webkit-text-security', 'disc'))
  const masked = computed(() => !toValue(revealed))
  const attrs = computed(() => ({
    ...SECRET_INPUT_ATTRS,
    'type': masked.value && lacksCssMask.value ? 'password' : 'text',
    // Inline, so that the mask holds in apps that leave out the module's CSS.
    'style': masked.value ? MASK : undefined,
    // For the app's own CSS (and tests): whether the field means to show dots.
    'data-pleo-masked': masked.value ? 'true' : 'false',
  }))
  /** For `copy` and `cut`: a masked key stays in the field. */
  function refuseCopyWhileMasked(event: ClipboardEvent) {
    if (masked.value) event.preventDefault()
  }
  return { attrs, refuseCopyWhileMasked }
}
