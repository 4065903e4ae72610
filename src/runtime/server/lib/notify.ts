import { AsyncLocalStorage } from 'node:async_hooks'
import type { H3Event } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import { logger } from './logger'

/** After this long a listener still running is reported (once); it is never cut off. */
const SLOW_LISTENER_MS = 10_000

const requestScope = new AsyncLocalStorage<H3Event>()
const pending = new Set<Promise<void>>()

/** Runs a route's work so that the notifications it raises are handed to the runtime with `event.waitUntil`. */
export function withRequestScope<T>(event: H3Event, work: () => Promise<T>): Promise<T> {
  return requestScope.run(event, work)
}

/**
 * Calls the listeners of the given Nitro hooks after the current answer has gone out, in order, each hook's
 * listeners side by side. Never awaited by the caller: a slow mailer cannot delay an admin, and a listener that
 * throws or hangs is logged (by hook name, never with its payload) and changes no outcome. Inside a request the
 * work is handed to `event.waitUntil`, so serverless runtimes keep the function alive until it is done.
 */
export function notifyListeners(names: string[], payload: object): void {
  const run = new Promise<void>(resolve => setImmediate(resolve)).then(async () => {
    for (const name of names) await callListeners(name, payload)
  })
  pending.add(run)
  void run.finally(() => pending.delete(run))
  requestScope.getStore()?.waitUntil(run)
}

/** Waits (at most `timeoutMs`) for the notifications raised so far: a background task lets them finish before it ends. */
export async function settleNotifications(timeoutMs = SLOW_LISTENER_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs)
  })
  await Promise.race([Promise.all([...pending]), timeout])
  clearTimeout(timer)
}

async function callListeners(name: string, payload: object) {
  const slow = setTimeout(() => logger.warn(`a ${name} listener is still running after ${SLOW_LISTENER_MS / 1000} s`), SLOW_LISTENER_MS)
  slow.unref?.()
  try {
    // Each hook gets its own copy: a listener that changes it cannot change what the others see.
    await (useNitroApp().hooks.callHookParallel as (name: string, payload: object) => Promise<unknown>)(name, structuredClone(payload))
  }
  catch (error) {
    logger.error(`a ${name} listener failed (${error instanceof Error ? error.name : typeof error})`)
  }
  finally {
    clearTimeout(slow)
  }
}
