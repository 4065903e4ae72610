import { useRuntimeConfig } from 'nitropack/runtime'
import type { KeyType, PleoEnvironment } from '../../shared/schemas'
import { PleoConnectError } from './errors'
import { isLoopbackHost } from '../../shared/loopback'
import { isBuiltInFakeServing } from './fake-base-url'
import { localEncryptionKeyPath, readOrCreateLocalEncryptionKey } from './local-encryption-key'
import { parseKeyring, VaultConfigError, type Keyring } from './vault'
import { logger } from './logger'

/** The private runtime config the module writes (see ModuleRuntimeConfig in module.ts). */
export interface PleoConnectRuntimeConfig {
  encryptionKey: string
  /** Set by `nuxt dev` only, when no encryption key was given. */
  devEncryptionKey?: string
  baseUrl: string
  environment: PleoEnvironment
  keyType: KeyType
  timeout: number
  storage: string
  bodyLimit: number
  attempts: { max: number, windowSeconds: number }
  allowSameSite: boolean
  /** Forwarded headers (X-Forwarded-Host, -Proto) describe the request only when a trusted proxy sets them. */
  trustProxy: boolean
  installationMetadata: Record<string, string>
  fake: { enabled: boolean, port: number, allowFaultHeader: boolean, production: boolean }
  healthCheck: { concurrency: number, expiryWarningDays: number }
  verifyCooldownSeconds: number
  log: { level: 'info' | 'warn' | 'error' | 'silent', actors: 'plain' | 'hashed' | 'hidden' }
}

export const PLEO_BASE_URLS: Record<PleoEnvironment, string> = {
  production: 'https://external.pleo.io',
  staging: 'https://external.staging.pleo.io',
}

export function useModuleConfig(): PleoConnectRuntimeConfig {
  return useRuntimeConfig().pleoConnect as unknown as PleoConnectRuntimeConfig
}

export function resolveEnvironment(config: PleoConnectRuntimeConfig): PleoEnvironment {
  return config.environment === 'staging' ? 'staging' : 'production'
}

export function resolveKeyType(config: PleoConnectRuntimeConfig): KeyType {
  return config.keyType === 'integrated' ? 'integrated' : 'standalone'
}

/**
 * Pleo's base URL comes only from server config, never from a request. Outside development it must be https,
 * except on loopback (a local stand-in).
 */
export function resolveBaseUrl(config: PleoConnectRuntimeConfig, fakeBaseUrl?: string): string {
  const raw = config.baseUrl || fakeBaseUrl || PLEO_BASE_URLS[resolveEnvironment(config)]
  let url: URL
  try {
    url = new URL(raw)
  }
  catch {
    throw notConfigured('NUXT_PLEO_CONNECT_BASE_URL is not a valid URL.')
  }
  const loopback = isLoopbackHost(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || import.meta.dev))) {
    throw notConfigured('NUXT_PLEO_CONNECT_BASE_URL must use https.')
  }
  return url.href.replace(/\/+$/, '')
}

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

function notConfigured(developerHint: string) {
  logger.error(`${developerHint}`)
  return new PleoConnectError('not_configured', { hint: `Developers: ${developerHint}` })
}
