// Plain ESM: Nitro imports storage drivers with Node itself at build time (for prerendering), not through its bundler.
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { defineDriver } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'

/**
 * unstorage's `fs` driver, writing each file whole or not at all: the value goes to a temporary file in the same
 * directory, which then replaces the old one by rename (atomic on POSIX file systems). A server killed in the
 * middle of a write leaves the previous record in place, never a truncated one; readers never see half a file.
 * Keys are mapped to paths as the `fs` driver maps them, so the same directory reads the same with either driver.
 */
export default defineDriver((/** @type {{ base: string, ignore?: string[] }} */ options) => {
  const fs = fsDriver(options)
  const base = resolve(options.base)
  const pathOf = (/** @type {string} */ key) => join(base, key.replace(/:/g, '/'))

  async function writeWhole(/** @type {string} */ key, /** @type {string | Uint8Array} */ value) {
    const file = pathOf(key)
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeTemporary(temporary, value)
      await rename(temporary, file)
    }
    catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  }

  // The directory exists after the first write to it: it is made only when a write finds it missing, which saves
  // a system call on every other write.
  async function writeTemporary(/** @type {string} */ temporary, /** @type {string | Uint8Array} */ value) {
    try {
      await writeFile(temporary, value)
    }
    catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error
      await mkdir(dirname(temporary), { recursive: true })
      await writeFile(temporary, value)
    }
  }

  return {
    ...fs,
    name: 'pleo-connect-fs',
    options,
    setItem: writeWhole,
    setItemRaw: writeWhole,
    // Keys of temporary files (a write a crash interrupted) are not records.
    async getKeys(/** @type {string} */ base, /** @type {object} */ opts) {
      return (await fs.getKeys(base, opts)).filter(key => !key.endsWith('.tmp'))
    },
  }
})
