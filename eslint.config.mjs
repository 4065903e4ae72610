// @ts-check
import { createConfigForNuxt } from '@nuxt/eslint-config/flat'

export default createConfigForNuxt({
  features: {
    tooling: true,
    stylistic: true,
  },
  dirs: {
    src: ['./playground', './playground/app'],
  },
}).append({
  ignores: ['**/.output', '**/.nuxt', '**/dist', '**/.data'],
}, {
  // Test responses are arbitrary JSON.
  files: ['test/**'],
  rules: { '@typescript-eslint/no-explicit-any': 'off' },
})
