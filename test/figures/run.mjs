// `npm run figures [-- --scale N]`: one line per promise of SECURITY.md (P1–P21), each with the figures the tests
// and the benchmark measured. It runs the tests that count (unit, e2e, browser) and a short benchmark, and fails
// when a test fails (each one asserts its promise) or a promise has no figure. --scale multiplies the counted runs.
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

// --tests-from FILE: the tests already ran with PLEO_FIGURES_FILE=FILE (CI's own `npm test`): gather their figures
// from it instead of running them again; only the benchmark runs.
const { values: args } = parseArgs({ options: {
  'scale': { type: 'string', default: '1' },
  'bench': { type: 'boolean', default: true },
  'tests-from': { type: 'string' },
} })
const scale = Number(args.scale)
if (!(scale > 0)) throw new Error('--scale must be a positive number')

const PROMISES = {
  P1: 'the key never reaches the browser after submission',
  P2: 'never in logs, errors, audit events, hook payloads or files',
  P3: 'encrypted at rest, bound to the tenant',
  P4: 'encryption-key rotation without unreadable records',
  P5: 'a replacement is all-or-nothing',
  P6: 'no lost update',
  P7: 'one validation per tenant; an attempt limit',
  P8: 'no cross-site change',
  P9: 'malformed input: no 5xx, no echo, no change',
  P10: 'bodies capped by the bytes read',
  P11: 'calls to Pleo bounded and safe',
  P12: 'failures detected, blips not mistaken',
  P13: 'bounded background checks',
  P14: 'tenants isolated',
  P15: 'generic, safe errors',
  P16: 'audited, unforgeable logs',
  P17: 'never cached, always typed',
  P18: 'at most 4 characters of a key shown',
  P19: 'unsafe configuration refused',
  P20: 'predictable performance',
  P21: 'no plaintext lingering in memory (informational)',
}

function run(command, argv, env) {
  return new Promise((resolve) => {
    let output = ''
    const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('exit', code => resolve({ code, output }))
  })
}

const started = Date.now()
mkdirSync('test-results', { recursive: true })
const figuresFile = args['tests-from'] ? resolve(args['tests-from']) : resolve('test-results/figures.log')
if (!args['tests-from']) rmSync(figuresFile, { force: true })
const env = { PLEO_FIGURES_SCALE: String(scale), PLEO_FIGURES_FILE: figuresFile }
const tests = args['tests-from']
  ? { code: 0, output: '' }
  : await run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit', '--project', 'e2e', '--project', 'browser'], env)
const bench = args.bench ? await run(process.execPath, ['test/bench/run.mjs', '--only', 'vault,status,submits,uploads', '--backend', 'fs', '--seconds', String(Math.max(2, Math.round(3 * scale))), '--uploads', String(Math.max(3, Math.round(30 * scale)))], env) : { code: 0, output: '' }

const figures = new Map(Object.keys(PROMISES).map(promise => [promise, []]))
const gathered = (() => {
  try {
    return readFileSync(figuresFile, 'utf8')
  }
  catch {
    return ''
  }
})()
for (const line of `${gathered}\n${tests.output}\n${bench.output}`.split('\n')) {
  // Colour codes (vitest's) are dropped first: ESC is code 27.
  const plain = line.split(String.fromCharCode(27)).map((part, index) => index ? part.replace(/^\[[0-9;]*m/, '') : part).join('')
  const match = /\[figure\] (P\d+): (.*)$/.exec(plain)
  if (match && figures.has(match[1])) figures.get(match[1]).push(match[2].trim())
}
figures.get('P21').push('not measured: optional and informational in SECURITY.md, not a CI gate; no test searches the heap yet')

const report = [
  `nuxt-pleo-connect figures, ${new Date().toISOString()}, ${args['tests-from'] ? `tests' figures from ${args['tests-from']}, benchmark` : ''} scale ${scale}; ${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}`,
  ...[...figures].map(([promise, found]) => `${promise.padEnd(4)} ${PROMISES[promise]}: ${found.length ? [...new Set(found)].join(' | ') : 'NO FIGURE'}`),
]
console.log(report.join('\n'))
writeFileSync('test-results/figures.txt', `${report.join('\n')}\n`)

const missing = [...figures].filter(([promise, found]) => promise !== 'P21' && found.length === 0).map(([promise]) => promise)
const failed = [tests.code !== 0 && 'tests', bench.code !== 0 && 'benchmark'].filter(Boolean)
console.log(`\n${Math.round((Date.now() - started) / 1000)} s; ${missing.length ? `no figure for ${missing.join(', ')}` : 'a figure for every promise'}; ${failed.length ? `FAILED: ${failed.join(', ')}` : 'every promise held'}`)
if (failed.length) console.log(tests.output.split('\n').filter(line => /FAIL|AssertionError|Error:/.test(line)).slice(0, 40).join('\n'))
process.exit(missing.length || failed.length ? 1 : 0)
