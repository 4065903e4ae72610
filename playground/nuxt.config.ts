// A small admin app using the module by its package name, against the built-in fake Pleo by default.
export default defineNuxtConfig({
  modules: ['nuxt-pleo-connect'],
  devtools: { enabled: true },
  // Screen readers pick their voice from the document language (axe-core: html-has-lang).
  app: { head: { htmlAttrs: { lang: 'en' }, title: 'Acme Books admin' } },
  compatibilityDate: '2025-07-15',
  pleoConnect: {
    // Serves the fake Pleo on loopback unless NUXT_PLEO_CONNECT_BASE_URL points elsewhere, also from the
    // playground's production build (a demo: `production: true` is the explicit opt-in a real app never sets).
    fake: { production: true },
  },
})
