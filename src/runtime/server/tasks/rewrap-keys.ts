import { defineTask } from 'nitropack/runtime'
import { rewrapStoredKeys } from '../lib/vault/rewrap'
import { logger } from '../lib/logger'

/** `pleo-connect:rewrap`: after promoting a new encryption key, re-seal every stored key with it. */
export default defineTask({
  meta: {
    name: 'pleo-connect:rewrap',
    description: 'Re-seal every stored Pleo API key with the primary NUXT_PLEO_CONNECT_ENCRYPTION_KEY.',
  },
  async run() {
    const result = await rewrapStoredKeys()
    logger.info(`rewrap: ${JSON.stringify(result)}`)
    return { result }
  },
})
