import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The fixture apps the e2e tests start: `basic` (the module alone) and `nuxt-security` (with nuxt-security's CSRF on). */
const FIXTURES = ['basic', 'nuxt-security']

/** Builds each fixture app once for the whole e2e run (in parallel); each test file starts one with its own env. */
export default async function setup() {
  if (process.env.PLEO_TEST_SKIP_BUILD === '1') return
  const nuxi = fileURLToPath(new URL('../../node_modules/@nuxt/cli/bin/nuxi.mjs', import.meta.url))
  await Promise.all(FIXTURES.map(name => new Promise<void>((resolve, reject) => {
    const root = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))
    const child = spawn(process.execPath, [nuxi, 'build', root], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    })
    child.once('error', reject)
    child.once('exit', code => code === 0 ? resolve() : reject(new Error(`building test/fixtures/${name} failed (exit ${code})`)))
  })))
}
