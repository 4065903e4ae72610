import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { createFakePleo, type FakeKey } from '../../src/fake'
import { canaryKey } from '../support/canary'
import { demoKeyEntry } from '../support/keys'
import { nitro as runtime } from '../support/nitro-runtime'
import { useNitroTestApp } from '../support/nitro-test-app'
import { figure } from '../support/figures'

// The sweep runs inside Nitro; here Nitro's runtime is a memory storage, a hook bus and a config object.
vi.mock('nitropack/runtime', () => import('../support/nitro-runtime'))

const { verifyAllConnections: sweepOnly } = await import('../../src/runtime/server/lib/connection/sweep')
const { settleNotifications } = await import('../../src/runtime/server/lib/notify')

/** A sweep, then its notifications (they run after it, as after a response). */
async function verifyAllConnections(...args: Parameters<typeof sweepOnly>) {
  const report = await sweepOnly(...args)
  await settleNotifications()
  return report
}
const { useConnectionStores, useCoordination } = await import('../../src/runtime/server/lib/storage/stores')
const { sealSecret, parseKeyring, generateEncryptionKey } = await import('../../src/runtime/server/lib/vault/sealing')
const { keyHint } = await import('../../src/runtime/shared/key-hint')
const { dueReminder } = await import('../../src/runtime/shared/expiry-reminders')

const pleo = createFakePleo()
const encryptionKey = generateEncryptionKey()
const keyring = parseKeyring(encryptionKey)
/** The console as it was: figures are printed while the module's info lines are kept out. */
const quiet = { info: console.info }
const app = useNitroTestApp(pleo, encryptionKey)
/** The names of the hooks called so far in this test. */
const hookNames = () => app.hookCalls.map(call => call.name)

/** Stores `count` connected tenants, each with its own key at the fake (behaving as `overrides` say). */
async function connectTenants(count: number, overrides: Partial<FakeKey> = {}) {
  const keys: Array<{ tenantId: string, key: string }> = []
  const store = useConnectionStores().connections
  for (let i = 0; i < count; i++) {
    const key = canaryKey()
    const tenantId = `tenant-${i}`
    pleo.seed([{ ...demoKeyEntry('valid'), key, case: `tenant ${i}`, existingInstallation: { status: 'ACTIVATED' }, ...overrides }])
    await store.update(tenantId, () => ({
      state: 'connected',
      keyType: 'integrated',
      environment: 'production',
      keyId: randomUUID(),
      sealedKey: sealSecret(keyring, tenantId, key),
      keyHint: keyHint(key),
      company: { id: '2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21' },
      updatedAt: new Date().toISOString(),
    }))
    keys.push({ tenantId, key })
  }
  return keys
}

async function stateOf(tenantId: string) {
  return (await useConnectionStores().connections.read(tenantId))?.value
}

function upstreamCalls() {
  return pleo.requests.filter(r => r.path.includes('/v1/')).length
}

