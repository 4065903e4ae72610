// A submit reads the audit trail at its start (to name a key seen before) and hands that read to `recordEvent`,
// which then writes with one compare-and-set instead of reading again. Nothing may be lost or reordered by it.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nitro, testModuleConfig } from '../support/nitro-runtime'

vi.mock('nitropack/runtime', () => import('../support/nitro-runtime'))

const { listEvents, readTrail, recordEvent } = await import('../../src/runtime/server/lib/connection/audit-trail')
const { useConnectionStores } = await import('../../src/runtime/server/lib/storage/stores')

const tenantId = 'tenant-a'
const actor = 'admin@example.test'

beforeEach(async () => {
  nitro.config = testModuleConfig('http://127.0.0.1:9', 'unused')
  await nitro.storage.clear()
  vi.restoreAllMocks()
})

describe('recordEvent on a trail read earlier', () => {
  it('writes on that read with one compare-and-set, and no second read, while nobody added to the trail', async () => {
    await recordEvent({ type: 'connect_failed', tenantId, actor, code: 'key_rejected' })
    const trail = await readTrail(tenantId)
    const events = useConnectionStores().events
    const update = vi.spyOn(events, 'update')
    const compareAndSet = vi.spyOn(events, 'compareAndSet')
    await recordEvent({ type: 'connected', tenantId, actor, state: 'connected' }, trail)
    expect(update).not.toHaveBeenCalled()
    expect(compareAndSet).toHaveBeenCalledTimes(1)
    expect((await listEvents(tenantId)).map(event => event.type)).toEqual(['connected', 'connect_failed'])
  })

  it('a first event on a tenant with no trail yet', async () => {
    const trail = await readTrail(tenantId)
    expect(trail).toBeNull()
    await recordEvent({ type: 'connected', tenantId, actor, state: 'connected' }, trail)
    expect((await readTrail(tenantId))).toMatchObject({ version: 1, value: [{ type: 'connected' }] })
  })

  it('an event added since the read (a check, on any instance) is kept, and the new event comes after it', async () => {
    await recordEvent({ type: 'connected', tenantId, actor, state: 'connected' })
    const trail = await readTrail(tenantId)
    await recordEvent({ type: 'verified', tenantId, actor: 'system', state: 'connected' })
    await recordEvent({ type: 'key_replaced', tenantId, actor, state: 'connected' }, trail)
    await recordEvent({ type: 'standby_destroyed', tenantId, actor, state: 'connected' })
    expect((await listEvents(tenantId)).map(event => event.type).reverse()).toEqual(['connected', 'verified', 'key_replaced', 'standby_destroyed'])
    expect((await readTrail(tenantId))?.version).toBe(4)
  })
})
