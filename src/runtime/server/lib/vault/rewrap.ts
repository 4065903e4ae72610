import { useModuleConfig } from '../config'
import { useKeyring } from './keyring'
import { useConnectionStores } from '../storage/stores'
import { needsRewrap, openSecret, sealSecret } from './sealing'

export interface RewrapReport {
  tenants: number
  rewrapped: number
  alreadyCurrent: number
  /** Records whose key no listed encryption key opens: left untouched, for the developers to look at. */
  unreadable: number
}

/**
 * Re-seals every stored key with the primary encryption key, one record at a time (so at most one plaintext is
 * held), each inside the record's own atomic update. Idempotent: a second run writes nothing; a run that stops
 * halfway is finished by the next one, and every record stays readable throughout.
 */
export async function rewrapStoredKeys(): Promise<RewrapReport> {
  const keyring = useKeyring(useModuleConfig())
  const store = useConnectionStores().connections
  const tenants = await store.list()
  const report: RewrapReport = { tenants: tenants.length, rewrapped: 0, alreadyCurrent: 0, unreadable: 0 }
  for (const tenantId of tenants) {
    let outcome: 'rewrapped' | 'alreadyCurrent' | 'unreadable' = 'alreadyCurrent'
    await store.update(tenantId, (current) => {
      const sealedKey = current?.value.sealedKey
      if (!sealedKey || !current) return undefined
      // A standby (the previous key, sealed) is re-sealed with the key in use: one plaintext at a time.
      const standbySealed = current.value.standby?.sealedKey
      const standbyStale = Boolean(standbySealed && needsRewrap(keyring, standbySealed))
      if (!needsRewrap(keyring, sealedKey) && !standbyStale) return undefined
      try {
        const next = { ...current.value, sealedKey: needsRewrap(keyring, sealedKey) ? sealSecret(keyring, tenantId, openSecret(keyring, tenantId, sealedKey)) : sealedKey }
        if (standbyStale && next.standby) next.standby = { ...next.standby, sealedKey: sealSecret(keyring, tenantId, openSecret(keyring, tenantId, standbySealed!)) }
        outcome = 'rewrapped'
        return next
      }
      catch {
        outcome = 'unreadable'
        return undefined
      }
    })
    report[outcome]++
  }
  return report
}
