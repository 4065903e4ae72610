import { verifyLeakDrill } from '../../../lib/connection/leak-drill'
import { defineConnectionRoute } from '../../../lib/http/define-route'

export default defineConnectionRoute({ action: 'manage' }, (_event, access) => verifyLeakDrill(access))
