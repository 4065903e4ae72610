import { verifyConnection } from '../../../lib/connection/health-check'
import { defineConnectionRoute } from '../../../lib/http/define-route'

export default defineConnectionRoute({ action: 'manage' }, (_event, access) => verifyConnection(access))
