import { createHooks } from 'hookable'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import type { FakePleo } from '../../src/fake'
import { nitro, testModuleConfig } from './nitro-runtime'

/**
 * For a unit test file of server code (with `vi.mock('nitropack/runtime', …)`): the fake Pleo listening, the module's
 * config pointed at it, and before each test a reset fake, an empty storage and a fresh hook bus whose every call
 * lands in `hookCalls` (name and payload). The module's info lines are kept out of the test output.
 */
export function useNitroTestApp(pleo: FakePleo, encryptionKey: string) {
  const app = { pleoUrl: '', hookCalls: [] as Array<{ name: string, payload: unknown }> }
  let closePleo: () => Promise<void>
  const info = console.info
  beforeAll(async () => {
    const listening = await pleo.listen(0)
    closePleo = listening.close
    app.pleoUrl = listening.url
    nitro.config = testModuleConfig(listening.url, encryptionKey)
    console.info = () => {}
  })
  afterAll(async () => {
    console.info = info
    await closePleo()
  })
  beforeEach(async () => {
    pleo.reset()
    await nitro.storage.clear()
    const hooks = createHooks()
    app.hookCalls.length = 0
    hooks.beforeEach(({ name, args }) => {
      app.hookCalls.push({ name, payload: args[0] })
    })
    nitro.hooks = hooks
  })
  return app
}
