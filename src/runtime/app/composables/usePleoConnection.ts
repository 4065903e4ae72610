import { computed, effectScope, getCurrentInstance, getCurrentScope, onMounted, onServerPrefetch } from 'vue'
import { storeToRefs } from 'pinia'
import { useNuxtApp } from '#imports'
import { usePleoConnectionStore, type PleoConnectionStore } from '../stores/pleo-connection'

/**
 * The Pleo connection for components and host apps: the connection view, the state to show, and the actions.
 * Inside a component it loads the view during SSR, re-reads it after client-side navigation, when the window
 * regains focus, and every few seconds while a validation runs.
 *
 * @example
 * const { state, company, connect } = usePleoConnection()
 * const result = await connect(apiKey) // { ok: true, view } | { ok: false, error: { code, … } }
 */
export function usePleoConnection() {
  const store = usePleoConnectionStore()

  if (getCurrentInstance()) {
    const nuxtApp = useNuxtApp()
    // Only while the view is not there yet: a component whose render waits on a prefetch is rendered
    // asynchronously, and the ones set up once an outer component has the view need not wait.
    if (!store.view) onServerPrefetch(() => store.load())
    const scope = getCurrentScope()
    onMounted(() => {
      // After hydration the view comes from the SSR payload; a page reached by client navigation re-reads it.
      if (!store.view || !nuxtApp.isHydrating) void store.refresh()
      // The listeners and the poll timer come once the page runs: every page of the app carries the badge, so
      // their code (and @vueuse/core's) is not part of what it loads first. They live in the component's scope.
      void import('./useConnectionLiveUpdates').then(({ useConnectionLiveUpdates }) => {
        if (scope?.active) scope.run(useConnectionLiveUpdates)
      })
    })
  }

  return connectionOf(store)
}

// One set of refs per store (per app, per request on the server), shared by every component that asks: a page
// renders a dozen of them, and each would otherwise make its own.
const connections = new WeakMap<PleoConnectionStore, ReturnType<typeof connectionRefs>>()

function connectionOf(store: PleoConnectionStore): ReturnType<typeof connectionRefs> {
  let connection = connections.get(store)
  if (!connection) {
    // Detached from the component that asks first, so that its unmounting stops none of them.
    connection = effectScope(true).run(() => connectionRefs(store))!
    connections.set(store, connection)
  }
  return connection
}

function connectionRefs(store: PleoConnectionStore) {
  const { view, pending, lastError, state, hasWorkingKey } = storeToRefs(store)
  return {
    /** The connection view from the server, `null` until loaded. */
    view,
    /** What to show: `disconnected | validating | connected | failed | action_required` (undefined until loaded). */
    state,
    /** The action running now (`refresh`, `connect`, `replace`, `verify`, `disconnect`, `destroyStandby`, `startLeakDrill`, `verifyLeakDrill`), or `null`. */
    pending,
    /** The last failed action's code and details, or `null`. */
    error: lastError,
    /** A key is stored: `connected` or `action_required`. */
    hasWorkingKey,
    keyType: computed(() => view.value?.keyType ?? 'standalone'),
    environment: computed(() => view.value?.environment ?? 'production'),
    company: computed(() => view.value?.company),
    keyHint: computed(() => view.value?.keyHint),
    problem: computed(() => view.value?.problem),
    refresh: store.refresh,
    connect: store.connect,
    replace: store.replace,
    verify: store.verify,
    disconnect: store.disconnect,
    destroyStandby: store.destroyStandby,
    startLeakDrill: store.startLeakDrill,
    verifyLeakDrill: store.verifyLeakDrill,
    clearError: store.clearError,
  }
}
