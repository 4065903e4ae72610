import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** Builds the fixture app once for the whole e2e run; each test file starts it with its own env. */
export default function setup() {
  const root = fileURLToPath(new URL('../fixtures/basic', import.meta.url))
  if (process.env.PLEO_TEST_SKIP_BUILD === '1') return
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/@nuxt/cli/bin/nuxi.mjs', import.meta.url)), 'build', root], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
}
