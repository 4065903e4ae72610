import { createFakePleo } from '#pleo-connect-fake'
import { defineNitroPlugin } from 'nitropack/runtime'
import { useModuleConfig } from '../lib/config'
import { setPleoBaseUrlFallback } from '../lib/built-in-fake'
import { logger } from '../lib/logger'

type FakeServer = Awaited<ReturnType<ReturnType<typeof createFakePleo>['listen']>>
const globalKey = '__pleoConnectFakeServer'

/**
 * Option `fake`: serve the offline fake Pleo on loopback and use it while no base URL is configured
 * (NUXT_PLEO_CONNECT_BASE_URL set means another Pleo was chosen, and the fake stays off). A production server serves
 * it only with `fake: { production: true }`, and says so loudly either way.
 */
export default defineNitroPlugin((nitroApp) => {
  const config = useModuleConfig()
  if (config.baseUrl) return
  if (!import.meta.dev && !config.fake.production) {
    logger.warn('WARNING: this production server was built with the option `fake`, but the built-in fake Pleo is NOT started and nothing is connected to it. Set NUXT_PLEO_CONNECT_BASE_URL (and NUXT_PLEO_CONNECT_ENCRYPTION_KEY) for a real Pleo, or `fake: { production: true }` for a demo deployment.')
    return
  }
  if (!import.meta.dev) {
    logger.warn('WARNING: serving the built-in FAKE Pleo from a production server (fake: { production: true }). API keys are checked against a stand-in with demo data, never against Pleo.')
  }
  const holder = globalThis as typeof globalThis & { [globalKey]?: Promise<FakeServer> }
  const previous = holder[globalKey]
  // Dev reloads re-run plugins: close the previous server before taking the port again.
  const started = (async () => {
    await (await previous?.catch(() => undefined))?.close()
    const server = await createFakePleo({ allowFaultHeader: config.fake.allowFaultHeader }).listen(config.fake.port, '127.0.0.1')
    logger.info(`fake Pleo listening on ${server.url}; demo keys: ${server.url}/__fake/keys`)
    return server
  })()
  holder[globalKey] = started
  setPleoBaseUrlFallback(started.then(server => server.url))
  nitroApp.hooks.hook('close', async () => {
    await (await started.catch(() => undefined))?.close()
  })
})
