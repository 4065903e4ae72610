import { beforeEach, describe, expect, it } from 'vitest'
import { nitro as runtime, testModuleConfig } from '../support/nitro-runtime'
import type { ConnectionRecord } from '../../src/runtime/server/lib/records'
import { checkInstallation } from '../../src/runtime/server/lib/connection/health-check'
import { standingOf, toConnectionView } from '../../src/runtime/server/lib/connection/view'
import type { PleoClient } from '../../src/runtime/server/lib/pleo/http-client'
import { generateEncryptionKey, parseKeyring, sealSecret } from '../../src/runtime/server/lib/vault/sealing'
import { connectionViewSchema } from '../../src/runtime/shared/schemas'

const encryptionKey = generateEncryptionKey()
const keyring = parseKeyring(encryptionKey)

beforeEach(() => {
  runtime.config = testModuleConfig('http://127.0.0.1:9', encryptionKey)
})

function record(overrides: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    state: 'connected',
    keyType: 'standalone',
    environment: 'production',
    keyId: 'k1',
    sealedKey: sealSecret(keyring, 'default', 'a-stored-key-of-24-chars'),
    keyHint: '••••hars',
    company: { id: '2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21' },
    connectedAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    ...overrides,
  }
}

/** A Pleo client whose installation read answers as given. */
const pleoAnswering = (status: number, data?: unknown) => ({ request: async () => ({ status, data, timing: { sentAt: Date.now(), headersAt: Date.now(), latencyMs: 1 } }) }) as unknown as PleoClient

describe('where a stored key stands', () => {
  it('a working key is connected', () => {
    expect(standingOf(record())).toEqual({ state: 'connected', problem: undefined })
  })

  it('a key this server\'s keyring cannot open needs action, with its own words', () => {
    const otherKeyring = parseKeyring(generateEncryptionKey())
    const sealedElsewhere = record({ sealedKey: sealSecret(otherKeyring, 'default', 'a-stored-key-of-24-chars') })
    expect(standingOf(sealedElsewhere)).toMatchObject({ state: 'action_required', problem: { code: 'not_configured', variant: 'key_unreadable' } })
    runtime.config = testModuleConfig('http://127.0.0.1:9', '')
    expect(standingOf(record())).toMatchObject({ state: 'action_required', problem: { variant: 'key_unreadable' } })
  })

  it('an admin-entered expiry date that has passed needs action from the next day on, whatever Pleo still says', async () => {
    const now = new Date('2027-02-01T08:00:00Z')
    expect(standingOf(record({ keyExpiresAt: '2027-01-31' }), now)).toMatchObject({ state: 'action_required', problem: { code: 'key_rejected', variant: 'expired_by_date' } })
    expect(standingOf(record({ keyExpiresAt: '2027-02-01' }), now).state).toBe('connected')
    const passed = record({ keyExpiresAt: '2020-01-31' })
    expect(await checkInstallation(pleoAnswering(200, { id: 'i', status: 'ACTIVATED' }), passed)).toMatchObject({ kind: 'action_required', problem: { variant: 'expired_by_date' } })
    expect(await checkInstallation(pleoAnswering(200, { id: 'i', status: 'ACTIVATED' }), record())).toMatchObject({ kind: 'ok' })
  })

  it('a failed first connection keeps its own problem', () => {
    const failed = record({ state: 'failed', sealedKey: undefined, problem: { code: 'key_rejected', message: 'm', action: 'a' } })
    expect(standingOf(failed)).toEqual({ state: 'failed', problem: failed.problem })
  })
})

describe('the view while a key is checked', () => {
  it('a replacement shows as validating, with the step, and keeps what is connected', () => {
    const view = toConnectionView(record(), { startedAt: '2026-01-03T09:00:00.000Z', step: 'activating' })
    expect(view).toMatchObject({ state: 'validating', company: { id: '2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21' }, keyHint: '••••hars', progress: { step: 'activating' } })
    expect(connectionViewSchema.safeParse(view).success).toBe(true)
  })

  it('a new attempt after a failure does not show the old failure next to its progress', () => {
    const view = toConnectionView(record({ state: 'failed', sealedKey: undefined, problem: { code: 'key_rejected', message: 'm', action: 'a' } }), { startedAt: '2026-01-03T09:00:00.000Z' })
    expect(view.state).toBe('validating')
    expect(view).not.toHaveProperty('problem')
  })
})
