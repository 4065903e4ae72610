import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakePleo, DEMO_IDS, type FakePleo } from '../../src/fake'
import { keyHint } from '../../src/runtime/shared/key-hint'
import { newEncryptionKey, sameOrigin, startApp, type AppServer } from '../support/app-server'
import { findKeyLeaks } from '../support/canary'
import { seedCanary } from '../support/keys'
import { startRedisServer, type RedisServer } from '../support/redis-server'
import { ROUTE } from '../support/scenario'

// Two instances of the fixture app sharing Redis, in front of one fake Pleo: a refused new key is met by the app's
// calls on both at once, and only one of them may put the standby back in force.
let redis: RedisServer
let pleo: FakePleo
let closePleo: (() => Promise<void>) | undefined
let instances: AppServer[] = []
const keys: string[] = []

beforeAll(async () => {
  redis = await startRedisServer()
  pleo = createFakePleo()
  const listening = await pleo.listen(0)
  closePleo = listening.close
  const env = { NUXT_PLEO_CONNECT_BASE_URL: listening.url, NUXT_PLEO_CONNECT_ENCRYPTION_KEY: newEncryptionKey(), FIXTURE_REDIS_URL: redis.url }
  instances = await Promise.all([startApp(env), startApp(env)])
})

afterAll(async () => {
  if (instances.length) {
    const stored = await redis.dump()
    for (const key of keys) {
      for (const app of instances) expect(findKeyLeaks(app.output(), key), 'server output').toEqual([])
      expect(findKeyLeaks(stored, key), 'redis').toEqual([])
    }
  }
  await Promise.all(instances.map(app => app.stop()))
  await closePleo?.()
  await redis?.stop()
})

async function call(instance: number, method: string, path: string, body?: unknown) {
  const app = instances[instance]!
  const response = await app.request(path, sameOrigin(app, method, body))
  for (const key of keys) expect(findKeyLeaks(response.text, key), `${method} ${path} response`).toEqual([])
  return response
}

describe('the standby across instances', () => {
  it('both instances meet the refused new key at once: one falls back, every call of both works, 1 event, 1 hook', async () => {
    const oldKey = seedCanary(pleo, 'valid', { case: 'fleet: old' })
    // Slow enough that both instances' confirming checks of the new key overlap.
    const newKey = seedCanary(pleo, 'valid', { case: 'fleet: new', latencyMs: 150 })
    keys.push(oldKey, newKey)
    expect((await call(0, 'POST', ROUTE, { apiKey: oldKey })).body.state).toBe('connected')
    expect((await call(1, 'PUT', ROUTE, { apiKey: newKey })).body.standby).toEqual({ keyHint: keyHint(oldKey), until: expect.any(String) })
    pleo.revoke(newKey)

    const loops = await Promise.all([0, 1].map(instance => call(instance, 'POST', '/api/host/pleo-loop', { count: 3, path: `/v1/companies/${DEMO_IDS.nordlys}` })))
    for (const loop of loops) expect(loop.body.results).toEqual([{ ok: true }, { ok: true }, { ok: true }])

    for (const instance of [0, 1]) {
      const view = (await call(instance, 'GET', ROUTE)).body
      expect(view).toMatchObject({ state: 'connected', keyHint: keyHint(oldKey) })
      expect(view.standby).toBeUndefined()
    }
    const events = (await call(0, 'GET', `${ROUTE}/events`)).body.events as Array<{ type: string }>
    expect(events.filter(event => event.type === 'standby_fallback')).toHaveLength(1)
    expect(events.filter(event => event.type === 'action_required')).toHaveLength(0)
    const hooks = (await Promise.all([0, 1].map(instance => call(instance, 'GET', '/api/host/hook-log')))).flatMap(response => response.body as Array<{ name: string }>)
    expect(hooks.filter(hook => hook.name === 'pleo-connect:standby-fallback')).toHaveLength(1)
    expect(hooks.filter(hook => hook.name === 'pleo-connect:incident-opened')).toHaveLength(1)
  })
})
