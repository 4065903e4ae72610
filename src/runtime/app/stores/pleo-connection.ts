import { computed, ref, toRaw } from 'vue'
import { defineStore } from 'pinia'
import { useRequestFetch } from '#imports'
import { ROUTES } from '../../shared/routes'
import type { ConnectionState, ConnectionView } from '../../shared/schemas'
import { toConnectionError, type PleoConnectionAction, type PleoConnectionError } from '../utils/connection-error'
import type { PleoActionResult, PleoKeyActions } from '../utils/connection-actions'
import { pickConnectionView } from '../utils/connection-view'

export type { PleoActionResult, PleoConnectOptions, PleoKeyActions, PleoReplaceOptions } from '../utils/connection-actions'

const useConnectionState = defineStore('pleo-connection', () => {
  // Captured once: on the server this is the request's own fetch, forwarding the admin's cookies.
  const requestFetch = useRequestFetch()

  const view = ref<ConnectionView | null>(null)
  const pending = ref<PleoConnectionAction | null>(null)
  const lastError = ref<PleoConnectionError | null>(null)

  /** The state to show: a first connection this page is waiting for shows as validating right away. */
  const state = computed<ConnectionState | undefined>(() => pending.value === 'connect' ? 'validating' : view.value?.state)
  /** A stored key exists (it may need replacing, or a replacement for it is being checked); the integration is set up. */
  const hasWorkingKey = computed(() => {
    const current = view.value
    return current?.state === 'connected' || current?.state === 'action_required' || (current?.state === 'validating' && Boolean(current.keyHint))
  })

  let inFlightRefresh: Promise<PleoActionResult> | undefined
  // Bumped by every change; a refresh started before a change must not overwrite its result.
  let generation = 0
  let runningToken: object | undefined

  function refresh(): Promise<PleoActionResult> {
    inFlightRefresh ??= readView().finally(() => {
      inFlightRefresh = undefined
    })
    return inFlightRefresh
  }

  async function readView(): Promise<PleoActionResult> {
    const startedAt = generation
    try {
      const next = pickConnectionView(await requestFetch(ROUTES.connection))
      if (!next) throw new Error('unexpected connection view')
      if (startedAt === generation) {
        view.value = next
        if (lastError.value?.during === 'refresh') lastError.value = null
      }
      return { ok: true, view: view.value ?? next }
    }
    catch (error) {
      const failure = toConnectionError(error, 'refresh')
      if (startedAt === generation) lastError.value = failure
      return { ok: false, error: failure }
    }
  }

  /** Reads the view unless it is already there (SSR, then the payload on the client). */
  async function load(): Promise<void> {
    if (!view.value) await refresh()
  }

  /**
   * Runs a change whose request is prepared by the caller. It receives the request as a function, never a key,
   * so Pinia's action listeners (devtools timeline, logging plugins) see nothing secret.
   */
  function runKeyChange(action: 'connect' | 'replace', send: () => Promise<unknown>): Promise<PleoActionResult> {
    return change(action, send)
  }

  /** Checks the stored key with Pleo now. */
  function verify(): Promise<PleoActionResult> {
    return change('verify', () => requestFetch(ROUTES.verify, { method: 'POST' }))
  }

  /** Forgets the key; `uninstall` also removes the installation in Pleo. */
  function disconnect(uninstall = false): Promise<PleoActionResult> {
    return change('disconnect', () => requestFetch(ROUTES.connection, { method: 'DELETE', query: uninstall ? { uninstall: '1' } : undefined }))
  }

  /** Destroys the previous key kept as a standby after a replacement, now. */
  function destroyStandby(): Promise<PleoActionResult> {
    return change('destroyStandby', () => requestFetch(ROUTES.standby, { method: 'DELETE' }))
  }

  /** Starts a "This key may have leaked" drill: the next replacement keeps the old key until Pleo refuses it. */
  function startLeakDrill(): Promise<PleoActionResult> {
    return change('startLeakDrill', () => requestFetch(ROUTES.leakDrill, { method: 'POST' }))
  }

  /** The drill's last step: asks Pleo with the old key; refused closes the drill, accepted keeps it open. */
  function verifyLeakDrill(): Promise<PleoActionResult> {
    return change('verifyLeakDrill', () => requestFetch(ROUTES.leakDrillVerify, { method: 'POST' }))
  }

  function clearError() {
    lastError.value = null
  }

  async function change(action: PleoConnectionAction, send: () => Promise<unknown>): Promise<PleoActionResult> {
    const token = {}
    runningToken = token
    pending.value = action
    lastError.value = null
    try {
      const next = pickConnectionView(await send())
      generation++
      if (!next) throw new Error('unexpected connection view')
      view.value = next
      return { ok: true, view: next }
    }
    catch (error) {
      generation++
      const failure = toConnectionError(error, action)
      // The server may have recorded the failure (a first connection shows as failed): show its view.
      await readView()
      lastError.value = failure
      return { ok: false, error: failure }
    }
    finally {
      if (runningToken === token) pending.value = null
    }
  }

  return { view, pending, lastError, state, hasWorkingKey, refresh, load, verify, disconnect, destroyStandby, startLeakDrill, verifyLeakDrill, clearError, runKeyChange }
})

export type PleoConnectionStore = ReturnType<typeof useConnectionState> & PleoKeyActions

/**
 * The Pleo connection as the browser sees it (Pinia store `pleo-connection`). Its state goes into the SSR payload
 * and devtools, so it holds the connection view, the running action and the last error (code and ids) only.
 * `connect` and `replace` take the key; they are plain functions on the store rather than Pinia actions, because
 * Pinia hands every action's arguments to its listeners. The key goes straight into the request and nowhere else.
 */
export function usePleoConnectionStore(): PleoConnectionStore {
  const store = useConnectionState()
  const target = toRaw(store) as Partial<PleoKeyActions>
  if (!target.connect) {
    const keyActions: PleoKeyActions = {
      connect: (apiKey, options = {}) => store.runKeyChange('connect', () => useRequestFetch()(ROUTES.connection, { method: 'POST', body: { ...options, apiKey } })),
      replace: (apiKey, options = {}) => store.runKeyChange('replace', () => useRequestFetch()(ROUTES.connection, { method: 'PUT', body: { ...options, apiKey } })),
    }
    // Not enumerable: invisible to devtools' store inspector and to anything that walks the store.
    for (const [name, fn] of Object.entries(keyActions)) Object.defineProperty(target, name, { value: fn })
  }
  return store as PleoConnectionStore
}
