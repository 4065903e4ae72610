// One dynamic import per shipped catalogue: the bundler makes each its own chunk, and the browser fetches only the
// active locale's (each catalogue is about as heavy as the rest of the module's browser code).
import type { PleoMessages } from './en'
import type { ShippedLocale } from './resolve'

export const CATALOG_LOADERS: Record<ShippedLocale, () => Promise<PleoMessages>> = {
  en: () => import('./en').then(module => module.en),
  da: () => import('./da').then(module => module.da),
  de: () => import('./de').then(module => module.de),
  es: () => import('./es').then(module => module.es),
  fi: () => import('./fi').then(module => module.fi),
  fr: () => import('./fr').then(module => module.fr),
  it: () => import('./it').then(module => module.it),
  nb: () => import('./nb').then(module => module.nb),
  nl: () => import('./nl').then(module => module.nl),
  pt: () => import('./pt').then(module => module.pt),
  sv: () => import('./sv').then(module => module.sv),
}
