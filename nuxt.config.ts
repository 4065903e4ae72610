// The module's own Nuxt root: used by `nuxt-module-build prepare` for types and by component tests.
export default defineNuxtConfig({
  modules: ['./src/module'],
  compatibilityDate: '2025-07-15',
})
