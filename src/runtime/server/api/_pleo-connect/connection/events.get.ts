import { listEvents } from '../../../lib/audit'
import { defineConnectionRoute } from '../../../lib/define-route'

export default defineConnectionRoute({ action: 'read' }, async (_event, access) => ({ events: await listEvents(access.tenantId) }))