describe('the background check of every stored key', () => {
  it('checks 1,000 tenants with never more than c calls in flight', { timeout: 60_000 }, async () => {
    await connectTenants(1000, { latencyMs: 5 })
    let maxAtPleo = 0
    const sampler = setInterval(() => {
      maxAtPleo = Math.max(maxAtPleo, pleo.inFlight())
    }, 1)
    const started = performance.now()
    const report = await verifyAllConnections({ concurrency: 4 })
    const elapsed = performance.now() - started
    clearInterval(sampler)
    expect(report).toMatchObject({ tenants: 1000, checked: 1000, ok: 1000, actionRequired: 0, stoppedEarly: false })
    expect(report.maxInFlight).toBeLessThanOrEqual(4)
    expect(maxAtPleo).toBeLessThanOrEqual(4)
    // A state that did not change is not audited, so a quiet sweep fires no hooks.
    expect(hookNames()).toEqual([])
    console.info = quiet.info
    figure('P13', `1000 tenants, max in flight ${report.maxInFlight} (c = 4), wall ${elapsed.toFixed(0)} ms vs ideal ${(1000 * 5 / 4).toFixed(0)} ms (ratio ${(elapsed / (1000 * 5 / 4)).toFixed(2)})`)
    console.info = () => {}
  })

  it('detects revoked keys within one check, with exactly one change event, one incident and their hooks per change', async () => {
    const tenants = await connectTenants(20)
    const revoked = tenants.filter((_, i) => i % 4 === 0)
    for (const { key } of revoked) pleo.revoke(key)
    const first = await verifyAllConnections({ concurrency: 3 })
    expect(first.actionRequired).toBe(revoked.length)
    for (const { tenantId } of revoked) expect((await stateOf(tenantId))?.state).toBe('action_required')
    expect(hookNames().filter(name => name === 'pleo-connect:action-required')).toHaveLength(revoked.length)
    expect(hookNames().filter(name => name === 'pleo-connect:incident-opened')).toHaveLength(revoked.length)
    // Two audit events per change: the state (action_required) and the incident it opens.
    expect(hookNames().filter(name => name === 'pleo-connect:event')).toHaveLength(2 * revoked.length)

    app.hookCalls.length = 0
    await verifyAllConnections({ concurrency: 3 })
    expect(hookNames()).toEqual([])
    figure('P12', `revocation detected in ${revoked.length}/${revoked.length} cases within 1 check; exactly 1 change event + 1 incident opened (and their hooks) per change; a quiet second run fired 0`)
  })

  it('never mistakes passing trouble for revocation (500 transient faults)', { timeout: 30_000 }, async () => {
    const tenants = await connectTenants(50)
    let falseAlarms = 0
    for (let round = 0; round < 10; round++) {
      for (const [i, { key }] of tenants.entries()) pleo.seed([{ ...demoKeyEntry('valid'), key, case: `tenant ${i}`, existingInstallation: { status: 'ACTIVATED' }, forceStatus: ([500, 502, 503, 429] as const)[(i + round) % 4] }])
      await verifyAllConnections({ concurrency: 4, maxConsecutiveTransient: Number.POSITIVE_INFINITY, sleep: async () => {} })
      for (const { tenantId } of tenants) if ((await stateOf(tenantId))?.state !== 'connected') falseAlarms++
    }
    expect(falseAlarms).toBe(0)
    expect((await stateOf('tenant-0'))?.problem?.code).toMatch(/^pleo_/)
    figure('P12', `0 false action_required in 500 transient faults (500, 502, 503, 429)`)
  })

  it('stops when Pleo is down instead of calling once per tenant', async () => {
    await connectTenants(200, { forceStatus: 503 })
    const report = await verifyAllConnections({ concurrency: 4 })
    expect(report.stoppedEarly).toBe(true)
    // Each GET is retried once on 503: at most (c + the transient threshold) checks × 2 attempts.
    expect(upstreamCalls()).toBeLessThanOrEqual((4 + 3) * 2)
    console.info = quiet.info
    figure('P13', `during an outage: ${upstreamCalls()} calls for 200 tenants (budget ${(4 + 3) * 2})`)
    console.info = () => {}
  })

  it('honours Retry-After once on 429, then stops', async () => {
    await connectTenants(30, { forceStatus: 429 })
    const waits: number[] = []
    const report = await verifyAllConnections({ concurrency: 1, sleep: async (ms) => {
      waits.push(ms)
    } })
    expect(waits).toEqual([2000])
    expect(report.stoppedEarly).toBe(true)
    expect(upstreamCalls()).toBe(2)
  })

  it('reads each record once (for the listing), calls Pleo once and writes the outcome once per tenant', async () => {
    await connectTenants(60)
    const storage = runtime.storage
    const counted = { reads: 0, versionReads: 0, writes: 0 }
    const { getItem, getItemRaw, setItem } = storage
    const counting = <F extends (...args: never[]) => unknown>(call: F, field: keyof typeof counted) => ((...args: Parameters<F>) => {
      if (String(args[0]).includes('connections:')) counted[field]++
      return call(...args)
    }) as F
    Object.assign(storage, { getItem: counting(getItem, 'reads'), getItemRaw: counting(getItemRaw, 'versionReads'), setItem: counting(setItem, 'writes') })
    try {
      const report = await verifyAllConnections({ concurrency: 4 })
      expect(report).toMatchObject({ tenants: 60, checked: 60, ok: 60 })
    }
    finally {
      Object.assign(storage, { getItem, getItemRaw, setItem })
    }
    expect(upstreamCalls()).toBe(60)
    expect(counted.writes).toBe(60)
    // One read to list; the compare-and-set only reads the stored version again (under its lock), not the record.
    expect(counted.reads).toBe(60)
    expect(counted.versionReads).toBe(60)
  })

  it('reads the next page of the listing while this one is checked, and never more than one page ahead', async () => {
    await connectTenants(30)
    const store = useConnectionStores().connections
    const { entries } = store
    // Pages of 10; for each page asked for, how many calls to Pleo had started by then.
    const callsWhenAsked: number[] = []
    store.entries = async function* () {
      const pages = entries(10)
      for (;;) {
        callsWhenAsked.push(upstreamCalls())
        const next = await pages.next()
        if (next.done) return
        yield next.value
      }
    }
    try {
      expect(await verifyAllConnections({ concurrency: 2 })).toMatchObject({ tenants: 30, checked: 30, ok: 30 })
    }
    finally {
      store.entries = entries
    }
    // The first page, then the second at once (before any call), then each page as the one before it is handed out.
    expect(callsWhenAsked).toHaveLength(4)
    expect(callsWhenAsked.slice(0, 2)).toEqual([0, 0])
    // Page n + 2 is asked for only once page n has been handed out: of its 10 tenants, at most the last 2 still wait.
    expect(callsWhenAsked[2]).toBeGreaterThanOrEqual(10 - 2)
    expect(callsWhenAsked[3]).toBeGreaterThanOrEqual(20 - 2)
  })

  it('skips a key being replaced, asking about a whole page at once before its first call', async () => {
    const tenants = await connectTenants(30)
    const coordination = useCoordination()
    const release = await coordination.acquireSlot(tenants[13]!.tenantId)
    const store = useConnectionStores().connections
    const { entries } = store
    const { isSlotTaken } = coordination
    // For each tenant asked about, how many calls to Pleo had started by then.
    const callsWhenAsked: number[] = []
    store.entries = () => entries(10)
    coordination.isSlotTaken = (tenantId) => {
      callsWhenAsked.push(upstreamCalls())
      return isSlotTaken.call(coordination, tenantId)
    }
    try {
      expect(await verifyAllConnections({ concurrency: 2 })).toMatchObject({ tenants: 30, checked: 29, ok: 29, skipped: 1 })
    }
    finally {
      store.entries = entries
      coordination.isSlotTaken = isSlotTaken
      await release!()
    }
    expect(upstreamCalls()).toBe(29)
    expect(pleo.requests.map(request => request.keyCase)).not.toContain('tenant 13')
    // Each tenant asked about once, a page of 10 at a time: the first page before any call, the next ones as they are reached.
    expect(callsWhenAsked).toHaveLength(30)
    expect(callsWhenAsked.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 0))
    expect(new Set(callsWhenAsked.slice(10, 20)).size).toBe(1)
    expect(new Set(callsWhenAsked.slice(20)).size).toBe(1)
  })

  it('reads the listing in pages of a few rounds per worker, so the workers start after a short first read', async () => {
    await connectTenants(3)
    const store = useConnectionStores().connections
    const { entries } = store
    const asked: Array<number | undefined> = []
    store.entries = (pageSize?: number) => {
      asked.push(pageSize)
      return entries(pageSize)
    }
    try {
      for (const concurrency of [2, 32, 200]) expect(await verifyAllConnections({ concurrency })).toMatchObject({ checked: 3 })
    }
    finally {
      store.entries = entries
    }
    // At least 64 (a small sweep reads few pages), four rounds per worker above that, never past the store's 500.
    expect(asked).toEqual([64, 128, 500])
  })

  it('a page of the listing that cannot be read stops the sweep with that failure, not a shorter sweep', async () => {
    await connectTenants(12)
    const store = useConnectionStores().connections
    const { entries } = store
    const unreadable = new Error('the second page cannot be read')
    // The second page fails while the workers still check the first (it is read ahead).
    store.entries = async function* () {
      const pages = entries(10)
      yield (await pages.next()).value!
      throw unreadable
    }
    try {
      // Reported as the store's failure, as any failed read of it is.
      await expect(verifyAllConnections({ concurrency: 2 })).rejects.toMatchObject({ code: 'storage_unavailable' })
    }
    finally {
      store.entries = entries
    }
  })

  it('a record changed after the listing read it gets the outcome on its fresh version', async () => {
    const { tenantId } = (await connectTenants(1, { latencyMs: 200 }))[0]!
    const sweeping = verifyAllConnections({ concurrency: 1 })
    await vi.waitFor(() => expect(pleo.inFlight()).toBe(1))
    await useConnectionStores().connections.update(tenantId!, current => ({ ...current!.value, keyExpiresAt: '2099-01-01' }))
    const before = (await useConnectionStores().connections.read(tenantId!))!.version
    await sweeping
    const after = (await useConnectionStores().connections.read(tenantId!))!
    expect(after.version).toBe(before + 1)
    expect(after.value).toMatchObject({ keyExpiresAt: '2099-01-01', state: 'connected' })
    expect(after.value.lastVerifiedAt).toBeDefined()
  })

  it('a check never reverts a key replaced while it ran', async () => {
    const { tenantId } = (await connectTenants(1, { latencyMs: 200 }))[0]!
    const sweeping = verifyAllConnections({ concurrency: 1 })
    await vi.waitFor(() => expect(pleo.inFlight()).toBe(1))
    const replacement = randomUUID()
    await useConnectionStores().connections.update(tenantId!, current => ({ ...current!.value, keyId: replacement, keyHint: '••••new1' }))
    await sweeping
    expect((await stateOf(tenantId!))).toMatchObject({ keyId: replacement, keyHint: '••••new1' })
  })

  it('reminds at each rung of the ladder once, with the days left, and skips rungs it missed', async () => {
    const { tenantId } = (await connectTenants(1))[0]!
    const day = (offset: number) => new Date(Date.UTC(2027, 0, 31) + offset * 86_400_000)
    const payloads: Array<{ daysLeft?: number }> = []
    runtime.hooks.hook('pleo-connect:key-expiring', (event: { daysLeft?: number }) => {
      payloads.push(event)
    })
    await useConnectionStores().connections.update(tenantId!, current => ({ ...current!.value, keyExpiresAt: '2027-01-31' }))
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      // 40, 30, 20, 5 (the 7-day rung, reached late), 3 and 1 days before, then the day itself and after it.
      for (const offset of [-40, -30, -20, -5, -3, -1, 0, 2]) {
        vi.setSystemTime(day(offset))
        await verifyAllConnections({ concurrency: 1 })
        await verifyAllConnections({ concurrency: 1 })
      }
    }
    finally {
      vi.useRealTimers()
    }
    expect(payloads.map(payload => payload.daysLeft)).toEqual([30, 5, 1])
    // A new expiry date (a new key) starts the ladder again.
    await useConnectionStores().connections.update(tenantId!, current => ({ ...current!.value, keyExpiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }))
    await verifyAllConnections({ concurrency: 1 })
    expect(payloads.map(payload => payload.daysLeft)).toEqual([30, 5, 1, 3])
  })

  it('a key Pleo refuses after the expiry date the admin entered says so, with the date', async () => {
    const { tenantId, key } = (await connectTenants(1))[0]!
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    await useConnectionStores().connections.update(tenantId, current => ({ ...current!.value, keyExpiresAt: yesterday }))
    pleo.revoke(key)
    await verifyAllConnections({ concurrency: 1 })
    const { problem, state } = (await useConnectionStores().connections.read(tenantId))!.value
    expect(state).toBe('action_required')
    expect(problem).toMatchObject({ code: 'key_rejected', variant: 'expired' })
    expect(problem!.message).toContain(`it expired on ${yesterday}, the date entered for it.`)
  })

  it.each([
    [40, undefined], [30, 30], [8, 30], [7, 7], [2, 7], [1, 1], [0, 1], [-1, undefined],
  ])('with %i days left the due rung of [30, 7, 1] is %s', (daysLeft, rung) => {
    expect(dueReminder(daysLeft, [30, 7, 1])).toBe(rung)
  })

  it('warns once when the admin-entered expiry date is near', async () => {
    const { tenantId } = (await connectTenants(1))[0]!
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
    await useConnectionStores().connections.update(tenantId!, current => ({ ...current!.value, keyExpiresAt: soon }))
    await verifyAllConnections({ concurrency: 1 })
    await verifyAllConnections({ concurrency: 1 })
    expect(hookNames().filter(name => name === 'pleo-connect:key-expiring')).toHaveLength(1)
  })
})

describe('a stuck tenant never stops the run', () => {
  it('a check past its deadline is counted as passing trouble, and the others are checked', async () => {
    const tenants = await connectTenants(4)
    // One tenant's Pleo takes far longer than the sweep allows a tenant.
    pleo.seed([{ ...demoKeyEntry('valid'), key: tenants[0]!.key, case: 'stuck', existingInstallation: { status: 'ACTIVATED' }, latencyMs: 5000 }])
    const started = performance.now()
    const report = await verifyAllConnections({ concurrency: 1, tenantDeadlineMs: 300, maxConsecutiveTransient: 10 })
    expect(report).toMatchObject({ checked: 4, ok: 3, transient: 1, stoppedEarly: false })
    expect(performance.now() - started).toBeLessThan(4000)
  })
})
