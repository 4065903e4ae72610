// `npm test` on a fresh machine: the Redis tests need Debian's redis-server and the browser tests its Chromium
// (no npm package may download a browser here). Installs whichever is missing, as CI does (it runs as root).
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const onPath = command => ['/usr/bin', '/usr/local/bin', '/usr/sbin', '/bin'].some(dir => existsSync(`${dir}/${command}`))
const missing = [
  ['redis-server', 'redis-server'],
  ['chromium', 'chromium'],
].filter(([command]) => !onPath(command)).map(([, pkg]) => pkg)

if (missing.length) {
  if (process.getuid?.() !== 0) {
    console.error(`The tests need these Debian packages: ${missing.join(', ')}. Install them (sudo apt-get install -y ${missing.join(' ')}) and run npm test again.`)
    process.exit(1)
  }
  console.info(`Installing ${missing.join(', ')} for the tests…`)
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
}
