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
  /** Only on a Redis Cluster client (ioredis `Cluster`): one client per node. */
  nodes?(role: 'master'): RedisClient[]
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

/**
 * `part` as a Redis Cluster hash tag: only the text between the first `{` and `}` picks a key's slot, so the keys
 * one script touches together land on one node. The parts passed here are hex, which has no braces.
 */
export function hashTag(part: string): string {
  return `{${part}}`
}

/**
 * The keys matching `pattern`, a page (one SCAN reply) at a time. A cluster client's SCAN reaches one node only,
 * so each master is scanned in turn; a key may come twice (SCAN's promise), callers drop repeats they care about.
 */
export async function* scanKeys(client: RedisClient, pattern: string, count = 500): AsyncGenerator<string[]> {
  for (const node of client.nodes?.('master') ?? [client]) {
    let cursor = '0'
    do {
      const [nextCursor, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count)
      cursor = nextCursor
      if (keys.length) yield keys
    } while (cursor !== '0')
  }
}

/** `text` as a literal part of a SCAN MATCH pattern. */
export function escapeRedisGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}
