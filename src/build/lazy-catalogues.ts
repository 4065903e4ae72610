// The browser fetches one catalogue, the active locale's, when the app starts (runtime/app/plugins). Nuxt would
// otherwise hint every dynamic import of the entry to the browser (`<link rel="prefetch">`), which fetches all
// eleven catalogues on every page at idle time.
import type { Nuxt } from '@nuxt/schema'
import { SHIPPED_LOCALES } from '../runtime/shared/i18n/resolve'

const CATALOGUE_FILE = new RegExp(`/runtime/shared/i18n/(?:${SHIPPED_LOCALES.join('|')})\\.[cm]?[jt]s$`)

interface ManifestChunk {
  dynamicImports?: string[]
  prefetch?: boolean
  preload?: boolean
}

export function keepCataloguesOnDemand(nuxt: Nuxt): void {
  nuxt.hook('build:manifest', (manifest) => {
    const chunks = manifest as unknown as Record<string, ManifestChunk>
    for (const [id, chunk] of Object.entries(chunks)) {
      if (CATALOGUE_FILE.test(id)) Object.assign(chunk, { prefetch: false, preload: false })
      chunk.dynamicImports &&= chunk.dynamicImports.filter(imported => !CATALOGUE_FILE.test(imported))
    }
  })
}
