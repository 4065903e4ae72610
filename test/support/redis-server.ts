import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './app-server'

export interface RedisServer {
  url: string
  /** Every key and value in the server, concatenated: for leak checks. */
  dump: () => Promise<string>
  stop: () => Promise<void>
  /** Stops the server and starts it again on the same port and data directory (an append-only file keeps the data). */
  restart: () => Promise<void>
}

const MISSING = 'redis-server is not installed, so the Redis tests cannot run. Install it (Debian: `apt-get install -y redis-server`; `.ci/run` does this) and run the tests again.'

/**
 * A throwaway redis-server on a free loopback port. Without persistence, unless `persistent` (an append-only file
 * written on every command, as a production Redis keeps it), which `restart()` then reads back. Fails loudly when
 * the binary is missing.
 */
export function assertRedisInstalled() {
  if (spawnSync('redis-server', ['--version']).error) throw new Error(MISSING)
}

/** A redis-server child with these arguments, once it accepts connections (10 s at most). */
export async function spawnRedisServer(args: string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`redis-server did not start: ${output}`))
    }, 10_000)
    const collect = (chunk: Buffer) => {
      output += chunk
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', collect)
    child.stderr!.on('data', collect)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code}: ${output}`))
    })
  })
  return child
}

export async function stopRedisProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise(resolve => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

export async function startRedisServer({ persistent = false } = {}): Promise<RedisServer> {
  assertRedisInstalled()
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'pleo-redis-'))
  const persistence = persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']
  let child: ChildProcess
  const launch = async () => {
    child = await spawnRedisServer(['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir])
  }
  const halt = () => stopRedisProcess(child)
  await launch()
  const url = `redis://127.0.0.1:${port}`
  return {
    url,
    dump: () => dumpRedis(url),
    async stop() {
      await halt()
      await rm(dir, { recursive: true, force: true })
    },
    async restart() {
      await halt()
      await launch()
    },
  }
}

/** Every key of one Redis node with its value (strings; other types by name only), for key-leak searches. */
export async function dumpRedis(url: string): Promise<string> {
  const { default: Redis } = await import('ioredis')
  const client = new Redis(url)
  try {
    const keys = await client.keys('*')
    const values = await Promise.all(keys.map(key => client.type(key).then(type => type === 'string' ? client.get(key) : '')))
    return keys.map((key, index) => `${key}\n${values[index]}`).join('\n')
  }
  finally {
    client.disconnect()
  }
}
