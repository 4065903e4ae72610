/** Days before the admin-entered expiry date from which the connected view warns. */
export const EXPIRY_WARNING_DAYS = 14

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/** Where a key stands against its expiry date: `days` left (0 = today, negative = passed). */
export interface KeyExpiry {
  days: number
  expired: boolean
  /** Within the warning window, or passed. */
  warn: boolean
}

/** A `YYYY-MM-DD` that is a real calendar date (what `<input type="date">` gives, or a typed fallback). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_ONLY.exec(value)
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * Whole days from `today` to the expiry date, both taken as calendar days: the admin entered a date, not an
 * instant, so "expires in 3 days" must not depend on the hour or the time zone. `today` is the admin's local date.
 */
export function keyExpiry(keyExpiresAt: string, today: Date, warningDays = EXPIRY_WARNING_DAYS): KeyExpiry | undefined {
  const expiresOn = calendarDayOf(keyExpiresAt)
  if (expiresOn === undefined) return undefined
  const days = expiresOn - Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) / 86_400_000
  return { days, expired: days < 0, warn: days <= warningDays }
}

/** The UTC day number of a date (`2027-01-31`) or of the date part of a timestamp. */
function calendarDayOf(value: string): number | undefined {
  const datePart = value.slice(0, 10)
  if (!isCalendarDate(datePart)) return undefined
  return Date.parse(`${datePart}T00:00:00Z`) / 86_400_000
}
