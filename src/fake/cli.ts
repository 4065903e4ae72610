#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { createFakePleo } from './server'
import { DEMO_SEED } from './seed'
import { keyTable } from './table'

const USAGE = `Usage: pleo-fake [--port 4010] [--host 127.0.0.1] [--allow-fault-header] [--control-token T]

An offline stand-in for Pleo's External API, seeded with demo keys.
  --port                 port to listen on (default 4010; 0 picks a free one)
  --host                 interface to bind (default 127.0.0.1)
  --allow-fault-header   honour x-fake-pleo-fault: 429|500|502|503|timeout|redirect (tests only)
  --control-token        require x-fake-pleo-token: T on the /__fake/* controls
  --quiet                do not log requests
  --help                 show this text`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'port': { type: 'string', default: '4010' },
      'host': { type: 'string', default: '127.0.0.1' },
      'allow-fault-header': { type: 'boolean', default: false },
      'control-token': { type: 'string', default: '' },
      'quiet': { type: 'boolean', default: false },
      'help': { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535.\n\n${USAGE}`)

  const fake = createFakePleo({
    allowFaultHeader: values['allow-fault-header'],
    controlToken: values['control-token'],
    log: values.quiet ? undefined : line => console.log(`  ${new Date().toISOString()}  ${line}`),
  })
  const server = await fake.listen(port, values.host)

  console.log(`Fake Pleo listening on ${server.url}`)
  console.log(`  production: ${server.url}/production   (also ${server.url}/v1/...)`)
  console.log(`  staging:    ${server.url}/staging`)
  console.log(`  controls:   ${server.url}/__fake/keys, /__fake/state, POST /__fake/reset|seed|revoke|expire|clock`)
  if (values['allow-fault-header']) console.log('  fault header x-fake-pleo-fault is ON')
  console.log('\nDemo keys (Basic auth: the key is the username, the password is empty):\n')
  console.log(formatTable(keyTable(DEMO_SEED.keys, new Set(DEMO_SEED.keys.map(key => key.key)))))
  console.log('\nPress Ctrl+C to stop.')

  const stop = () => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    server.close().then(() => console.log('Fake Pleo stopped.'), (error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function formatTable(rows: Array<{ key: string, case: string, env: string, what: string }>): string {
  const header = { key: 'key', case: 'case', env: 'env', what: 'what happens' }
  const all = [header, ...rows]
  const width = (column: 'key' | 'case' | 'env') => Math.max(...all.map(row => row[column].length))
  const widths = { key: width('key'), case: width('case'), env: width('env') }
  return all.map(row => `  ${row.key.padEnd(widths.key)}  ${row.case.padEnd(widths.case)}  ${row.env.padEnd(widths.env)}  ${row.what}`).join('\n')
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
