import { shallowReactive } from 'vue'
import type { PleoMessages } from '../../shared/i18n/en'
import { CATALOG_LOADERS } from '../../shared/i18n/loaders'
import { shippedLocaleOf, type ShippedLocale } from '../../shared/i18n/resolve'

// Catalogues fetched so far, shared by every component (they never change, so one copy serves every request on
// the server too). Reactive, so texts follow as soon as a switched-to locale has arrived.
const loaded = shallowReactive(new Map<ShippedLocale, PleoMessages>())
const loading = new Map<ShippedLocale, Promise<void>>()

/** Which catalogue a locale reads: its own, its language's (`de-AT` → `de`), or English. */
export function catalogueLocaleOf(locale: string): ShippedLocale {
  return shippedLocaleOf(locale) ?? 'en'
}

/** The locale's catalogue if it has been fetched. */
export function loadedCatalogue(locale: string): PleoMessages | undefined {
  return loaded.get(catalogueLocaleOf(locale))
}

/** Fetches the locale's catalogue once (callers asking together share one import). */
export function loadCatalogue(locale: string): Promise<void> {
  const code = catalogueLocaleOf(locale)
  if (loaded.has(code)) return Promise.resolve()
  let pending = loading.get(code)
  if (!pending) {
    pending = CATALOG_LOADERS[code]().then((catalogue) => {
      loaded.set(code, catalogue)
    }).finally(() => loading.delete(code))
    loading.set(code, pending)
  }
  return pending
}

/** Resolves once every catalogue being fetched has arrived (tests wait on it as the page waits for its texts). */
export async function cataloguesLoaded(): Promise<void> {
  await Promise.all([...loading.values()])
}
