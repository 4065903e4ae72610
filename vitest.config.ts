import { fileURLToPath } from 'node:url'
import { defineVitestProject } from '@nuxt/test-utils/config'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
        // Server code reads Nitro's runtime (config, storage, hooks); unit tests get a stand-in they can steer.
        resolve: { alias: { 'nitropack/runtime': fileURLToPath(new URL('./test/support/nitro-runtime.ts', import.meta.url)) } },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          // Builds the playground once, then drives Chromium through whole admin flows.
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'hosts',
          include: ['test/hosts/*.test.ts'],
          environment: 'node',
          // Packs the module once; each host app then installs that tarball from scratch and is built.
          globalSetup: ['test/hosts/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      await defineVitestProject({
        test: {
          name: 'nuxt',
          include: ['test/nuxt/**/*.test.ts'],
          environment: 'nuxt',
          environmentOptions: {
            nuxt: {
              rootDir: fileURLToPath(new URL('.', import.meta.url)),
              domEnvironment: 'happy-dom',
              // The module root has no pages of its own: switch pages on so the settings page is registered.
              url: 'http://localhost:3000/settings/pleo',
              overrides: { pages: true },
            },
          },
        },
      }),
    ],
  },
})
