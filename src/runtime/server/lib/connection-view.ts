import type { ConnectionView } from '../../shared/schemas'
import type { ConnectionRecord } from './connection-record'
import { resolveEnvironment, resolveKeyType, useModuleConfig } from './config'

/** The stored record stripped to what the browser may see: never the sealed key, never internal ids. */
export function toConnectionView(record: ConnectionRecord | undefined, validating: boolean): ConnectionView {
  const config = useModuleConfig()
  const base = { keyType: record?.keyType ?? resolveKeyType(config), environment: record?.environment ?? resolveEnvironment(config) }
  if (!record) return { state: validating ? 'validating' : 'disconnected', ...base }
  const working = Boolean(record.sealedKey)
  return {
    // A replacement being checked leaves a working connection as it is; only a tenant without one shows progress.
    state: validating && !working ? 'validating' : record.state,
    ...base,
    ...(record.company && { company: { ...record.company } }),
    ...(record.keyHint && { keyHint: record.keyHint }),
    ...(record.installation && { installation: { ...record.installation } }),
    ...(record.connectedAt && { connectedAt: record.connectedAt }),
    ...(record.lastVerifiedAt && { lastVerifiedAt: record.lastVerifiedAt }),
    ...(record.keyExpiresAt && { keyExpiresAt: record.keyExpiresAt }),
    ...(record.problem && { problem: { ...record.problem } }),
  }
}
