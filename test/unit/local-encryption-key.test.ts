import { mkdtemp, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { localEncryptionKeyPath, readOrCreateLocalEncryptionKey } from '../../src/runtime/server/lib/vault/local-encryption-key'
import { parseKeyring } from '../../src/runtime/server/lib/vault/sealing'

describe('the local encryption key of dev and demo apps', () => {
  it('is made once under .data, readable by its owner only, and reused afterwards', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pleo-local-key-'))
    const file = localEncryptionKeyPath(root)
    expect(file).toBe(join(root, '.data/pleo-connect-local/encryption-key'))

    const first = readOrCreateLocalEncryptionKey(file)
    expect(first.created).toBe(true)
    expect(() => parseKeyring(first.key)).not.toThrow()
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await readFile(file, 'utf8')).trim()).toBe(first.key)

    const second = readOrCreateLocalEncryptionKey(file)
    expect(second).toEqual({ key: first.key, created: false })
  })
})
