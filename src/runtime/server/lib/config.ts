import { useRuntimeConfig } from 'nitropack/runtime'
import type { KeyType, PleoEnvironment } from '../../shared/schemas'
import { PleoConnectError } from './errors'
import { isLoopbackHost } from '../../shared/loopback'
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

/** `not_configured`, with a hint for developers (logged, and in the answer's `hint`): never words for admins. */
export function notConfigured(developerHint: string) {
  logger.error(`${developerHint}`)
  return new PleoConnectError('not_configured', { hint: `Developers: ${developerHint}` })
}
