import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { generateEncryptionKey } from './sealing'

/** Where a development or demo app keeps its generated key: under `.data`, which apps keep out of git. */
export function localEncryptionKeyPath(rootDir: string) {
  return join(rootDir, '.data/pleo-connect-local/encryption-key')
}

/**
 * Reads the app's local encryption key, making one on first use (readable by the owner only). Only for
 * `nuxt dev` and for demo apps with the fake Pleo; a real deployment sets NUXT_PLEO_CONNECT_ENCRYPTION_KEY.
 */
export function readOrCreateLocalEncryptionKey(file: string): { key: string, created: boolean } {
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), created: false }
  const key = generateEncryptionKey()
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${key}\n`, { mode: 0o600 })
  return { key, created: true }
}
