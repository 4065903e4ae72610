import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Nuxt } from '@nuxt/schema'
import { describe, expect, it } from 'vitest'
import packageJson from '../../package.json'
import { assertSupportedHost, satisfiesCaretRange, SUPPORTED_NUXT } from '../../src/build/host-versions'

/** A host app's node_modules with the given package versions, and a Nuxt of `nuxtVersion`. */
function hostApp(nuxtVersion: string, packages: Record<string, string>): Nuxt {
  const modulesDir = mkdtempSync(join(tmpdir(), 'pleo-host-'))
  for (const [name, version] of Object.entries(packages)) {
    mkdirSync(join(modulesDir, name), { recursive: true })
    writeFileSync(join(modulesDir, name, 'package.json'), JSON.stringify({ name, version }))
  }
  return { _version: nuxtVersion, options: { modulesDir: [modulesDir] } } as unknown as Nuxt
}

describe('caret ranges', () => {
  it.each([
    ['3.0.4', '^3.0.4 || ^4.0.0', true],
    ['3.0.3', '^3.0.4 || ^4.0.0', false],
    ['4.1.0', '^3.0.4 || ^4.0.0', true],
    ['2.3.1', '^3.0.4 || ^4.0.0', false],
    ['5.0.0', '^3.0.4 || ^4.0.0', false],
    ['0.11.3', '^0.11.3 || ^1.0.0', true],
    ['0.12.0', '^0.11.3 || ^1.0.0', false],
    ['0.5.1', '^0.11.3 || ^1.0.0', false],
    ['1.0.2', '^0.11.3 || ^1.0.0', true],
    ['4.5.2', '^4.4.7', true],
    ['4.4.6', '^4.4.7', false],
    ['4.2.0', '^4.4.7', false],
    ['4.6.0-rc.1', '^4.4.7', true],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfiesCaretRange(version, range)).toBe(expected)
  })

  it('every range the module declares is one it can check', () => {
    for (const range of [SUPPORTED_NUXT, ...Object.values(packageJson.peerDependencies)]) {
      expect(() => satisfiesCaretRange('1.0.0', range)).not.toThrow()
    }
  })
})

describe('the host app\'s versions, checked before any module is set up', () => {
  it('a supported app (Nuxt 4.4.8, Pinia 3) passes', () => {
    expect(() => assertSupportedHost(hostApp('4.4.8', { 'pinia': '3.0.4', '@pinia/nuxt': '0.11.3' }))).not.toThrow()
    expect(() => assertSupportedHost(hostApp('4.5.2', { 'pinia': '4.1.0', '@pinia/nuxt': '1.0.2' }))).not.toThrow()
  })

  it('a Pinia 2 app gets a build error naming each package, the range and the fix', () => {
    expect(() => assertSupportedHost(hostApp('4.4.8', { 'pinia': '2.3.1', '@pinia/nuxt': '0.5.5' }))).toThrowError(
      /pinia 2\.3\.1 is installed; nuxt-pleo-connect needs pinia \^3\.0\.4 \|\| \^4\.0\.0\. Fix: npm install pinia@\^4[\s\S]*@pinia\/nuxt 0\.5\.5 is installed; nuxt-pleo-connect needs @pinia\/nuxt \^0\.11\.3 \|\| \^1\.0\.0/,
    )
  })

  it('a Nuxt 4.2 app gets a build error saying to upgrade Nuxt, not a warning that the module is off', () => {
    expect(() => assertSupportedHost(hostApp('4.2.1', { 'pinia': '3.0.4', '@pinia/nuxt': '0.11.3' }))).toThrowError(/nuxt 4\.2\.1 is installed; nuxt-pleo-connect needs nuxt \^4\.4\.7\. Fix: npx nuxi upgrade/)
  })

  it('the declared ranges are the ones in package.json, meta.compatibility and engines', () => {
    expect(packageJson.peerDependencies).toMatchObject({ 'pinia': '^3.0.4 || ^4.0.0', '@pinia/nuxt': '^0.11.3 || ^1.0.0' })
    expect(packageJson.dependencies['@nuxt/kit']).toMatch(/^\^4\./)
    expect(packageJson.dependencies).not.toHaveProperty('pinia')
    expect(packageJson.dependencies).not.toHaveProperty('@pinia/nuxt')
    expect(packageJson.engines.node).toBe('^22.12.0 || ^24.11.0')
  })
})
