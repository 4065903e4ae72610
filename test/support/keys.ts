import { DEMO_KEYS, DEMO_SEED, type FakeKey, type FakePleo } from '../../src/fake'
import { canaryKey } from './canary'

/** A demo key's seed entry, as a template for new keys. */
export function demoKeyEntry(name: keyof typeof DEMO_KEYS): FakeKey {
  return structuredClone(DEMO_SEED.keys.find(entry => entry.key === DEMO_KEYS[name])!)
}

/** Seeds a fresh canary key that behaves like the named demo key (same company, scopes, installation). */
export function seedCanary(pleo: FakePleo, like: keyof typeof DEMO_KEYS = 'valid', overrides: Partial<FakeKey> = {}): string {
  const key = canaryKey()
  pleo.seed([{ ...demoKeyEntry(like), key, case: `canary like ${like}`, ...overrides }])
  return key
}

/** Changes how an already seeded key behaves from now on (e.g. `{ forceStatus: 503 }`). */
export function reseed(pleo: FakePleo, key: string, like: keyof typeof DEMO_KEYS, overrides: Partial<FakeKey>) {
  pleo.seed([{ ...demoKeyEntry(like), key, ...overrides }])
}

/** Polls until the condition holds (used to line up concurrent requests without guessing delays). */
export async function waitFor(condition: () => boolean, what = 'condition', timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}
