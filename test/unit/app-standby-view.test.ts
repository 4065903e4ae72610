import { describe, expect, it } from 'vitest'
import { pickConnectionView } from '../../src/runtime/app/utils/connection-view'

const base = { state: 'connected', keyType: 'standalone', environment: 'production' }

describe('the store keeps of the standby and the drill only what the page shows', () => {
  it('the standby: its hint and until when; anything else, or a hint longer than the mask and 4 characters, is dropped', () => {
    expect(pickConnectionView({ ...base, standby: { keyHint: '••••abcd', until: '2026-03-02T10:00:00.000Z', sealedKey: 'pc1.x.y.z', keyId: 'k' } })!.standby)
      .toEqual({ keyHint: '••••abcd', until: '2026-03-02T10:00:00.000Z' })
    expect(pickConnectionView({ ...base, standby: { keyHint: '••••abcd' } })!.standby).toEqual({ keyHint: '••••abcd' })
    expect(pickConnectionView({ ...base, standby: { keyHint: 'demo-valid-3f9c2a7e1b4d6058' } })!.standby).toBeUndefined()
  })

  it('the drill: its start, a known step and when the old key last still worked; an unknown step drops it', () => {
    expect(pickConnectionView({ ...base, leakDrill: { startedAt: 'a', step: 'prove_old_key_dead', oldKeyAliveAt: 'b', extra: 1 } })!.leakDrill)
      .toEqual({ startedAt: 'a', step: 'prove_old_key_dead', oldKeyAliveAt: 'b' })
    expect(pickConnectionView({ ...base, leakDrill: { startedAt: 'a', step: 'somewhere' } })!.leakDrill).toBeUndefined()
  })
})
