// The host app decides who may manage the Pleo connection and, for Integrated keys, which customer a request
// belongs to. A real app checks its own session here; this demo lets every visitor in and reads the customer
// from the tenant switcher's cookie.
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('pleo-connect:authorize', (context) => {
    context.tenantId = getCookie(context.event, 'demo-tenant') || 'acme-customer-a'
    context.actor = 'playground-admin'
    context.allowed = true
  })
})
