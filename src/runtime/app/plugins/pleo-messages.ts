import { defineNuxtPlugin } from '#imports'
import { useAppI18n, usePleoLocale } from '../composables/usePleoMessages'
import { loadCatalogue } from '../utils/catalogs'

/**
 * Fetches the active locale's catalogue before the app renders, on the server and again in the browser before it
 * hydrates, so both render the same words and the browser loads no other locale. After @nuxtjs/i18n (`post`),
 * whose locale it then reads.
 */
export default defineNuxtPlugin({
  name: 'pleo-connect:messages',
  enforce: 'post',
  async setup() {
    await loadCatalogue(usePleoLocale(useAppI18n()).value)
  },
})
