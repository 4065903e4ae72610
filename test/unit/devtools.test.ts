// The development-only DevTools tab: every tenant's connection and newest events, escaped, and never a key.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { canaryKey, findKeyLeaks } from '../support/canary'
import { nitro, testModuleConfig } from '../support/nitro-runtime'

vi.mock('nitropack/runtime', () => import('../support/nitro-runtime'))

const { devtoolsSnapshot } = await import('../../src/runtime/server/lib/connection/devtools-snapshot')
const { renderDevtoolsPage } = await import('../../src/runtime/server/devtools/render')
const { recordEvent } = await import('../../src/runtime/server/lib/connection/audit-trail')
const { useConnectionStores } = await import('../../src/runtime/server/lib/storage/stores')
const { generateEncryptionKey, parseKeyring, sealSecret } = await import('../../src/runtime/server/lib/vault/sealing')

const encryptionKey = generateEncryptionKey()

beforeEach(async () => {
  nitro.config = testModuleConfig('http://127.0.0.1:9', encryptionKey)
  await nitro.storage.clear()
})

describe('the DevTools tab', () => {
  it('lists each tenant with its state, company, hint, check and newest events, escaped, and never the key', async () => {
    const key = canaryKey()
    await useConnectionStores().connections.update('tenant-b', () => ({
      state: 'connected', keyType: 'integrated', environment: 'production', keyId: 'k1', keyHint: '••••' + key.slice(-4),
      sealedKey: sealSecret(parseKeyring(encryptionKey), 'tenant-b', key), company: { id: 'c0ffee00-0000-4000-8000-000000000001', name: '<script>alert(1)</script> ApS' },
      lastVerifiedAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
    }))
    await useConnectionStores().connections.update('tenant-a', () => ({ state: 'failed', keyType: 'integrated', environment: 'production', problem: { code: 'key_rejected', message: 'Refused.', action: 'Try again.' }, updatedAt: '2026-12-01T09:00:00.000Z' }))
    await recordEvent({ type: 'connected', tenantId: 'tenant-b', actor: 'admin@example.com', companyId: 'c0ffee00-0000-4000-8000-000000000001', keyHint: '••••' + key.slice(-4) })

    const tenants = await devtoolsSnapshot()
    expect(tenants.map(tenant => [tenant.tenantId, tenant.view.state])).toEqual([['tenant-a', 'failed'], ['tenant-b', 'connected']])
    expect(tenants[1]!.events.map(event => event.type)).toEqual(['connected'])
    const page = renderDevtoolsPage(tenants, '/__pleo-connect/devtools/run')
    expect(page).toContain('c0ffee00-0000-4000-8000-000000000001')
    expect(page).toContain('key_rejected')
    expect(page).toContain('2026-12-01T10:00:00.000Z')
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62; ApS')
    expect(page).not.toContain('<script>alert(1)')
    expect(findKeyLeaks(page, key)).toEqual([])
    expect(findKeyLeaks(JSON.stringify(tenants), key)).toEqual([])
  })

  it('says when nothing is stored yet', async () => {
    expect(renderDevtoolsPage(await devtoolsSnapshot(), '/run')).toContain('No connection stored yet.')
  })
})
