import { defineTask } from 'nitropack/runtime'
import { useModuleConfig } from '../lib/config'
import { verifyAllConnections } from '../lib/connection-sweep'

/** `pleo-connect:verify`: re-verifies every stored key (scheduled by the module's `healthCheck` option). */
export default defineTask({
  meta: {
    name: 'pleo-connect:verify',
    description: 'Re-verify every stored Pleo API key; mark keys Pleo no longer accepts as action required.',
  },
  async run() {
    const { healthCheck } = useModuleConfig()
    const result = await verifyAllConnections({ concurrency: healthCheck.concurrency, expiryWarningDays: healthCheck.expiryWarningDays })
    console.info(`[pleo-connect] health check: ${JSON.stringify(result)}`)
    return { result }
  },
})
