import { createHooks, type Hookable } from 'hookable'
import { createStorage, type Storage } from 'unstorage'

/**
 * A stand-in for Nitro's runtime in unit tests: `vi.mock('nitropack/runtime', () => import('../support/nitro-runtime'))`.
 * The server code sees this config, a memory storage and a hook bus; tests change `nitro` as they need.
 */
export const nitro = {
  config: {} as Record<string, unknown>,
  storage: createStorage() as Storage,
  hooks: createHooks() as Hookable,
}

export const useRuntimeConfig = () => ({ pleoConnect: nitro.config })
export const useStorage = () => nitro.storage
export const useNitroApp = () => ({ hooks: nitro.hooks })

/** Module config for tests: production, integrated, the given Pleo base URL and encryption key. */
export function testModuleConfig(baseUrl: string, encryptionKey: string): Record<string, unknown> {
  return {
    encryptionKey,
    devEncryptionKey: '',
    baseUrl,
    environment: 'production',
    keyType: 'integrated',
    timeout: 1000,
    storage: 'pleo-connect',
    fake: { enabled: false, port: 0, allowFaultHeader: false, production: false },
    healthCheck: { concurrency: 4, expiryWarningDays: 14 },
    verifyCooldownSeconds: 0,
  }
}
