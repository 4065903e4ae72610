import type { IncomingMessage, ServerResponse } from 'node:http'
import { FAULT_MESSAGES, JSON_CONTENT_TYPE, writeError } from './respond'

export const FAULT_HEADER = 'x-fake-pleo-fault'

/** Where the `redirect` fault points: a route of the same fake that a client must never reach. */
export const REDIRECT_TARGET = '/__fake/redirected'

/** How long the `timeout` fault keeps a request open before dropping the connection unanswered. */
export const TIMEOUT_FAULT_MS = 30_000

export type HeaderFault = 429 | 500 | 502 | 503 | 'timeout' | 'redirect'

const HEADER_FAULTS: Record<string, HeaderFault> = {
  429: 429, 500: 500, 502: 502, 503: 503, timeout: 'timeout', redirect: 'redirect',
}

export function parseFaultHeader(value: string | string[] | undefined): HeaderFault | undefined {
  return typeof value === 'string' ? HEADER_FAULTS[value.trim().toLowerCase()] : undefined
}

/** Answers (or, for `timeout`, deliberately does not answer) a request that asked for a fault. */
export function injectFault(fault: HeaderFault, req: IncomingMessage, res: ServerResponse, retryAfterSeconds: number): void {
  req.resume()
  if (fault === 'timeout') {
    const timer = setTimeout(() => res.destroy(), TIMEOUT_FAULT_MS)
    timer.unref()
    res.once('close', () => clearTimeout(timer))
    return
  }
  if (fault === 'redirect') {
    res.writeHead(302, { 'location': REDIRECT_TARGET, 'content-type': JSON_CONTENT_TYPE })
    res.end(JSON.stringify({ type: 'redirect', message: 'Moved. A Pleo client must not follow this.' }))
    return
  }
  writeError(res, fault, FAULT_MESSAGES[fault]!, fault === 429 ? { 'retry-after': String(retryAfterSeconds) } : {})
}

/**
 * Waits `ms`, or less if the client goes away. Resolves to false in that case.
 * The timer is unref'd so that it never keeps a process alive.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    timer.unref()
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** A sliding one-minute window per key. Refused calls do not count. */
export function createRateLimiter() {
  const windows = new Map<string, number[]>()
  return {
    take(key: string, perMinute: number, now = Date.now()): { ok: true } | { ok: false, retryAfterSeconds: number } {
      const recent = (windows.get(key) ?? []).filter(at => at > now - 60_000)
      windows.set(key, recent)
      if (recent.length >= perMinute) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((recent[0] ?? now) + 60_000 - now) / 1000)) }
      }
      recent.push(now)
      return { ok: true }
    },
    clear: () => windows.clear(),
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
