// The host app decides who may manage the Pleo connection. A real app checks its own session here;
// this demo lets every visitor in and names them for the audit trail.
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('pleo-connect:authorize', (context) => {
    context.actor = 'playground-admin'
    context.allowed = true
  })
})
