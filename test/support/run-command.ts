import { spawn } from 'node:child_process'
import { delimiter, dirname } from 'node:path'

export interface CommandResult {
  exitCode: number | null
  /** stdout and stderr, interleaved as they came. */
  output: string
  stdout: string
  seconds: number
}

/**
 * The environment for npm, nuxi and a built server: the Node running the tests first on PATH (so Node 22 and 24
 * runs test what they say), and none of vitest's or an outer `npm test`'s variables (NODE_ENV=test, npm_config_*).
 */
export function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !/^(?:npm_|vitest|node_env$|test$|init_cwd$)/i.test(name))
  return { ...Object.fromEntries(inherited), PATH: dirname(process.execPath) + delimiter + process.env.PATH, ...extra }
}

/** Runs a command to its end; never throws on a non-zero exit (see `mustRun`). */
export function runCommand(command: string, args: string[], cwd: string, env = toolEnv()): Promise<CommandResult> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    let output = ''
    let stdout = ''
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk
      stdout += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => output += chunk)
    child.once('error', reject)
    child.once('close', exitCode => resolve({ exitCode, output, stdout, seconds: (performance.now() - started) / 1000 }))
  })
}

/** Runs a command and fails with its output when it exits non-zero. */
export async function mustRun(command: string, args: string[], cwd: string, env = toolEnv()): Promise<CommandResult> {
  const result = await runCommand(command, args, cwd, env)
  if (result.exitCode !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` failed (exit ${result.exitCode}) in ${cwd}:\n${result.output.slice(-8000)}`)
  }
  return result
}
