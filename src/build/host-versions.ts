import { existsSync, readFileSync } from 'node:fs'
import { join } from 'pathe'
import { getNuxtVersion } from '@nuxt/kit'
import type { Nuxt } from '@nuxt/schema'
import { peerDependencies } from '../../package.json'

/** The Nuxt versions the module is tested with (also `meta.compatibility` and the README). */
export const SUPPORTED_NUXT = '^4.4.7'

/** The packages the host app owns and shares with the module: one copy each, in a range the module is tested with. */
const SHARED_PACKAGES = ['pinia', '@pinia/nuxt'] as const

const UPGRADE_HINT: Record<string, string> = {
  'nuxt': 'npx nuxi upgrade (Nuxt 4.4.7 fixes GHSA-mm7m-92g8-7m47)',
  'pinia': 'npm install pinia@^4 @pinia/nuxt@^1 (or pinia@^3.0.4 @pinia/nuxt@^0.11.3)',
  '@pinia/nuxt': 'npm install @pinia/nuxt@^1 for pinia 4, or @pinia/nuxt@^0.11.3 for pinia 3',
}

/**
 * Stops the build with one message naming each package outside the tested range, the range and the command that
 * fixes it. Nuxt's own compatibility check only warns and then builds the app without the module, and two copies
 * of Pinia build fine and crash in the browser, so both are checked here, before any module is set up.
 */
export function assertSupportedHost(nuxt: Nuxt) {
  const found: Array<[name: string, version: string | undefined, range: string]> = [
    ['nuxt', getNuxtVersion(nuxt), SUPPORTED_NUXT],
    ...SHARED_PACKAGES.map(name => [name, installedVersion(nuxt, name), peerDependencies[name]] as [string, string | undefined, string]),
  ]
  const problems = found
    .filter(([, version, range]) => version !== undefined && !satisfiesCaretRange(version, range))
    .map(([name, version, range]) => `  - ${name} ${version} is installed; nuxt-pleo-connect needs ${name} ${range}. Fix: ${UPGRADE_HINT[name]}.`)
  if (problems.length) {
    throw new Error(`nuxt-pleo-connect does not support this app's versions:\n${problems.join('\n')}`)
  }
}

/** The version of a package as the app resolves it: the first copy found along Nuxt's module directories. */
function installedVersion(nuxt: Nuxt, name: string): string | undefined {
  for (const dir of nuxt.options.modulesDir) {
    const file = join(dir, name, 'package.json')
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version
  }
  return undefined
}

/**
 * `version` against a range of caret terms (`^3.0.4 || ^4.0.0`), the only form the module declares. Prereleases
 * count as their release, as Nuxt's own checks do.
 */
export function satisfiesCaretRange(version: string, range: string): boolean {
  const actual = parseVersion(version)
  if (!actual) return false
  return range.split('||').some((term) => {
    const minimum = parseVersion(term.trim().replace(/^\^/, ''))
    if (!minimum) throw new TypeError(`Not a caret range: ${range}`)
    const lockedPart = minimum[0] > 0 ? 0 : minimum[1] > 0 ? 1 : 2
    for (let part = 0; part <= lockedPart; part++) if (actual[part] !== minimum[part]) return false
    return compareVersions(actual, minimum) >= 0
  })
}

function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version)
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined
}

function compareVersions(a: number[], b: number[]): number {
  for (let part = 0; part < 3; part++) if (a[part] !== b[part]) return a[part]! - b[part]!
  return 0
}
