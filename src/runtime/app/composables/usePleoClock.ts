import { computed, ref, shallowRef } from 'vue'
import { createSharedComposable, useIntervalFn, useMounted } from '@vueuse/core'
import { relativeTimeText } from '../utils/relative-time'
import { usePleoMessages } from './usePleoMessages'

/** How often relative times ("5 minutes ago") and the expiry countdown move while the page is open. */
const TICK_MS = 30_000

// One clock for every component of the page. (useIntervalFn, not useNow: useNow's options differ between
// @vueuse/core 14 and 15, and its default ticks every animation frame.)
const useSharedNow = createSharedComposable(() => {
  const now = shallowRef(new Date())
  useIntervalFn(() => {
    now.value = new Date()
  }, TICK_MS)
  return now
})

/**
 * The browser's clock for the Pleo components: `now` while mounted (undefined during SSR and hydration, since the
 * server's time and time zone are not the admin's), moving every 30 s, and `relative(iso)` in the admin's language.
 */
export function usePleoClock() {
  const mounted = useMounted()
  const now = import.meta.client ? useSharedNow() : ref(new Date())
  const { locale } = usePleoMessages()
  const current = computed(() => mounted.value ? now.value : undefined)
  return {
    now: current,
    relative: (iso: string) => current.value ? relativeTimeText(new Date(iso), current.value, locale.value) : '',
  }
}
