import { isBuiltInFakeServing } from '../built-in-fake'
import { notConfigured, type PleoConnectRuntimeConfig } from '../config'
import { logger } from '../logger'
import { localEncryptionKeyPath, readOrCreateLocalEncryptionKey } from './local-encryption-key'
import { parseKeyring, VaultConfigError, type Keyring } from './sealing'

let cached: { source: string, keyring: Keyring } | undefined

/**
 * The keyring that seals stored keys. Production without NUXT_PLEO_CONNECT_ENCRYPTION_KEY refuses to store
 * anything, except a demo app whose built-in fake Pleo is serving (option `fake`), which keeps a local key like
 * `nuxt dev`. With NUXT_PLEO_CONNECT_BASE_URL set the fake is off, and so is the demo key.
 */
export function useKeyring(config: PleoConnectRuntimeConfig): Keyring {
  const source = keyringSource(config)
  if (!source) throw notConfigured('NUXT_PLEO_CONNECT_ENCRYPTION_KEY is not set, so API keys cannot be stored safely.')
  if (cached?.source === source) return cached.keyring
  try {
    cached = { source, keyring: parseKeyring(source) }
  }
  catch (error) {
    throw notConfigured(error instanceof VaultConfigError ? error.message : 'NUXT_PLEO_CONNECT_ENCRYPTION_KEY is invalid.')
  }
  return cached.keyring
}

/** The keyring, or `undefined` (quietly) when none is configured: for reads that only ask whether a key could open. */
export function keyringIfConfigured(config: PleoConnectRuntimeConfig): Keyring | undefined {
  const source = keyringSource(config)
  if (!source) return undefined
  if (cached?.source === source) return cached.keyring
  try {
    cached = { source, keyring: parseKeyring(source) }
    return cached.keyring
  }
  catch {
    return undefined
  }
}

function keyringSource(config: PleoConnectRuntimeConfig): string {
  // The demo key only while the built-in fake really answers: keys sealed with it are the fake's demo keys.
  return config.encryptionKey || config.devEncryptionKey || (isBuiltInFakeServing(config) ? useDemoEncryptionKey() : '')
}

let demoKey: string | undefined

function useDemoEncryptionKey(): string {
  if (!demoKey) {
    const file = localEncryptionKeyPath(process.cwd())
    demoKey = readOrCreateLocalEncryptionKey(file).key
    logger.warn(`Demo mode (option \`fake\`) without NUXT_PLEO_CONNECT_ENCRYPTION_KEY: keys are sealed with the local key in ${file}. Set the variable for real use.`)
  }
  return demoKey
}
