// What a host app would turn into an e-mail or a chat message. Payloads carry the key hint, never a key.
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('pleo-connect:action-required', (event) => {
    console.warn(`[playground] Pleo needs attention for ${event.tenantId}: ${event.code} (key ${event.keyHint})`)
  })
  nitroApp.hooks.hook('pleo-connect:connected', (event) => {
    console.info(`[playground] ${event.actor} connected ${event.tenantId} to Pleo company ${event.companyId}`)
  })
  nitroApp.hooks.hook('pleo-connect:disconnected', (event) => {
    console.info(`[playground] ${event.actor} disconnected ${event.tenantId} from Pleo`)
  })
})
