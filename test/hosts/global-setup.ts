import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { packModule } from '../support/module-tarball'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The module as published (`npm pack` of a fresh build), for the host apps to install. */
    moduleTarball: string
    packSeconds: number
  }
}

/** Packs the module once per run; every host app installs this one tarball. */
export default async function setup(project: TestProject) {
  const workDir = await mkdtemp(join(tmpdir(), 'pleo-pack-'))
  const removeWorkDir = () => rm(workDir, { recursive: true, force: true })
  const started = performance.now()
  try {
    project.provide('moduleTarball', await packModule(workDir))
  }
  catch (error) {
    await removeWorkDir()
    throw error
  }
  project.provide('packSeconds', (performance.now() - started) / 1000)
  return removeWorkDir
}
