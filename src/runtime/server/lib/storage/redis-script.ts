import { createHash } from 'node:crypto'

/**
 * The part of an ioredis client (the unstorage `redis` driver's `getInstance()`) this module uses. Declared
 * here so apps without Redis need no ioredis types; atomic steps are Lua scripts, never WATCH, because the
 * connection is shared with every other user of the mount.
 */
export interface RedisClient {
  get(key: string): Promise<string | null>
  mget(...keys: string[]): Promise<Array<string | null>>
  set(key: string, value: string, expiryMode: 'PX', milliseconds: number, condition: 'NX'): Promise<'OK' | null>
  set(key: string, value: string, expiryMode: 'PX', milliseconds: number): Promise<'OK'>
  exists(key: string): Promise<number>
  pttl(key: string): Promise<number>
  del(key: string): Promise<number>
  scan(cursor: string, match: 'MATCH', pattern: string, count: 'COUNT', hint: number): Promise<[string, string[]]>
  evalsha(sha: string, numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>
  eval(script: string, numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>
}

export type RedisScript = (client: RedisClient, keys: string[], args: Array<string | number>) => Promise<unknown>

/** A Lua script run by its hash, sent in full only when the server does not know it yet (after a restart). */
export function defineRedisScript(source: string): RedisScript {
  const sha = createHash('sha1').update(source).digest('hex')
  return async (client, keys, args) => {
    try {
      return await client.evalsha(sha, keys.length, ...keys, ...args)
    }
    catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
      return client.eval(source, keys.length, ...keys, ...args)
    }
  }
}

/**
 * The prefix the unstorage `redis` driver puts before every key of its mount (`base` joined with ":"), so the
 * module's own keys sit next to the records the driver reads and writes.
 */
export function redisKeyPrefix(base: unknown): string {
  // The same steps as the driver: drop one trailing ":", turn "/" and "\\" into ":", trim one separator each end.
  const root = typeof base === 'string' ? base.replace(/:$/, '').replace(/[:/\\]/g, ':').replace(/^:|:$/g, '') : ''
  return root ? `${root}:` : ''
}

/** `text` as a literal part of a SCAN MATCH pattern. */
export function escapeRedisGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}
