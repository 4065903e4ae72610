// Plain ESM: Nitro imports storage drivers with Node itself at build time (for prerendering), not through its bundler.
import { randomBytes } from 'node:crypto'
import { mkdir, opendir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { defineDriver } from 'unstorage'
import fsDriver from 'unstorage/drivers/fs'

// How old a file must be (by its ctime, which no one can set back) before its stamp is handed out. File system
// clocks are coarse (a kernel tick, a second on some network file systems): two writes within one tick, the
// second reusing the first's freed inode number at the same size, would carry the same stamp. A file older than
// this was written before any tick a later write could share.
const STAMP_SETTLE_MS = 1000

/**
 * unstorage's `fs` driver, writing each file whole or not at all: the value goes to a temporary file in the same
 * directory, which then replaces the old one by rename (atomic on POSIX file systems). A server killed in the
 * middle of a write leaves the previous record in place, never a truncated one; readers never see half a file.
 * Keys are mapped to paths as the `fs` driver maps them, so the same directory reads the same with either driver.
 */
export default defineDriver((/** @type {{ base: string, ignore?: string[], stampSettleMs?: number }} */ options) => {
  const settleMs = options.stampSettleMs ?? STAMP_SETTLE_MS
  const fs = fsDriver(options)
  const base = resolve(options.base)
  // A key with a `..` segment would reach outside `base`: refused, as the `fs` driver refuses it for reads.
  const pathOf = (/** @type {string} */ key) => {
    if (key.split(/[:/\\]/).includes('..')) throw new Error(`Invalid key: ${JSON.stringify(key)}. It should not contain .. segments`)
    return join(base, key.replace(/:/g, '/'))
  }

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

  /**
   * The `fs` driver's meta, plus `stamp` once the file has settled: a string that changes with every write, since
   * each write is a new file (a new inode) renamed into place. Readers keep a parsed copy while it is unchanged.
   */
  async function getMeta(/** @type {string} */ key) {
    const stats = await stat(pathOf(key), { bigint: true }).catch(() => undefined)
    if (!stats) return {}
    const meta = { atime: stats.atime, mtime: stats.mtime, size: Number(stats.size), birthtime: stats.birthtime, ctime: stats.ctime }
    const changedMs = Number((stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs) / 1_000_000n)
    if (Date.now() - changedMs < settleMs) return meta
    return { ...meta, stamp: [stats.dev, stats.ino, stats.size, stats.mtimeNs, stats.ctimeNs].join(':') }
  }

  return {
    ...fs,
    name: 'pleo-connect-fs',
    options,
    setItem: writeWhole,
    setItemRaw: writeWhole,
    getMeta,
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
