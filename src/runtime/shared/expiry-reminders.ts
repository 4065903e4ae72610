// The reminders before an admin-entered key expiry date (`healthCheck.expiryReminders`), shared by the build (the
// default, the page's countdown) and the scheduled check (which rung is due).

/** The default ladder: a month ahead, a week ahead, the day before. */
export const EXPIRY_REMINDERS = [30, 7, 1]

/**
 * The rung of the ladder that is due with `daysLeft` days to go: the nearest one not yet passed (with 5 days left
 * of `[30, 7, 1]`, the 7-day one), or none before the first rung and after the date.
 */
export function dueReminder(daysLeft: number, reminders: number[]): number | undefined {
  if (daysLeft < 0) return undefined
  return reminders.filter(rung => daysLeft <= rung).sort((a, b) => a - b)[0]
}
