import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { canaryKey } from '../support/canary'
import { nitro, testModuleConfig } from '../support/nitro-runtime'
import { figure } from '../support/figures'

vi.mock('nitropack/runtime', () => import('../support/nitro-runtime'))

const { rewrapStoredKeys } = await import('../../src/runtime/server/lib/vault/rewrap')
const { useConnectionStores } = await import('../../src/runtime/server/lib/storage/stores')
const { generateEncryptionKey, openSecret, parseKeyring, sealSecret, sealedKeyId } = await import('../../src/runtime/server/lib/vault/sealing')

const oldKey = `old:${generateEncryptionKey()}`
const newKey = `new:${generateEncryptionKey()}`
const TENANTS = 50

function useKeys(value: string) {
  nitro.config = testModuleConfig('http://127.0.0.1:9', value)
}

/** 50 tenants whose keys are sealed with the old encryption key; returns their plaintext keys. */
async function storeTenants() {
  const keyring = parseKeyring(oldKey)
  const plaintexts = new Map<string, string>()
  for (let i = 0; i < TENANTS; i++) {
    const tenantId = `tenant-${i}`
    const key = canaryKey()
    plaintexts.set(tenantId, key)
    await useConnectionStores().connections.update(tenantId, () => ({
      state: 'connected', keyType: 'integrated', environment: 'production', keyId: randomUUID(),
      sealedKey: sealSecret(keyring, tenantId, key), updatedAt: new Date().toISOString(),
    }))
  }
  return plaintexts
}

/** How many records the given keyring can open, and with which key id they are sealed. */
async function inspect(keyringValue: string) {
  const keyring = parseKeyring(keyringValue)
  const kids: Record<string, number> = {}
  let readable = 0
  for (const tenantId of await useConnectionStores().connections.list()) {
    const sealed = (await useConnectionStores().connections.read(tenantId))!.value.sealedKey!
    kids[sealedKeyId(sealed)!] = (kids[sealedKeyId(sealed)!] ?? 0) + 1
    try {
      openSecret(keyring, tenantId, sealed)
      readable++
    }
    catch {
      // counted as unreadable
    }
  }
  return { readable, kids }
}

beforeEach(async () => {
  await nitro.storage.clear()
})

describe('re-sealing stored keys after a key rotation', () => {
  it('moves every record to the new primary key, keeps the plaintext, and a second run writes nothing', async () => {
    const plaintexts = await storeTenants()
    useKeys(`${newKey},${oldKey}`)
    expect(await rewrapStoredKeys()).toEqual({ tenants: TENANTS, rewrapped: TENANTS, alreadyCurrent: 0, unreadable: 0 })
    expect(await inspect(newKey)).toEqual({ readable: TENANTS, kids: { new: TENANTS } })
    for (const [tenantId, key] of plaintexts) {
      const sealed = (await useConnectionStores().connections.read(tenantId))!.value.sealedKey!
      expect(openSecret(parseKeyring(newKey), tenantId, sealed)).toBe(key)
    }
    expect(await rewrapStoredKeys()).toEqual({ tenants: TENANTS, rewrapped: 0, alreadyCurrent: TENANTS, unreadable: 0 })
  })

  it('a run stopped at any record leaves every record readable, and the next run finishes the job', async () => {
    let unreadableSeen = 0
    for (const crashAfter of [0, 1, 17, 49]) {
      await nitro.storage.clear()
      await storeTenants()
      useKeys(`${newKey},${oldKey}`)
      const setItem = nitro.storage.setItem.bind(nitro.storage)
      let writes = 0
      nitro.storage.setItem = (async (...args: Parameters<typeof setItem>) => {
        if (writes++ >= crashAfter) throw new Error('simulated crash')
        return setItem(...args)
      }) as typeof nitro.storage.setItem
      // The store's failure reaches the caller as the module's storage_unavailable, not as the driver's own error.
      try {
        await expect(rewrapStoredKeys()).rejects.toMatchObject({ code: 'storage_unavailable' })
      }
      finally {
        nitro.storage.setItem = setItem
      }
      unreadableSeen += TENANTS - (await inspect(`${newKey},${oldKey}`)).readable
      expect((await rewrapStoredKeys()).rewrapped).toBe(TENANTS - crashAfter)
      expect(await inspect(newKey)).toEqual({ readable: TENANTS, kids: { new: TENANTS } })
    }
    expect(unreadableSeen).toBe(0)
    figure('P4', `0 unreadable records after each of 4 crash points × ${TENANTS} tenants during a rewrap; the next run finished each`)
  })

  it('leaves records no listed key can open untouched and counts them', async () => {
    await storeTenants()
    useKeys(newKey)
    expect(await rewrapStoredKeys()).toEqual({ tenants: TENANTS, rewrapped: 0, alreadyCurrent: 0, unreadable: TENANTS })
    expect((await inspect(oldKey)).readable).toBe(TENANTS)
  })
})
