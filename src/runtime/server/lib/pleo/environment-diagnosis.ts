// A key Pleo refuses (401) in the configured environment may simply belong to the other one: a staging key pasted
// into a production app reads as "invalid" otherwise. Asked once, read-only, only when an admin enters a key.
import type { PleoEnvironment } from '../../../shared/schemas'
import { usePleoBaseUrlFallback } from '../built-in-fake'
import { otherEnvironmentBaseUrl, resolveEnvironment, type PleoConnectRuntimeConfig } from '../config'
import { isPleoConnectError, PleoConnectError } from '../errors'
import { createPleoClient } from './http-client'

/**
 * `key_wrong_environment` when the key Pleo refused here authenticates in the other environment, else the
 * refusal as it was. One `GET /v1/installations/me` there (never a write, never retried); a 401, a failure or no
 * known address for the other environment keeps the refusal. 403 and 404 mean the key was recognised there.
 */
export async function diagnoseRefusedKey(refusal: unknown, apiKey: string, config: PleoConnectRuntimeConfig, onAsking?: () => Promise<void>): Promise<unknown> {
  if (!isPleoConnectError(refusal) || refusal.code !== 'key_rejected' || refusal.data.variant) return refusal
  const baseUrl = otherEnvironmentBaseUrl(config, await usePleoBaseUrlFallback())
  if (!baseUrl) return refusal
  const other: PleoEnvironment = resolveEnvironment(config) === 'production' ? 'staging' : 'production'
  await onAsking?.()
  try {
    const { status } = await createPleoClient({ baseUrl, apiKey, timeout: config.timeout, getRetries: 0 }).request('GET', '/v1/installations/me')
    if (!RECOGNISED.has(status)) return refusal
  }
  catch {
    return refusal
  }
  return new PleoConnectError('key_wrong_environment', { variant: other, keyEnvironment: other, step: 'checking_key' })
}

const RECOGNISED = new Set([200, 403, 404])
