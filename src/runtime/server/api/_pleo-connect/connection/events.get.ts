import { listEvents } from '../../../lib/connection/audit-trail'
import { defineConnectionRoute } from '../../../lib/http/define-route'

export default defineConnectionRoute({ action: 'read' }, async (_event, access) => ({ events: await listEvents(access.tenantId) }))
