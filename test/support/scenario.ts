import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { checkApiKeyFormat } from '../../src/runtime/shared/key-format'
import { findKeyLeaks } from './canary'
import { createFakePleo } from '../../src/fake'
import type { FakePleo, FakePleoOptions } from '../../src/fake'
import { newEncryptionKey, sameOrigin, startApp, type AppServer } from './app-server'
import { ROUTES } from '../../src/runtime/shared/routes'

export interface Scenario {
  app: AppServer
  pleo: FakePleo
  pleoUrl: string
  encryptionKey: string
  /** GET/POST/PUT/DELETE a module route as the app's own page would. */
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => ReturnType<AppServer['request']>
  /** Everything under the app's storage directory, concatenated. */
  storedText: () => Promise<string>
  /** Every well-formed key submitted through `call`: none may ever show up in a response, a log line or a file. */
  submittedKeys: Set<string>
}

export const ROUTE = ROUTES.connection

/** The routes that change state, which cross-site and non-JSON requests must never reach. */
export const MUTATIONS = [
  ['POST', ROUTE],
  ['PUT', ROUTE],
  ['DELETE', ROUTE],
  ['POST', `${ROUTE}/verify`],
  ['POST', `${ROUTE}/compare`],
] as const

/** A fake Pleo and the fixture app (`basic` unless named) pointed at it, for one test file. */
export function useScenario(env: Record<string, string | undefined> = {}, fakeOptions: FakePleoOptions = {}, fixture = 'basic'): Scenario {
  const scenario = {} as Scenario
  let closePleo: () => Promise<void>
  beforeAll(async () => {
    scenario.pleo = createFakePleo(fakeOptions)
    const listening = await scenario.pleo.listen(0)
    closePleo = listening.close
    scenario.pleoUrl = listening.url
    scenario.encryptionKey = newEncryptionKey()
    scenario.app = await startApp({
      NUXT_PLEO_CONNECT_BASE_URL: listening.url,
      NUXT_PLEO_CONNECT_ENCRYPTION_KEY: scenario.encryptionKey,
      ...env,
    }, undefined, fixture)
    scenario.submittedKeys = new Set()
    scenario.call = async (method, path, body, headers) => {
      const apiKey = (body as { apiKey?: unknown } | undefined)?.apiKey
      if (typeof apiKey === 'string' && !checkApiKeyFormat(apiKey.trim())) scenario.submittedKeys.add(apiKey.trim())
      const response = await scenario.app.request(path, sameOrigin(scenario.app, method, body, headers))
      const seen = [...response.headers].join('\n') + response.text
      for (const key of scenario.submittedKeys) expect(findKeyLeaks(seen, key), `${method} ${path} response`).toEqual([])
      return response
    }
    scenario.storedText = () => readTree(join(scenario.app.cwd, '.data'))
  })
  afterAll(async () => {
    if (scenario.app) {
      // Every test file doubles as a leak test over everything the server logged and stored.
      const logged = scenario.app.output()
      const stored = await scenario.storedText()
      for (const key of scenario.submittedKeys) {
        expect(findKeyLeaks(logged, key), 'server output').toEqual([])
        expect(findKeyLeaks(stored, key), 'storage files').toEqual([])
      }
    }
    await scenario.app?.stop()
    await closePleo?.()
  })
  return scenario
}

async function readTree(dir: string): Promise<string> {
  let text = ''
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  for (const entry of entries) {
    if (entry.isFile()) text += await readFile(join(entry.parentPath, entry.name), 'utf8')
  }
  return text
}
