import type { ConnectionRecord } from '../records'
import { resolveBaseUrl, useModuleConfig } from '../config'
import { useKeyring } from '../vault/keyring'
import { PleoConnectError } from '../errors'
import { usePleoBaseUrlFallback } from '../built-in-fake'
import { createPleoClient, type PleoClient } from './http-client'
import { openSecret, sealedKeyId, VaultDecryptError } from '../vault/sealing'
import { logger } from '../logger'

/** Pleo's base URL from server config (or the built-in fake's, when that is on and nothing is configured). */
export async function resolvePleoBaseUrl(): Promise<string> {
  return resolveBaseUrl(useModuleConfig(), await usePleoBaseUrlFallback())
}

/** A Pleo client with a tenant's stored key. The key is opened here and lives only inside the client. */
export async function clientForRecord(tenantId: string, record: ConnectionRecord): Promise<PleoClient> {
  if (!record.sealedKey) throw new PleoConnectError('not_connected')
  const config = useModuleConfig()
  let apiKey: string
  try {
    apiKey = openSecret(useKeyring(config), tenantId, record.sealedKey)
  }
  catch (error) {
    if (!(error instanceof VaultDecryptError)) throw error
    throw keyUnreadable(record.sealedKey, error)
  }
  return createPleoClient({ baseUrl: await resolvePleoBaseUrl(), apiKey, timeout: config.timeout })
}

/** A stored key this server's keyring cannot open: the developers must restore its encryption key (named by id). */
function keyUnreadable(sealedKey: string, error: VaultDecryptError): PleoConnectError {
  const kid = sealedKeyId(sealedKey)
  const why = error.reason === 'unknown_key' ? `it was sealed with encryption key "${kid ?? 'none'}", which NUXT_PLEO_CONNECT_ENCRYPTION_KEY does not list` : `it does not open with encryption key "${kid ?? 'none'}" (${error.reason})`
  logger.error(`A stored API key cannot be opened: ${why}.`)
  return new PleoConnectError('not_configured', {
    variant: 'key_unreadable',
    hint: `Developers: ${why}; add that key to NUXT_PLEO_CONNECT_ENCRYPTION_KEY, or have the admin update the API Key.`,
    hintIn: 'action',
  })
}

/** An organisation key pinned to one company addresses that company's installation. */
export function installationQuery(record: ConnectionRecord): Record<string, string> | undefined {
  return record.organisationKey && record.company ? { company_id: record.company.id } : undefined
}
