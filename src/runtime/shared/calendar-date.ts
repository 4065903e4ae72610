const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A `YYYY-MM-DD` that is a real calendar date (what `<input type="date">` gives, or a typed fallback). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_ONLY.exec(value)
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** A calendar date, or a timestamp whose date and time are real (`2027-01-31T10:00:00Z`). */
export function isCalendarDateOrTimestamp(value: string): boolean {
  const date = value.slice(0, 10)
  if (!isCalendarDate(date)) return false
  if (value.length === 10) return true
  return /^T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/.test(value.slice(10)) && Number.isFinite(Date.parse(value))
}
