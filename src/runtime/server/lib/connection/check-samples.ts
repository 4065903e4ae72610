import type { CheckSample, CheckStatusClass, ClockReading } from '../../../shared/diagnostics'
import type { ConnectionRecord } from '../records'
import type { PleoResponse } from '../pleo/http-client'
import { PleoTimeoutError } from '../pleo/http-client'

/** Checks kept per tenant (the newest win): enough for support to see a pattern, small enough for every record. */
export const KEPT_CHECKS = 10

/** What a check of the stored key measured: the sample kept in the record, and Pleo's clock when it said. */
export interface CheckMeasurement {
  sample: CheckSample
  clock?: ClockReading
}

export function statusClassOf(status: number): CheckStatusClass {
  if (status >= 500) return '5xx'
  if (status >= 400) return '4xx'
  if (status >= 300) return '3xx'
  return '2xx'
}

/**
 * Pleo's clock minus ours, in milliseconds: Pleo's `Date` against the midpoint of the round trip, when Pleo most
 * likely read its clock. Undefined without a readable header. The header counts whole seconds, so the figure is
 * exact to about a second: enough to tell a server whose clock is minutes off.
 */
export function clockSkewOf(date: string | undefined, sentAt: number, headersAt: number): number | undefined {
  const pleoTime = date ? Date.parse(date) : Number.NaN
  if (!Number.isFinite(pleoTime)) return undefined
  return Math.round(pleoTime - (sentAt + (headersAt - sentAt) / 2))
}

/** The measurement of a check that Pleo answered. */
export function measureAnswer(response: Pick<PleoResponse, 'status' | 'date' | 'timing'>): CheckMeasurement {
  const { sentAt, headersAt, latencyMs } = response.timing
  const skewMs = clockSkewOf(response.date, sentAt, headersAt)
  return {
    sample: { at: new Date(sentAt).toISOString(), statusClass: statusClassOf(response.status), status: response.status, latencyMs },
    ...(skewMs !== undefined && { clock: { skewMs, measuredAt: new Date(headersAt).toISOString() } }),
  }
}

/** The measurement of a check Pleo never answered (sent at `sentAt`, epoch ms). */
export function measureNoAnswer(error: unknown, sentAt: number, latencyMs: number): CheckMeasurement {
  return { sample: { at: new Date(sentAt).toISOString(), statusClass: error instanceof PleoTimeoutError ? 'timeout' : 'unreachable', latencyMs: Math.round(latencyMs) } }
}

/**
 * The record's check fields with one more check: written in the same compare-and-set as the check's outcome, so
 * keeping them costs no extra write. The clock keeps its last reading when a check had no `Date` to read.
 */
export function withMeasurement(record: ConnectionRecord, measurement: CheckMeasurement | undefined): Pick<ConnectionRecord, 'recentChecks' | 'clock'> {
  if (!measurement) return {}
  return {
    recentChecks: [...(record.recentChecks ?? []), measurement.sample].slice(-KEPT_CHECKS),
    clock: measurement.clock ?? record.clock,
  }
}
