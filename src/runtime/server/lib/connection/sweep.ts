import { recordEvent } from './audit-trail'
import { applyCheckOutcome, checkInstallation, type CheckOutcome } from './health-check'
import type { ConnectionRecord } from '../records'
import { LIST_PAGE_SIZE, type RecordEntry, type Versioned } from '../storage/record-store'
import { isPleoConnectError, PleoConnectError, problemOf } from '../errors'
import { useConnectionStores } from '../storage/stores'
import { clientForRecord } from '../pleo/stored-key-client'
import { isValidating } from './validation-slot'
import { fingerprintField } from './known-keys'
import { destroyExpiredStandby } from './standby'
import { dueReminder, EXPIRY_REMINDERS } from '../../../shared/expiry-reminders'
import { INCIDENT_REMINDER_HOURS } from '../../../shared/incident-reminders'
import { remindOfIncident } from './incidents'

export interface SweepOptions {
  /** Checks running at once. */
  concurrency: number
  /** Consecutive transient failures (timeouts, 5xx, 429) after which Pleo is taken to be down and the sweep stops. */
  maxConsecutiveTransient?: number
  /** Remind this many days before an admin-entered key expiry date, once per rung (`[30, 7, 1]`). */
  expiryReminders?: number[]
  /** Remind of an open incident this many hours after it opened, then daily (`[1, 6, 24]`). */
  incidentReminders?: number[]
  /** Waits (tests pass a fake clock). */
  sleep?: (ms: number) => Promise<void>
  /**
   * How long one tenant's check may take in all (storage and Pleo); past it the sweep moves on and counts it as
   * passing trouble, so one stuck tenant (or a store that hangs) never stops the run.
   * @default 30000
   */
  tenantDeadlineMs?: number
}

export interface SweepReport {
  tenants: number
  checked: number
  /** Standbys past their window destroyed by this run. */
  standbysDestroyed: number
  ok: number
  actionRequired: number
  transient: number
  skipped: number
  stoppedEarly: boolean
  maxInFlight: number
}

const SYSTEM_ACTOR = 'system:health-check'

/**
 * Re-verifies every stored key with bounded concurrency. Only changes of state are audited (and fire hooks);
 * passing trouble is recorded on the connection. On 429 it waits as Pleo asks once, and it stops when Pleo
 * looks down, so an outage costs a handful of calls rather than one per tenant.
 */
export async function verifyAllConnections(options: SweepOptions): Promise<SweepReport> {
  const { concurrency, maxConsecutiveTransient = 3, expiryReminders = EXPIRY_REMINDERS, incidentReminders = INCIDENT_REMINDER_HOURS, sleep = defaultSleep, tenantDeadlineMs = 30_000 } = options
  const store = useConnectionStores().connections
  const queue = tenantQueue(store.entries(listingPageSize(concurrency)))
  const report: SweepReport = { tenants: 0, checked: 0, standbysDestroyed: 0, ok: 0, actionRequired: 0, transient: 0, skipped: 0, stoppedEarly: false, maxInFlight: 0 }
  let inFlight = 0
  let consecutiveTransient = 0
  let waitedForRateLimit = false

  async function worker() {
    // This worker's previous outcome, still being written while the next call runs: one write behind at most.
    let writing: Promise<{ failure: unknown } | undefined> = Promise.resolve(undefined)
    const finishWriting = async () => {
      const written = await writing
      if (written) throw written.failure
    }
    for (let entry = await queue.next(); entry !== undefined && !report.stoppedEarly; entry = await queue.next()) {
      report.tenants++
      // The record as the listing read it: a change since then is caught by the compare-and-set of the outcome.
      const { id: tenantId, record: listed } = entry
      const record = listed.value
      // A handover standby past its window is destroyed whatever the check finds.
      if (record.standby && await destroyExpiredStandby(tenantId, record, SYSTEM_ACTOR)) report.standbysDestroyed++
      // A key being replaced right now is checked by that replacement.
      if (!record.sealedKey || await entry.validating) {
        report.skipped++
        continue
      }
      inFlight++
      report.maxInFlight = Math.max(report.maxInFlight, inFlight)
      const check = checkTenant(tenantId, listed)
      const outcome = await withinDeadline(check.answered, tenantDeadlineMs, OUT_OF_TIME).finally(() => inFlight--)
      report.checked++
      if (outcome.kind === 'ok') report.ok++
      if (outcome.kind === 'action_required') report.actionRequired++
      // A storage failure of the previous tenant stops the sweep here, as it did when it was awaited in place.
      await finishWriting()
      // Past the deadline the late check still writes its own outcome, on its own, as before.
      const written = outcome === OUT_OF_TIME ? Promise.resolve() : check.written
      writing = settled(withinDeadline(afterCheck(tenantId, record, outcome, written, expiryReminders, incidentReminders), tenantDeadlineMs, undefined))
      if (outcome.kind !== 'transient') {
        consecutiveTransient = 0
        continue
      }
      report.transient++
      consecutiveTransient++
      if (outcome.problem.code === 'pleo_rate_limited' && !waitedForRateLimit) {
        waitedForRateLimit = true
        await sleep(Math.min(outcome.retryAfter ?? 30, 300) * 1000)
      }
      else if (outcome.problem.code === 'pleo_rate_limited' || consecutiveTransient >= maxConsecutiveTransient) {
        report.stoppedEarly = true
      }
    }
    await finishWriting()
  }

  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  // Counted, not read: a sweep that stopped early leaves the rest of the listing unread.
  const left = await queue.countRest()
  report.tenants += left
  report.skipped += left
  return report
}

