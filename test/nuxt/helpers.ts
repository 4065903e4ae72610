// Mounting and querying the Pleo components the way an admin meets them: by label, by button text.
import { vi } from 'vitest'
import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { mountSuspended } from '@nuxt/test-utils/runtime'
import { useNuxtApp, useRuntimeConfig, useState } from '#imports'
import type { PleoUiConfig } from '../../src/runtime/shared/i18n/messages'
import { usePleoConnectionStore } from '../../src/runtime/app/stores/pleo-connection'
import { cataloguesLoaded } from '../../src/runtime/app/utils/catalogs'

const mounted: Array<{ unmount: () => void }> = []

/** Mounts into the document (so focus can be checked) on the settings page route. */
export async function mountPleo<T>(component: T, options: Parameters<typeof mountSuspended<T>>[1] = {}) {
  const wrapper = await mountSuspended(component, { route: '/settings/pleo', attachTo: document.body, ...options })
  mounted.push(wrapper as unknown as { unmount: () => void })
  await settle()
  return wrapper
}

/** Unmounts everything and empties the store, the locale and the message overrides. */
export function resetApp() {
  for (const wrapper of mounted.splice(0)) wrapper.unmount()
  usePleoConnectionStore().$patch({ view: null, pending: null, lastError: null })
  useState('pleo-connect:locale').value = 'en'
  uiConfig().messages = {}
  uiConfig().askKeyExpiry = 'standalone'
  // The module's default: the first expiry reminder's 30 days.
  uiConfig().expiryWarningDays = 30
  publicConfig().returnUrl = ''
}

function publicConfig() {
  return (useRuntimeConfig().public as unknown as { pleoConnect: { ui: PleoUiConfig, returnUrl: string } }).pleoConnect
}

export function uiConfig() {
  return publicConfig().ui
}

/** Sets the module's `returnUrl` as `NUXT_PUBLIC_PLEO_CONNECT_RETURN_URL` would (public runtime config). */
export function setReturnUrl(url: string) {
  publicConfig().returnUrl = url
}

export async function settle() {
  for (let i = 0; i < 5; i++) await flushPromises()
  // Parts that load on demand (the banner's notice, the live updates) arrive as their chunks do.
  await vi.dynamicImportSettled()
  for (let i = 0; i < 3; i++) await flushPromises()
  // A switched-to locale's texts are fetched on demand; the page shows them once they arrive.
  await cataloguesLoaded()
  for (let i = 0; i < 2; i++) await flushPromises()
}

/** Everything Pinia holds, as it would be serialised into the SSR payload. */
export function piniaState(): string {
  return JSON.stringify(useNuxtApp().$pinia.state.value)
}

type Wrapper = VueWrapper | DOMWrapper<Element>

/** The form control whose <label> contains `text`. */
export function byLabel(wrapper: Wrapper, text: string): DOMWrapper<HTMLInputElement> {
  const label = wrapper.findAll('label').find(candidate => candidate.text().includes(text))
  if (!label) throw new Error(`no label with "${text}" in:\n${wrapper.html()}`)
  const id = label.attributes('for')
  return (id ? wrapper.find(`#${CSS.escape(id)}`) : label.find('input')) as DOMWrapper<HTMLInputElement>
}

/**
 * The field draws its text masked: a password field, or a text field marked masked (useSecretInput masks it with
 * `-webkit-text-security`, which happy-dom does not keep in `style`; the browser tests check the drawn mask).
 */
export function isMasked(input: DOMWrapper<HTMLInputElement>): boolean {
  return input.attributes('type') === 'password' || input.attributes('data-pleo-masked') === 'true'
}

export function button(wrapper: Wrapper, name: string): DOMWrapper<HTMLButtonElement> {
  const found = wrapper.findAll('button').find(candidate => candidate.text() === name)
  if (!found) throw new Error(`no button "${name}" in:\n${wrapper.html()}`)
  return found as DOMWrapper<HTMLButtonElement>
}

export function hasButton(wrapper: Wrapper, name: string): boolean {
  return wrapper.findAll('button').some(candidate => candidate.text() === name)
}

/** Types a key into the API Key field and presses the submit button. */
export async function submitKey(wrapper: Wrapper, key: string, buttonName = 'Connect', label = 'API Key') {
  await byLabel(wrapper, label).setValue(key)
  await button(wrapper, buttonName).trigger('click')
  await settle()
}

/** A promise the fake API waits on, to look at the page while a request is pending. */
export function gate() {
  let release!: () => void
  const promise = new Promise<void>((resolve) => {
    release = resolve
  })
  return { promise, release }
}
