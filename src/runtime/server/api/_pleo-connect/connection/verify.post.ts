import { verifyConnection } from '../../../lib/connection-health'
import { defineConnectionRoute } from '../../../lib/define-route'

export default defineConnectionRoute({ action: 'manage' }, (_event, access) => verifyConnection(access))
