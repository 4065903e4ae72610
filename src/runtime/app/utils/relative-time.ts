// "5 minutes ago", "in 3 days": the largest unit that fits, in the admin's language (Intl, no catalogue strings).
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
]

/** How far `at` is from `now`, in words; under a minute reads as "now". */
export function relativeTimeText(at: Date, now: Date, locale: string): string {
  const seconds = (at.getTime() - now.getTime()) / 1000
  if (!Number.isFinite(seconds)) return ''
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit)
  }
  return format.format(0, 'second')
}
