import { defineConnectionRoute } from '../../lib/define-route'
import { readConnection } from '../../lib/connection-service'

export default defineConnectionRoute({ action: 'read' }, (_event, access) => readConnection(access))
