// When the reminders of an open incident go out (`healthCheck.incidentReminders`), shared by the build (the default)
// and the scheduled check (which reminder is due).

/** Hours after an incident opened at which a reminder goes out; after the last, one a day. */
export const INCIDENT_REMINDER_HOURS = [1, 6, 24]

const HOUR_MS = 3_600_000

/** When the reminder after `sent` reminders is due: at each of `hours` after `openedAt`, then once a day. */
export function reminderDueAt({ openedAt, remindersSent: sent }: { openedAt: string, remindersSent: number }, hours = INCIDENT_REMINDER_HOURS): number {
  const last = hours.at(-1) ?? 24
  const dueAfterHours = sent < hours.length ? hours[sent]! : last + 24 * (sent - hours.length + 1)
  return Date.parse(openedAt) + dueAfterHours * HOUR_MS
}
