import { createFakePleo } from '#pleo-connect-fake'
import { defineNitroPlugin } from 'nitropack/runtime'
import { useModuleConfig } from '../lib/config'
import { setPleoBaseUrlFallback } from '../lib/fake-base-url'

type FakeServer = Awaited<ReturnType<ReturnType<typeof createFakePleo>['listen']>>
const globalKey = '__pleoConnectFakeServer'

/**
 * Option `fake`: serve the offline fake Pleo on loopback and use it while no base URL is configured
 * (NUXT_PLEO_CONNECT_BASE_URL set means another Pleo was chosen, and the fake stays off).
 */
export default defineNitroPlugin((nitroApp) => {
  const config = useModuleConfig()
  if (config.baseUrl) return
  const holder = globalThis as typeof globalThis & { [globalKey]?: Promise<FakeServer> }
  const previous = holder[globalKey]
  // Dev reloads re-run plugins: close the previous server before taking the port again.
  const started = (async () => {
    await (await previous?.catch(() => undefined))?.close()
    const server = await createFakePleo({ allowFaultHeader: config.fake.allowFaultHeader }).listen(config.fake.port, '127.0.0.1')
    console.info(`[pleo-connect] fake Pleo listening on ${server.url}; demo keys: ${server.url}/__fake/keys`)
    return server
  })()
  holder[globalKey] = started
  setPleoBaseUrlFallback(started.then(server => server.url))
  nitroApp.hooks.hook('close', async () => {
    await (await started.catch(() => undefined))?.close()
  })
})
