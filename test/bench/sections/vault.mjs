// Vault: seal + open against JSON stringify + parse of the same record.
import { figure, fmt, loadFake, loadVault } from '../support.mjs'

export async function run() {
  const vault = await loadVault()
  const { DEMO_KEYS } = await loadFake()
  const keyring = vault.parseKeyring(vault.generateEncryptionKey())
  const secret = DEMO_KEYS.valid
  const record = { state: 'connected', keyHint: '••••6058', company: { id: '2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21', name: 'Nordlys ApS' }, secret }
  const measure = (fn) => {
    const n = 50_000
    for (let i = 0; i < 2000; i++) fn()
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < n; i++) fn()
    return n / (Number(process.hrtime.bigint() - t0) / 1e9)
  }
  const sealOpen = measure(() => vault.openSecret(keyring, 'tenant-a', vault.sealSecret(keyring, 'tenant-a', secret)))
  const stringify = measure(() => JSON.parse(JSON.stringify(record)))
  figure('vault', 'P20', `vault seal + open ${fmt(sealOpen)} ops/s; JSON stringify + parse of a record ${fmt(stringify)} ops/s; ratio ${(stringify / sealOpen).toFixed(1)}×`, { sealOpenPerSec: sealOpen, stringifyPerSec: stringify })
}
