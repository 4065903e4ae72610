import { readFileSync } from 'node:fs'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The README teaches the module: its examples are checked like code.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const tsBlocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(match => match[1]!)

describe('the README', () => {
  it('shows every nuxt.config as @nuxt/eslint wants it, keys in its order', async () => {
    const configs = tsBlocks.filter(block => block.includes('defineNuxtConfig('))
    expect(configs.length).toBeGreaterThan(2)
    // The project's own ESLint config (@nuxt/eslint-config), applied as if each block were the app's nuxt.config.ts.
    const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname })
    for (const config of configs) {
      const [result] = await eslint.lintText(config, { filePath: 'nuxt.config.ts' })
      expect(result!.messages.map(m => `${m.ruleId}: ${m.message}`), config).toEqual([])
    }
  // Loading ESLint's whole Nuxt config takes seconds on a busy two-core machine: more than vitest's default 5 s.
  }, 60_000)

  it('shows the server example that test/fixtures/basic serves against the fake Pleo (test/e2e/app-auth-and-listeners.test.ts)', () => {
    const example = readFileSync(new URL('../fixtures/basic/server/api/pleo/company.get.ts', import.meta.url), 'utf8')
    expect(tsBlocks).toContain(example)
  })
})
