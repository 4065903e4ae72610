import type { ConnectionRecord } from './connection-record'
import { resolveBaseUrl, useKeyring, useModuleConfig } from './config'
import { PleoConnectError } from './errors'
import { usePleoBaseUrlFallback } from './fake-base-url'
import { createPleoClient, type PleoClient } from './pleo-client'
import { openSecret } from './vault'

/** Pleo's base URL from server config (or the built-in fake's, when that is on and nothing is configured). */
export async function resolvePleoBaseUrl(): Promise<string> {
  return resolveBaseUrl(useModuleConfig(), await usePleoBaseUrlFallback())
}

/** A Pleo client with a tenant's stored key. The key is opened here and lives only inside the client. */
export async function clientForRecord(tenantId: string, record: ConnectionRecord): Promise<PleoClient> {
  if (!record.sealedKey) throw new PleoConnectError('not_connected')
  const config = useModuleConfig()
  const apiKey = openSecret(useKeyring(config), tenantId, record.sealedKey)
  return createPleoClient({ baseUrl: await resolvePleoBaseUrl(), apiKey, timeout: config.timeout })
}

/** An organisation key pinned to one company addresses that company's installation. */
export function installationQuery(record: ConnectionRecord): Record<string, string> | undefined {
  return record.organisationKey && record.company ? { company_id: record.company.id } : undefined
}
