// A small admin app using the module by its package name, against the built-in fake Pleo by default.
export default defineNuxtConfig({
  modules: ['nuxt-pleo-connect'],
  devtools: { enabled: true },
  compatibilityDate: '2025-07-15',
  pleoConnect: {
    // Serves the fake Pleo on loopback unless NUXT_PLEO_CONNECT_BASE_URL points elsewhere.
    fake: true,
  },
})
