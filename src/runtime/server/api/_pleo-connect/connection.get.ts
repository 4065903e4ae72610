import { defineConnectionRoute } from '../../lib/http/define-route'
import { readConnection } from '../../lib/connection/key-changes'

export default defineConnectionRoute({ action: 'read' }, (_event, access) => readConnection(access))
