// Plain ESM: Nitro imports storage drivers with Node itself at build time (for prerendering), not through its bundler.
import { randomBytes } from 'node:crypto'
import { mkdir, opendir, rename, rm, writeFile } from 'node:fs/promises'
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
    await mkdir(dirname(file), { recursive: true })
    try {
      await writeFile(temporary, value)
      await rename(temporary, file)
    }
    catch (error) {
      await rm(temporary, { force: true })
      throw error
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
    getKeyPages,
  }

  /**
   * The keys of the files directly under `base` (`connections:` is the folder `connections`), `pageSize` at a
   * time, read from the directory in batches: listing 100,000 records never holds 100,000 names at once.
   */
  async function* getKeyPages(/** @type {string} */ base, /** @type {number} */ pageSize) {
    let directory
    try {
      directory = await opendir(pathOf(base.replace(/:$/, '')), { bufferSize: Math.min(pageSize, 1024) })
    }
    catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return
      throw error
    }
    /** @type {string[]} */
    let page = []
    for await (const entry of directory) {
      if (!entry.isFile() || entry.name.endsWith('.tmp')) continue
      page.push(`${base}${entry.name}`)
      if (page.length >= pageSize) {
        yield page
        page = []
      }
    }
    if (page.length) yield page
  }
})
