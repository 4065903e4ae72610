import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './app-server'

export interface RedisServer {
  url: string
  /** Every key and value in the server, concatenated: for leak checks. */
  dump: () => Promise<string>
  stop: () => Promise<void>
}

const MISSING = 'redis-server is not installed, so the Redis tests cannot run. Install it (Debian: `apt-get install -y redis-server`; `.ci/run` does this) and run the tests again.'

/** A throwaway redis-server on a free loopback port, without persistence. Fails loudly when the binary is missing. */
export async function startRedisServer(): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).error) throw new Error(MISSING)
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'pleo-redis-'))
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000)
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
  const url = `redis://127.0.0.1:${port}`
  return {
    url,
    async dump() {
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
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}
