// Benchmarks (SECURITY.md P20, issue 14). Client and server share this machine's cores; ratios are measured side
// by side in one run, which is what to compare across machines.
// Usage: npm run bench [-- --only connect,sweep] [--seconds 8] [--uploads 300] [--sizes 1000,10000,100000] [--json]
//   sweep only: [--backend fs|redis] [--server-heap-mb N] [--server-semi-space-mb N] [--server-malloc-arenas N]
// Lines that carry a figure of a promise start with `[figure] Pn:` (`npm run figures` gathers them); `--json`
// writes every figure with the device line to docs/benchmarks/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { collectedFigures, root } from './support.mjs'

const SECTIONS = ['vault', 'connect', 'status', 'submits', 'uploads', 'bundle', 'sweep']

const { values: args } = parseArgs({
  options: {
    'only': { type: 'string' },
    'seconds': { type: 'string', default: '8' },
    'uploads': { type: 'string', default: '300' },
    'sizes': { type: 'string', default: '1000,10000,100000' },
    'backend': { type: 'string' },
    'server-heap-mb': { type: 'string' },
    'server-semi-space-mb': { type: 'string' },
    'server-malloc-arenas': { type: 'string' },
    'json': { type: 'boolean', default: false },
  },
})
const chosen = args.only ? args.only.split(',').map(name => name.trim()) : SECTIONS
for (const name of chosen) if (!SECTIONS.includes(name)) throw new Error(`unknown section "${name}": pick from ${SECTIONS.join(', ')}`)
const options = {
  durationMs: Number(args.seconds) * 1000,
  uploads: Math.max(3, Number(args.uploads)),
  sizes: args.sizes.split(',').map(Number),
  only: { backend: args.backend?.toLowerCase() },
  serverHeapMb: args['server-heap-mb'] && Number(args['server-heap-mb']),
  serverSemiSpaceMb: args['server-semi-space-mb'] && Number(args['server-semi-space-mb']),
  serverMallocArenas: args['server-malloc-arenas'] && Number(args['server-malloc-arenas']),
}

const device = `${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}; load client and server share it`
console.log(`device: ${device}\n`)
for (const name of chosen) {
  console.log(`## ${name}`)
  const { run } = await import(`./sections/${name}.mjs`)
  await run(options)
  console.log('')
}

if (args.json) {
  const dir = join(root, 'docs/benchmarks')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ device, date: new Date().toISOString(), sections: chosen, figures: collectedFigures() }, null, 2)}\n`)
  console.log(`wrote docs/benchmarks/latest.json (${collectedFigures().length} figures)`)
}
