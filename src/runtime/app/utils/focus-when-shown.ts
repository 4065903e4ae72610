import { watch } from 'vue'

/** How long a part that loads on demand may take to appear before the focus meant for it is dropped. */
const GIVE_UP_MS = 10_000

/**
 * Moves focus to a part that may still be loading (a component loaded on demand, shown on the admin's action):
 * at once when it is on the page, else as soon as it mounts. The part's own `focus()` decides what takes focus.
 */
export function focusWhenShown(part: () => { focus: () => void } | null | undefined): void {
  const shown = part()
  if (shown) return shown.focus()
  const timer = setTimeout(() => stop(), GIVE_UP_MS)
  const stop = watch(part, (mounted) => {
    if (!mounted) return
    stop()
    clearTimeout(timer)
    mounted.focus()
  }, { flush: 'post' })
}
