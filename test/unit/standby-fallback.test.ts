import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { createFakePleo } from '../../src/fake'
import { canaryKey, findKeyLeaks } from '../support/canary'
import { demoKeyEntry } from '../support/keys'
import { nitro as runtime, testModuleConfig } from '../support/nitro-runtime'
import { useNitroTestApp } from '../support/nitro-test-app'

// The fallback runs inside Nitro; here Nitro's runtime is a memory storage, a hook bus and a config object.
vi.mock('nitropack/runtime', () => import('../support/nitro-runtime'))

const { fallBackToStandby } = await import('../../src/runtime/server/lib/connection/standby-fallback')
const { checkInstallation } = await import('../../src/runtime/server/lib/connection/health-check')
const { clientForRecord } = await import('../../src/runtime/server/lib/pleo/stored-key-client')
const { rewrapStoredKeys } = await import('../../src/runtime/server/lib/vault/rewrap')
const { settleNotifications } = await import('../../src/runtime/server/lib/notify')
const { useConnectionStores } = await import('../../src/runtime/server/lib/storage/stores')
const { sealSecret, openSecret, parseKeyring, generateEncryptionKey, sealedKeyId } = await import('../../src/runtime/server/lib/vault/sealing')
const { keyHint } = await import('../../src/runtime/shared/key-hint')
type ConnectionRecord = import('../../src/runtime/server/lib/records').ConnectionRecord

const pleo = createFakePleo()
const encryptionKey = generateEncryptionKey()
const keyring = parseKeyring(encryptionKey)
const app = useNitroTestApp(pleo, encryptionKey)
const hookPayloads = app.hookCalls

/** A tenant whose new key replaced `oldKey` a moment ago; the old key stands by for a day. */
async function replacedTenant(tenantId: string) {
  const oldKey = canaryKey()
  const newKey = canaryKey()
  pleo.seed([{ ...demoKeyEntry('valid'), key: oldKey, case: 'old', existingInstallation: { status: 'ACTIVATED' } }, { ...demoKeyEntry('valid'), key: newKey, case: 'new', existingInstallation: { status: 'ACTIVATED' } }])
  const record: ConnectionRecord = {
    state: 'connected',
    keyType: 'standalone',
    environment: 'production',
    keyId: randomUUID(),
    sealedKey: sealSecret(keyring, tenantId, newKey),
    keyHint: keyHint(newKey),
    keyFingerprint: 'f'.repeat(32),
    company: { id: '2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21' },
    standby: { purpose: 'handover', keyId: randomUUID(), sealedKey: sealSecret(keyring, tenantId, oldKey), keyHint: keyHint(oldKey), fingerprint: 'e'.repeat(32), until: new Date(Date.now() + 86_400_000).toISOString() },
    updatedAt: new Date().toISOString(),
  }
  await useConnectionStores().connections.update(tenantId, () => record)
  return { oldKey, newKey, record }
}

async function refusalOf(tenantId: string, record: ConnectionRecord) {
  return checkInstallation(await clientForRecord(tenantId, record), record)
}

describe('falling back to the standby', () => {
  it('of 10 instances falling back at once for the same refused key, one does: 1 event, 1 hook, the old key in force', async () => {
    const { oldKey, newKey, record } = await replacedTenant('t')
    pleo.revoke(newKey)
    const refusal = await refusalOf('t', record)
    expect(refusal.kind).toBe('action_required')

    const results = await Promise.all(Array.from({ length: 10 }, () => fallBackToStandby('t', record, refusal, 'system:api-call')))
    await settleNotifications()
    expect(results.filter(Boolean)).toHaveLength(1)
    const stored = (await useConnectionStores().connections.read('t'))!.value
    expect(stored).toMatchObject({ state: 'connected', keyId: record.standby!.keyId, keyHint: keyHint(oldKey) })
    expect(stored.standby).toBeUndefined()
    expect(openSecret(keyring, 't', stored.sealedKey!)).toBe(oldKey)
    expect(hookPayloads.filter(({ name }) => name === 'pleo-connect:standby-fallback')).toHaveLength(1)
    expect(hookPayloads.filter(({ name }) => name === 'pleo-connect:incident-opened')).toHaveLength(1)
    expect(hookPayloads.filter(({ name }) => name === 'pleo-connect:incident-resolved')).toHaveLength(1)
    const trail = (await useConnectionStores().events.read('t'))!.value
    expect(trail.filter(event => event.type === 'standby_fallback')).toHaveLength(1)

    // Used up: the same refusal again finds nothing to fall back to.
    expect(await fallBackToStandby('t', record, refusal, 'system:api-call')).toBeUndefined()
    const seen = JSON.stringify([hookPayloads, trail, stored.lastIncident])
    for (const key of [oldKey, newKey]) expect(findKeyLeaks(seen, key)).toEqual([])
  })

  it('a standby Pleo refuses too, one past its window, or a passing problem: no fallback, nothing written', async () => {
    const { oldKey, newKey, record } = await replacedTenant('t')
    pleo.revoke(newKey)
    const refusal = await refusalOf('t', record)
    pleo.revoke(oldKey)
    expect(await fallBackToStandby('t', record, refusal, 'system:api-call')).toBeUndefined()
    const expired = { ...record, standby: { ...record.standby!, until: new Date(Date.now() - 1000).toISOString() } }
    expect(await fallBackToStandby('t', expired, refusal, 'system:api-call')).toBeUndefined()
    expect(await fallBackToStandby('t', record, { kind: 'transient', problem: { code: 'pleo_unreachable', message: '', action: '' } }, 'system:api-call')).toBeUndefined()
    expect((await useConnectionStores().connections.read('t'))!.value.keyId).toBe(record.keyId)
    expect(await useConnectionStores().events.read('t')).toBeNull()
  })
})

describe('the rewrap task', () => {
  it('re-seals the standby with the primary encryption key too', async () => {
    const { oldKey } = await replacedTenant('t')
    const promoted = generateEncryptionKey()
    runtime.config = testModuleConfig(app.pleoUrl, `next:${promoted},${encryptionKey}`)
    try {
      expect(await rewrapStoredKeys()).toMatchObject({ rewrapped: 1, unreadable: 0 })
      const stored = (await useConnectionStores().connections.read('t'))!.value
      expect(sealedKeyId(stored.standby!.sealedKey)).toBe('next')
      expect(openSecret(parseKeyring(`next:${promoted}`), 't', stored.standby!.sealedKey)).toBe(oldKey)
    }
    finally {
      runtime.config = testModuleConfig(app.pleoUrl, encryptionKey)
    }
  })
})
