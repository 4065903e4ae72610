// Form events handled by hand rather than with v-model and `.enter` / `.prevent` modifiers. Vue keeps its runtime
// in the host app's entry chunk, so those helpers (about 1.5 KB gzipped) would load with every page of an app that
// does not use them itself, only for the fields of the settings page.

import type { ObjectDirective } from 'vue'

/**
 * `v-secret-value`: keeps a field's value property equal to the bound text. Not `:value`, which Vue also writes
 * to the `value` attribute, where a key would show in the page's HTML (what v-model avoids, and this does too).
 */
export const vSecretValue: ObjectDirective<HTMLInputElement, string> = {
  beforeMount(field, { value }) {
    field.value = value
  },
  beforeUpdate(field, { value }) {
    if (field.value !== value) field.value = value
  },
}

/** The text of the input an `input` event came from. */
export function inputText(event: Event): string {
  return (event.target as HTMLInputElement).value
}

/** Whether the checkbox a `change` event came from is now checked. */
export function isChecked(event: Event): boolean {
  return (event.target as HTMLInputElement).checked
}

/** A keydown handler that runs `action` on Enter instead of the browser's default (not while an IME composes). */
export function onEnterKey(action: () => unknown): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Enter' || event.isComposing) return
    event.preventDefault()
    void action()
  }
}

/** A submit handler that runs `action` instead of sending the form. */
export function onSubmitted(action: () => unknown): (event: Event) => void {
  return (event) => {
    event.preventDefault()
    void action()
  }
}
