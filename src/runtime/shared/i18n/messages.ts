// Every shipped catalogue at once, for the server, the build and tests. The browser loads one at a time (loaders.ts).
import { da } from './da'
import { de } from './de'
import { en, type PleoMessages } from './en'
import { es } from './es'
import { fi } from './fi'
import { fr } from './fr'
import { it } from './it'
import { nb } from './nb'
import { nl } from './nl'
import { pt } from './pt'
import { sv } from './sv'
import { resolveFromCatalog, shippedLocaleOf, type PleoMessageOverrides, type TranslateLeaf } from './resolve'

export * from './resolve'

/**
 * The catalogs the module ships: English and the languages of Pleo's markets. Other locales start from English and
 * are filled by `ui.messages`.
 */
export const PLEO_CATALOGS: Record<string, PleoMessages> = { en, da, de, es, fi, fr, it, nb, nl, pt, sv }

/** The catalog for `locale`: the shipped one (or English), with the app's overrides for that locale on top. */
export function resolveMessages(locale: string, overrides: Record<string, PleoMessageOverrides | undefined> = {}, translate?: TranslateLeaf): PleoMessages {
  return resolveFromCatalog(shippedCatalog(locale) ?? en, locale, overrides, translate)
}

/** The shipped catalog for a locale code or language tag (`de-AT` reads `de`), if one ships. */
export function shippedCatalog(locale: string): PleoMessages | undefined {
  const shipped = shippedLocaleOf(locale)
  return shipped && PLEO_CATALOGS[shipped]
}
