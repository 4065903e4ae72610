import { isCalendarDate } from '../../shared/calendar-date'

/** Days before the admin-entered expiry date from which the connected view warns. */
export const EXPIRY_WARNING_DAYS = 14

/** Where a key stands against its expiry date: `days` left (0 = today, negative = passed). */
export interface KeyExpiry {
  days: number
  expired: boolean
  /** Within the warning window, or passed. */
  warn: boolean
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
