import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import type { ConnectionView } from '../../shared/schemas'
import { keyExpiry } from '../utils/key-expiry'
import { usePleoClock } from './usePleoClock'
import { usePleoMessages, usePleoUiConfig } from './usePleoMessages'

/** What to say of a working key's expiry date: due soon (counting down) or passed, in words. */
export interface KeyExpiryNotice {
  title: string
  text: string
  /** Days left (0 = today, negative = passed). */
  days: number
  expired: boolean
}

/**
 * The countdown to the expiry date the admin entered, from `warningDays` before it (by default the module's first
 * expiry reminder), for `<PleoKeyExpiryWarning>` and the banner alike. It moves while the page stays open.
 */
export function useKeyExpiryNotice(view: MaybeRefOrGetter<ConnectionView | null | undefined>, warningDays?: MaybeRefOrGetter<number | undefined>) {
  const { messages, format, formatCount, formatDate } = usePleoMessages()
  const uiConfig = usePleoUiConfig()
  // "Today" is the admin's own calendar day, known only in the browser (the server may be in another time zone),
  // and it moves: a page left open over midnight counts one day less.
  const { now: today } = usePleoClock()

  return computed<KeyExpiryNotice | undefined>(() => {
    const current = toValue(view)
    const working = current?.state === 'connected' || current?.state === 'action_required'
    if (!today.value || !working || !current.keyExpiresAt) return undefined
    const expiry = keyExpiry(current.keyExpiresAt, today.value, toValue(warningDays) ?? uiConfig.expiryWarningDays)
    if (!expiry?.warn) return undefined
    const m = messages.value.expiry
    if (expiry.expired) {
      const date = formatDate(new Date(`${current.keyExpiresAt.slice(0, 10)}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' })
      return { title: m.expiredTitle, text: `${format(m.expired, { date })} ${m.renewExpired[current.keyType]}`, days: expiry.days, expired: true }
    }
    const when = expiry.days === 0 ? m.today : expiry.days === 1 ? m.tomorrow : formatCount('expiry.inDays', expiry.days, { days: expiry.days })
    return { title: m.soonTitle, text: `${when} ${m.renew[current.keyType]}`, days: expiry.days, expired: false }
  })
}
