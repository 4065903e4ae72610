import { getQuery } from 'h3'
import { disconnect } from '../../lib/connection/key-changes'
import { defineConnectionRoute } from '../../lib/http/define-route'

export default defineConnectionRoute({ action: 'manage' }, (event, access) => {
  const { uninstall } = getQuery(event)
  return disconnect(access, { uninstall: uninstall === '1' || uninstall === 'true' })
})
