import { computed, watch } from 'vue'
import { createSharedComposable, useDocumentVisibility, useEventListener, useIntervalFn, useThrottleFn } from '@vueuse/core'
import { usePleoConnectionStore } from '../stores/pleo-connection'

/** How often the view is re-read while the server reports a validation running. */
const VALIDATION_POLL_MS = 2000
/** Window focus events come in bursts (focus + visibilitychange); one refresh per burst is enough. */
const FOCUS_BURST_MS = 1000

/**
 * Keeps the connection view current while anything on the page shows it: re-read when the window regains focus
 * or the tab becomes visible again, and every 2 s while a validation runs (here or in another tab). Shared: however
 * many components use it, there is one set of listeners and one timer, gone when the last of them unmounts.
 * Client only; the store holds the state, this holds the behaviour.
 */
export const useConnectionLiveUpdates = createSharedComposable(() => {
  const store = usePleoConnectionStore()
  // While this page's own key is being checked the view is read too: it carries the step the server is on.
  const checkingKeyHere = computed(() => store.pending === 'connect' || store.pending === 'replace')
  const validating = computed(() => store.view?.state === 'validating' || checkingKeyHere.value)

  const refreshWhenIdle = () => {
    // A change of this page's own (verify, disconnect) answers with the view itself.
    if (store.pending && !checkingKeyHere.value) return
    void store.refresh()
  }
  const refreshOnReturn = useThrottleFn(refreshWhenIdle, FOCUS_BURST_MS, false, true)

  useEventListener(window, 'focus', refreshOnReturn)
  const visibility = useDocumentVisibility()
  watch(visibility, (now) => {
    if (now === 'visible') void refreshOnReturn()
  })

  const polling = useIntervalFn(refreshWhenIdle, VALIDATION_POLL_MS, { immediate: false })
  watch(validating, now => now ? polling.resume() : polling.pause(), { immediate: true })
})
