import { defineTask } from 'nitropack/runtime'
import { useModuleConfig } from '../lib/config'
import { runFleetCheck } from '../lib/connection/fleet-check'
import { settleNotifications } from '../lib/notify'
import { logger } from '../lib/logger'

/**
 * `pleo-connect:verify`: re-verifies every stored key (scheduled by the module's `healthCheck` option). A scheduled
 * run (Nitro passes `scheduledTime`) happens once per schedule across instances that share Redis.
 */
export default defineTask({
  meta: {
    name: 'pleo-connect:verify',
    description: 'Re-verify every stored Pleo API key; mark keys Pleo no longer accepts as action required.',
  },
  async run({ payload }) {
    const { healthCheck, timeout } = useModuleConfig()
    const result = await runFleetCheck({ scheduled: payload?.scheduledTime !== undefined }, {
      concurrency: healthCheck.concurrency,
      expiryReminders: healthCheck.expiryReminders,
      incidentReminders: healthCheck.incidentReminders,
      // A check is one call to Pleo (a GET retried once) and a few storage operations.
      tenantDeadlineMs: 3 * timeout + 1000,
    })
    // Let the warnings' listeners finish before the task ends (a serverless cron stops with it).
    await settleNotifications()
    logger.info(`health check: ${JSON.stringify(result)}`)
    return { result }
  },
})