/**
 * Records read per listing page: a few rounds of work for every worker. The workers start once the first page is
 * read, so a page of 500 records would keep all of them idle for its reads; the page read ahead keeps them fed.
 */
export function listingPageSize(concurrency: number): number {
  return Math.min(LIST_PAGE_SIZE, Math.max(64, concurrency * 4))
}

/** A listed tenant, with whether its key was being replaced when its page was reached (for a stored key only). */
interface QueuedTenant extends RecordEntry<ConnectionRecord> {
  validating?: Promise<boolean>
}

/**
 * Asks whether the tenant's key is being validated as its page is reached, for the whole page at once: one round trip
 * to Redis per page rather than one before every call. A replacement starting later is caught by the compare-and-set
 * of the outcome, as one starting during the call always was.
 */
function withValidatingFlag(entry: RecordEntry<ConnectionRecord>): QueuedTenant {
  if (!entry.record.value.sealedKey) return entry
  const validating = isValidating(entry.id)
  // Reported by the worker that reaches this tenant; a sweep that stops early never does.
  validating.catch(() => {})
  return { ...entry, validating }
}

/**
 * Tenants (id and record) handed to the workers one at a time, read from the store a page at a time, so memory holds
 * two pages at most, never the whole listing. The next page is read while the workers check this one: waiting for
 * it would leave every worker idle for a page read, once per page.
 */
function tenantQueue(pages: AsyncGenerator<Array<RecordEntry<ConnectionRecord>>>) {
  const readPage = () => {
    const read = pages.next()
    // A failed read is reported to the workers that need the page; until then it is nobody's to report.
    read.catch(() => {})
    return read
  }
  let page: QueuedTenant[] = []
  let done = false
  let ahead = readPage()
  /**
   * The page read ahead in place of the used-up one, each entry as `reach` makes it, and the next one asked for
   * (workers asking together wait for one).
   */
  let turning: Promise<void> | undefined
  const turnPage = (reach: (entry: RecordEntry<ConnectionRecord>) => QueuedTenant) => turning ??= ahead.then((read) => {
    if (read.done) done = true
    else {
      page = read.value.map(reach)
      ahead = readPage()
    }
  }).finally(() => {
    turning = undefined
  })
  return {
    async next(): Promise<QueuedTenant | undefined> {
      while (!page.length && !done) await turnPage(withValidatingFlag)
      return page.shift()
    },
    async countRest(): Promise<number> {
      let count = page.length
      page = []
      // Counted only: nothing is asked about these tenants.
      while (!done) {
        await turnPage(entry => entry)
        count += page.length
        page = []
      }
      return count
    },
  }
}

/**
 * One tenant's check: `answered` when Pleo answered (or did not), `written` once the outcome is stored. The sweep
 * waits for the answer only, so the next call is not held up by this write.
 */
