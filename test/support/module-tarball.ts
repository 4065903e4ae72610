import { existsSync } from 'node:fs'
import { cp, mkdir, readdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mustRun } from './run-command'

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** What building and packing the module reads, from the working tree (CHANGELOG.md and LICENSE when present). */
const PACKED_SOURCES = ['package.json', 'src', 'build.config.ts', 'tsconfig.json', 'nuxt.config.ts', 'README.md', 'CHANGELOG.md', 'LICENSE']

/**
 * Builds and packs the module the way it is published, in a copy under `workDir`: the repository's own `dist/`
 * holds the stub build other tests use meanwhile, so it is never touched. Answers the tarball's path.
 */
export async function packModule(workDir: string): Promise<string> {
  const copy = join(workDir, 'nuxt-pleo-connect')
  await mkdir(copy)
  for (const name of PACKED_SOURCES) {
    if (existsSync(join(REPO_ROOT, name))) await cp(join(REPO_ROOT, name), join(copy, name), { recursive: true })
  }
  await symlink(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir')
  await mustRun('npx', ['nuxt-module-build', 'prepare'], copy)
  await mustRun('npx', ['nuxt-module-build', 'build'], copy)
  // The build above is what gets packed: `prepack` would only build it again.
  await mustRun('npm', ['pack', '--ignore-scripts', '--pack-destination', workDir], copy)
  const [tarball] = (await readdir(workDir)).filter(name => name.endsWith('.tgz'))
  if (!tarball) throw new Error(`npm pack wrote no tarball to ${workDir}`)
  return join(workDir, tarball)
}
