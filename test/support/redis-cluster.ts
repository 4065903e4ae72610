import { execFile } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './app-server'
import { assertRedisInstalled, dumpRedis, spawnRedisServer, stopRedisProcess } from './redis-server'

const run = promisify(execFile)

export interface RedisCluster {
  /** `host:port` of every master, as the unstorage redis driver's `cluster` option takes them. */
  nodes: Array<{ host: string, port: number }>
  /** Every key and value on every node, concatenated: for leak checks. */
  dump: () => Promise<string>
  stop: () => Promise<void>
}

/**
 * A throwaway Redis Cluster of `size` masters (no replicas) on free loopback ports, as Debian's redis-server runs
 * it with `--cluster-enabled yes`: every slot assigned and `cluster_state:ok` on every node before it returns.
 * Each node's cluster bus gets its own free port (not port + 10000, which may be taken or out of range).
 */
export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  assertRedisInstalled()
  const dir = await mkdtemp(join(tmpdir(), 'pleo-redis-cluster-'))
  const children: ChildProcess[] = []
  const nodes: RedisCluster['nodes'] = []
  const stop = async () => {
    await Promise.all(children.map(stopRedisProcess))
    await rm(dir, { recursive: true, force: true })
  }
  try {
    for (let i = 0; i < size; i++) {
      const [port, busPort] = [await freePort(), await freePort()]
      children.push(await spawnRedisServer([
        '--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1',
        '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000',
        '--save', '', '--appendonly', 'no', '--dir', dir,
      ]))
      nodes.push({ host: '127.0.0.1', port })
    }
    await run('redis-cli', ['--cluster', 'create', ...nodes.map(node => `${node.host}:${node.port}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 })
    await waitUntilHealthy(nodes)
  }
  catch (error) {
    await stop()
    throw error
  }
  return {
    nodes,
    async dump() {
      const parts = await Promise.all(nodes.map(({ host, port }) => dumpRedis(`redis://${host}:${port}`)))
      return parts.join('\n')
    },
    stop,
  }
}

/** Every node agrees the cluster is up: all 16,384 slots served, gossip settled. */
async function waitUntilHealthy(nodes: RedisCluster['nodes']) {
  const deadline = Date.now() + 20_000
  for (;;) {
    const infos = await Promise.all(nodes.map(({ host, port }) =>
      run('redis-cli', ['-h', host, '-p', String(port), 'cluster', 'info'], { timeout: 5_000 }).then(({ stdout }) => stdout)))
    if (infos.every(info => info.includes('cluster_state:ok') && info.includes('cluster_slots_ok:16384') && info.includes(`cluster_known_nodes:${nodes.length}`))) return
    if (Date.now() > deadline) throw new Error(`Redis Cluster did not become healthy: ${infos.join('\n')}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}
