import { createHash } from 'node:crypto'
import { useRuntimeConfig } from 'nitropack/runtime'

export type LogLevel = 'info' | 'warn' | 'error' | 'silent'
/** How the actor of an audit event appears in log lines (the audit trail itself always keeps it). */
export type LogActors = 'plain' | 'hashed' | 'hidden'

const RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2, silent: 3 }

function logOptions(): { level: LogLevel, actors: LogActors } {
  const log = (useRuntimeConfig().pleoConnect as { log?: { level?: string, actors?: string } } | undefined)?.log
  const level = log?.level && log.level in RANK ? log.level as LogLevel : 'info'
  const actors = log?.actors === 'plain' || log?.actors === 'hidden' ? log.actors : 'hashed'
  return { level, actors }
}

function write(level: Exclude<LogLevel, 'silent'>, message: string) {
  if (RANK[level] < RANK[logOptions().level]) return
  console[level](`[pleo-connect] ${message}`)
}

/** The module's log lines, tagged `[pleo-connect]`, at or above the `log.level` option. Never pass a key. */
export const logger = {
  info: (message: string) => write('info', message),
  warn: (message: string) => write('warn', message),
  error: (message: string) => write('error', message),
}

/** The actor as the `log.actors` option allows it in log lines: as given, a short hash (pseudonymous), or left out. */
export function actorForLog(actor: string): string {
  const { actors } = logOptions()
  if (actors === 'plain') return actor
  if (actors === 'hidden') return '[hidden]'
  return `sha256:${createHash('sha256').update(actor).digest('hex').slice(0, 12)}`
}