function checkTenant(tenantId: string, listed: Versioned<ConnectionRecord>): { answered: Promise<CheckOutcome>, written: Promise<void> } {
  const record = listed.value
  const answered = askPleo(tenantId, record)
  // Written with one compare-and-set from the version listed, not read again.
  const written = answered.then(async (outcome) => {
    await applyCheckOutcome(tenantId, record, outcome, { actor: SYSTEM_ACTOR, auditEvery: false, readVersion: listed.version })
  })
  // Handled by whoever awaits it; a late check's failure (past its deadline) is nobody's to report.
  written.catch(() => {})
  return { answered, written }
}

async function askPleo(tenantId: string, record: ConnectionRecord): Promise<CheckOutcome> {
  try {
    return await checkInstallation(await clientForRecord(tenantId, record), record)
  }
  catch (error) {
    // A stored key this server cannot open cannot keep the connection working: the admin (or developers) must act.
    const unreadable = isPleoConnectError(error) && error.data.variant === 'key_unreadable'
    return { kind: unreadable ? 'action_required' : 'transient', problem: problemOf(error) }
  }
}

/** What follows a check, in order: its outcome written, then the incident and expiry reminders it may be due. */
async function afterCheck(tenantId: string, record: ConnectionRecord, outcome: CheckOutcome, written: Promise<void>, expiryReminders: number[], incidentReminders: number[]) {
  await written
  if (outcome.kind !== 'ok') await remindOfIncident(tenantId, record, SYSTEM_ACTOR, incidentReminders)
  if (outcome.kind !== 'transient') await remindOfExpiry(tenantId, record, expiryReminders)
}

/** `work`'s failure as a value, so a write nobody awaits yet is never an unhandled rejection. */
function settled(work: Promise<unknown>): Promise<{ failure: unknown } | undefined> {
  return work.then(() => undefined, (failure: unknown) => ({ failure }))
}

/** Whole days from today (UTC) to the admin-entered expiry date: both calendar days, as the page counts them. */
export function daysUntil(keyExpiresAt: string, now = Date.now()): number | undefined {
  const expiresOn = Date.parse(`${keyExpiresAt.slice(0, 10)}T00:00:00Z`)
  if (!Number.isFinite(expiresOn)) return undefined
  const today = Date.parse(`${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`)
  return Math.round((expiresOn - today) / 86_400_000)
}

/**
 * Each rung of the ladder once per key, when due: the admin entered the date when saving the key, Pleo's API does
 * not tell. A rung missed (no check ran in time, or the key was saved late) is skipped: one reminder, not three.
 */
async function remindOfExpiry(tenantId: string, record: ConnectionRecord, reminders: number[]) {
  const { keyExpiresAt } = record
  const daysLeft = keyExpiresAt === undefined ? undefined : daysUntil(keyExpiresAt)
  const rung = daysLeft === undefined ? undefined : dueReminder(daysLeft, reminders)
  if (!keyExpiresAt || daysLeft === undefined || rung === undefined) return
  const alreadySent = (current: ConnectionRecord) => current.expiryReminder?.for === keyExpiresAt && current.expiryReminder.rung <= rung
  if (alreadySent(record)) return
  // Decided inside the compare-and-set: two instances checking at once send one reminder between them.
  const reminded = await useConnectionStores().connections.update(tenantId, current =>
    current && current.value.keyId === record.keyId && !alreadySent(current.value)
      ? { ...current.value, expiryReminder: { for: keyExpiresAt, rung } }
      : undefined)
  if (!reminded) return
  await recordEvent({ type: 'key_expiring', tenantId, actor: SYSTEM_ACTOR, companyId: record.company?.id, keyHint: record.keyHint, ...fingerprintField(record), daysLeft, state: reminded.value.state })
}

const OUT_OF_TIME: CheckOutcome = { kind: 'transient', problem: problemOf(new PleoConnectError('pleo_unreachable')) }

/**
 * `work`'s result, or `late` once `ms` passed (the late work may still finish and write; it is harmless): one stuck
 * tenant, or a store that hangs, never stops the run.
 */
async function withinDeadline<T>(work: Promise<T>, ms: number, late: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const outOfTime = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late), ms)
  })
  try {
    return await Promise.race([work, outOfTime])
  }
  finally {
    clearTimeout(timer)
  }
}

function defaultSleep(ms: number) {
  return new Promise<void>(resolve => setTimeout(resolve, ms))
}
