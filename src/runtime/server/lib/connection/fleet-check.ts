import { verifyAllConnections, type SweepOptions, type SweepReport } from './sweep'
import { useCoordination } from '../storage/stores'
import { logger } from '../logger'

/** How long the sweep's lease outlives an instance that died holding it; renewed every third of this meanwhile. */
const SWEEP_LEASE_MS = 60_000
/** How long a scheduled minute stays claimed: long enough for every instance's timer of that minute to have fired. */
const TICK_CLAIM_MS = 10 * 60_000

export type FleetCheckReport = SweepReport | { skipped: 'ran-elsewhere' | 'running-elsewhere' }

/**
 * The background check once for the whole fleet: every instance's scheduler fires the task, the first to claim the
 * scheduled minute runs it, and a lease keeps two runs (a scheduled and a manual one) from overlapping. With the
 * in-process backend (one instance) both hold within this process. Each warning is therefore sent once.
 */
export async function runFleetCheck({ scheduled }: { scheduled: boolean }, options: SweepOptions): Promise<FleetCheckReport> {
  const guard = useCoordination()
  const minute = new Date().toISOString().slice(0, 16)
  if (scheduled && !await guard.claimOnce(`verify-tick:${minute}`, TICK_CLAIM_MS)) return { skipped: 'ran-elsewhere' }
  const release = await guard.acquireLease('verify-sweep', SWEEP_LEASE_MS)
  if (!release) return { skipped: 'running-elsewhere' }
  try {
    return await verifyAllConnections(options)
  }
  finally {
    await release().catch(() => logger.warn('could not free the background check\'s lease; it expires by itself'))
  }
}
