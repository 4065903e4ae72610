// The figures of SECURITY.md's promises: tests print them, `npm run figures` gathers one line per promise.
import { appendFileSync } from 'node:fs'

/** How much bigger (or smaller) than their defaults the counted runs are: `npm run figures -- --scale 5`. */
export function figureScale(): number {
  const scale = Number(process.env.PLEO_FIGURES_SCALE ?? 1)
  return Number.isFinite(scale) && scale > 0 ? scale : 1
}

/** `count` at the current scale, at least 1. */
export function scaled(count: number): number {
  return Math.max(1, Math.round(count * figureScale()))
}

/**
 * One figure of a promise (`P1` … `P21`), to stdout and, under `npm run figures`, to the file it gathers from
 * (a Nuxt build in the same worker can wrap stdout with its own logger, which drops plain lines).
 */
export function figure(promise: `P${number}`, text: string) {
  const line = `[figure] ${promise}: ${text}\n`
  process.stdout.write(line)
  if (process.env.PLEO_FIGURES_FILE) appendFileSync(process.env.PLEO_FIGURES_FILE, line)
}
