import { useRuntimeConfig } from 'nitropack/runtime'
import type { KeyType, PleoEnvironment } from '../../shared/schemas'
import { PleoConnectError } from './errors'
import { isLoopbackHost } from '../../shared/loopback'
import { logger } from './logger'
import { PLEO_BASE_URLS } from '../../shared/pleo-hosts'

/** The private runtime config the module writes (see ModuleRuntimeConfig in module.ts). */
export interface PleoConnectRuntimeConfig {
  encryptionKey: string
  /** Set by `nuxt dev` only, when no encryption key was given. */
  devEncryptionKey?: string
  baseUrl: string
  /** The hosts of Pleo's two environments (Pleo's own by default); `baseUrl` overrides the configured one's. */
  baseUrls?: Partial<Record<PleoEnvironment, string>>
  /** A key Pleo refuses here is tried once, read-only, in the other environment, to say where it belongs. */
  diagnoseEnvironment?: boolean
  /** Scopes the app needs (a key without one is refused) and may use (others give a least-privilege notice). */
  scopes?: { required: string[], optional: string[] }
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
  healthCheck: { concurrency: number, expiryWarningDays: number, expiryReminders?: number[], incidentReminders?: number[] }
  verifyCooldownSeconds: number
  /** Hours the previous key stands by after a replacement (`0`: none). */
  standbyHours?: number
  log: { level: 'info' | 'warn' | 'error' | 'silent', actors: 'plain' | 'hashed' | 'hidden' }
  /** The module's and Nuxt's versions, read at build time (for the diagnostics report). */
  versions?: { module: string, nuxt: string }
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
  const environment = resolveEnvironment(config)
  if (config.baseUrl) return checkedBaseUrl(config.baseUrl, 'NUXT_PLEO_CONNECT_BASE_URL')
  if (fakeBaseUrl) return checkedBaseUrl(fakeBaseUrl, 'the built-in fake Pleo')
  return checkedBaseUrl(config.baseUrls?.[environment] || PLEO_BASE_URLS[environment], baseUrlsVariable(environment))
}

/**
 * Where the other environment answers, for the one read-only call that tells a key of the wrong environment from a
 * refused one; `undefined` when that is off or unknown. A custom `baseUrl` (a proxy, a stand-in) says nothing about
 * the other environment: only an explicitly configured `baseUrls` entry is asked then, so a key meant for a
 * stand-in never reaches Pleo. The built-in fake serves both environments under its own address.
 */
export function otherEnvironmentBaseUrl(config: PleoConnectRuntimeConfig, fakeBaseUrl?: string): string | undefined {
  if (config.diagnoseEnvironment === false) return undefined
  const other: PleoEnvironment = resolveEnvironment(config) === 'production' ? 'staging' : 'production'
  const configured = config.baseUrls?.[other]
  const explicit = configured && configured !== PLEO_BASE_URLS[other] ? configured : undefined
  if (config.baseUrl) return explicit && checkedBaseUrl(explicit, baseUrlsVariable(other))
  if (fakeBaseUrl) return `${checkedBaseUrl(fakeBaseUrl, 'the built-in fake Pleo')}/${other}`
  return checkedBaseUrl(configured || PLEO_BASE_URLS[other], baseUrlsVariable(other))
}

function baseUrlsVariable(environment: PleoEnvironment) {
  return `NUXT_PLEO_CONNECT_BASE_URLS_${environment.toUpperCase()}`
}

/** A Pleo address from config: a valid URL, https outside development and loopback, without a trailing slash. */
function checkedBaseUrl(raw: string, source: string): string {
  let url: URL
  try {
    url = new URL(raw)
  }
  catch {
    throw notConfigured(`${source} is not a valid URL.`)
  }
  const loopback = isLoopbackHost(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || import.meta.dev))) {
    throw notConfigured(`${source} must use https.`)
  }
  return url.href.replace(/\/+$/, '')
}

/** `not_configured`, with a hint for developers (logged, and in the answer's `hint`): never words for admins. */
export function notConfigured(developerHint: string) {
  logger.error(`${developerHint}`)
  return new PleoConnectError('not_configured', { hint: `Developers: ${developerHint}` })
}
