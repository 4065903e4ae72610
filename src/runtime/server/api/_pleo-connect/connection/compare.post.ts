import { compareBodySchema } from '../../../../shared/schemas'
import { useModuleConfig } from '../../../lib/config'
import { compareWithKeyInUse } from '../../../lib/connection/key-comparison'
import { defineConnectionRoute } from '../../../lib/http/define-route'
import { readLimitedJson } from '../../../lib/http/request-body'

export default defineConnectionRoute({ action: 'manage', hasBody: true }, async (event, access) => {
  const body = await readLimitedJson(event, compareBodySchema, useModuleConfig().bodyLimit)
  return compareWithKeyInUse(access, body)
})
