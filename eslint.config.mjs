// @ts-check
import { createConfigForNuxt } from '@nuxt/eslint-config/flat'

export default createConfigForNuxt({
  features: {
    tooling: true,
    stylistic: true,
  },
  dirs: {
    // The fixture apps' pages and layouts are named after their routes, as in any Nuxt app.
    src: ['./playground', './playground/app', './test/fixtures/host-nuxt-ui-app', './test/fixtures/host-nuxt-ui-app/app', './test/fixtures/bundle'],
  },
}).append({
  ignores: ['**/.output', '**/.nuxt', '**/.output-*-pleo', '**/.nuxt-*-pleo', '**/dist', '**/.data'],
}, {
  // Test responses are arbitrary JSON.
  files: ['test/**'],
  rules: { '@typescript-eslint/no-explicit-any': 'off' },
})
