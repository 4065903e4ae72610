// The layout a newcomer relies on (src/runtime/README.md): server/lib in chapters over a ground floor, no import
// pointing upward, the browser's code importing neither server code nor zod, and one file per name.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const RUNTIME = resolve(__dirname, '../../src/runtime')
const LIB = join(RUNTIME, 'server/lib')

/** Each chapter of server/lib and the floor it stands on: a file imports only from lower floors and its own chapter. */
const FLOORS: Record<string, number> = { '.': 0, 'storage': 1, 'vault': 2, 'pleo': 3, 'http': 3, 'connection': 4 }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(?:ts|vue|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

interface Import { target: string, typeOnly: boolean }

/** The relative imports of a file, resolved to files, and whether each brings only types. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8')
  const found: Import[] = []
  for (const match of text.matchAll(/^import (type )?([^'"]*)from '(\.{1,2}\/[^']+)'/gm)) {
    const named = match[2] ?? ''
    // `import { type A, type B } from` brings types only too.
    const typeOnly = Boolean(match[1]) || (/^\{[^}]*\}$/.test(named.trim()) && named.replace(/[{}\s]/g, '').split(',').filter(Boolean).every(part => part.startsWith('type')))
    found.push({ target: resolveSource(resolve(dirname(file), match[3]!)), typeOnly })
  }
  return found
}

function resolveSource(path: string): string {
  for (const candidate of [path, `${path}.ts`, `${path}.mjs`]) {
    try {
      readFileSync(candidate)
      return candidate
    }
    catch {
      // next candidate
    }
  }
  return path
}

function chapterOf(file: string): string {
  const inLib = relative(LIB, file).split('/')
  return inLib.length === 1 ? '.' : inLib[0]!
}

describe('the layout of the runtime', () => {
  it('server/lib: every file is in a known chapter, and no import points to a higher floor', () => {
    const upward: string[] = []
    let checked = 0
    for (const file of sourceFiles(LIB)) {
      const chapter = chapterOf(file)
      expect(FLOORS, `${relative(LIB, file)} is in no known chapter`).toHaveProperty([chapter])
      for (const { target } of importsOf(file)) {
        if (!target.startsWith(LIB)) continue
        checked++
        const targetChapter = chapterOf(target)
        if (targetChapter !== chapter && FLOORS[targetChapter]! >= FLOORS[chapter]!) upward.push(`${relative(LIB, file)} → ${relative(LIB, target)}`)
      }
    }
    expect(upward).toEqual([])
    expect(checked).toBeGreaterThan(80)
  })

  it('no two files of the runtime share a name', () => {
    const byName = new Map<string, string[]>()
    for (const file of sourceFiles(RUNTIME)) {
      const name = file.split('/').pop()!.replace(/\.\w+$/, '')
      if (name === 'index') continue
      byName.set(name, [...byName.get(name) ?? [], relative(RUNTIME, file)])
    }
    expect([...byName.values()].filter(files => files.length > 1)).toEqual([])
  })

  it('the browser\'s code imports no server code, and reaches zod only through type imports', () => {
    const appFiles = sourceFiles(join(RUNTIME, 'app'))
    const problems: string[] = []
    const seen = new Set<string>()
    const visit = (file: string, from: string) => {
      if (seen.has(file)) return
      seen.add(file)
      if (file.startsWith(join(RUNTIME, 'server'))) problems.push(`${from} imports server code ${relative(RUNTIME, file)}`)
      const text = readFileSync(file, 'utf8')
      if (/^import (?!type )[^'"]*from 'zod'/m.test(text)) problems.push(`${relative(RUNTIME, file)} imports zod (reached from ${from})`)
      for (const { target, typeOnly } of importsOf(file)) {
        if (!typeOnly && target.startsWith(RUNTIME)) visit(target, relative(RUNTIME, file))
      }
    }
    for (const file of appFiles) visit(file, relative(RUNTIME, file))
    expect(problems).toEqual([])
    // The walk did reach the shared contract.
    expect([...seen].some(file => file.includes('/shared/'))).toBe(true)
  })
})

describe('the Nuxt UI token map', () => {
  it('maps the module\'s colour, shape, size and type tokens to variables Nuxt UI documents', () => {
    const css = readFileSync(join(RUNTIME, 'app/assets/pleo-connect-nuxt-ui.css'), 'utf8')
    // https://ui.nuxt.com/docs/getting-started/theme/css-variables
    const documented = new Set(['--ui-primary', '--ui-error', '--ui-text', '--ui-text-muted', '--ui-text-inverted', '--ui-bg-elevated', '--ui-border', '--ui-border-accented', '--ui-radius'])
    const used = [...css.matchAll(/var\((--ui-[\w-]+)/g)].map(match => match[1])
    expect(used.length).toBeGreaterThan(8)
    // And the shades Nuxt UI generates for each colour of its theme (`--ui-color-primary-700`).
    const shade = /^--ui-color-(?:primary|secondary|success|info|warning|error|neutral)-(?:50|[1-9]00|950)$/
    expect(used.filter(name => !documented.has(name!) && !shade.test(name!))).toEqual([])
    const set = [...css.matchAll(/(--pleo-connect-[\w-]+):/g)].map(match => match[1])
    expect(set).toEqual(expect.arrayContaining(['--pleo-connect-accent', '--pleo-connect-border', '--pleo-connect-radius', '--pleo-connect-control-height', '--pleo-connect-button-weight', '--pleo-connect-heading-weight']))
  })
})
