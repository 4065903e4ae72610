import { destroyStandby } from '../../../lib/connection/standby'
import { defineConnectionRoute } from '../../../lib/http/define-route'

export default defineConnectionRoute({ action: 'manage' }, (_event, access) => destroyStandby(access))
