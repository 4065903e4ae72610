import { connectBodySchema } from '../../../shared/schemas'
import { useModuleConfig } from '../../lib/config'
import { connectKey } from '../../lib/connection/key-changes'
import { defineConnectionRoute } from '../../lib/http/define-route'
import { readLimitedJson } from '../../lib/http/request-body'

export default defineConnectionRoute({ action: 'manage', hasBody: true }, async (event, access) => {
  const body = await readLimitedJson(event, connectBodySchema, useModuleConfig().bodyLimit)
  return connectKey(access, body)
})
