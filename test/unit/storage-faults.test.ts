import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStorage, type Driver } from 'unstorage'
import { describe, expect, it, vi } from 'vitest'
import { PleoConnectError } from '../../src/runtime/server/lib/errors'
import { createRecordStore, type KeyListing } from '../../src/runtime/server/lib/storage/record-store'
import { withStorageErrors } from '../../src/runtime/server/lib/storage/storage-errors'
import atomicFs from '../../src/runtime/server/storage/atomic-fs.mjs'

// The real file system, with its mkdir counted (the fs driver makes a directory only when a write needs one).
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>()
  return { ...original, mkdir: vi.fn(original.mkdir) }
})

/** The driver, but every write fails as a full disk (or a read-only one) would. */
function failingWrites(driver: Driver, code: string): Driver {
  const fail = async () => {
    throw Object.assign(new Error(`${code}: no space left on device, write '/srv/app/.data/x'`), { code })
  }
  return { ...driver, setItem: fail, setItemRaw: fail }
}

describe('a store that cannot be written', () => {
  it.each(['ENOSPC', 'EACCES', 'EROFS'])('%s: a clear storage_unavailable, and the previous record stays readable', async (code) => {
    const base = await mkdtemp(join(tmpdir(), 'pleo-fs-'))
    const healthy = createRecordStore<{ n: number }>(createStorage({ driver: atomicFs({ base }) }), 'connections')
    await healthy.update('t', () => ({ n: 1 }))

    const broken = withStorageErrors(createRecordStore<{ n: number }>(createStorage({ driver: failingWrites(atomicFs({ base }), code) }), 'connections'), 'connections')
    const error = await broken.update('t', () => ({ n: 2 })).catch(e => e)
    expect(error).toBeInstanceOf(PleoConnectError)
    expect(error.data).toMatchObject({ code: 'storage_unavailable' })
    expect(error.statusCode).toBe(503)
    expect(JSON.stringify(error.data)).not.toContain('/srv/app')
    expect(await broken.read('t')).toEqual({ version: 1, value: { n: 1 } })
  })

  it('the module\'s own refusals pass through unchanged', async () => {
    const store = withStorageErrors(createRecordStore(createStorage(), 'connections'), 'connections')
    const refusal = new PleoConnectError('busy')
    await expect(store.update('t', () => {
      throw refusal
    })).rejects.toBe(refusal)
  })
})

describe('the fs store writes whole files', () => {
  it('a write interrupted before its rename leaves the previous record, and no key for the temporary file', async () => {
    const base = await mkdtemp(join(tmpdir(), 'pleo-fs-'))
    const storage = createStorage({ driver: atomicFs({ base }) })
    const store = createRecordStore<{ n: number }>(storage, 'connections')
    await store.update('tenant', () => ({ n: 1 }))
    // What a server killed in the middle of a write leaves: a half-written temporary file beside the record.
    const [file] = await readdir(join(base, 'connections'))
    await writeFile(join(base, 'connections', `${file}.0a1b2c3d4e5f.tmp`), '{"v":2,"val')
    expect(await store.read('tenant')).toEqual({ version: 1, value: { n: 1 } })
    expect(await store.list()).toEqual(['tenant'])
    // The same files read the same through unstorage's own fs driver.
    expect((await readdir(join(base, 'connections'))).filter(name => !name.endsWith('.tmp'))).toEqual([file])
  })
})

describe('the fs store makes a directory only when a write finds it missing', () => {
  it('the first write makes it, later writes do not, and a directory removed meanwhile is made again', async () => {
    const base = await mkdtemp(join(tmpdir(), 'pleo-fs-'))
    const store = createRecordStore<{ n: number }>(createStorage({ driver: atomicFs({ base }) }), 'connections')
    vi.mocked(mkdir).mockClear()
    await store.update('tenant', () => ({ n: 1 }))
    expect(vi.mocked(mkdir)).toHaveBeenCalledTimes(1)
    await store.update('tenant', () => ({ n: 2 }))
    await store.update('other', () => ({ n: 1 }))
    expect(vi.mocked(mkdir)).toHaveBeenCalledTimes(1)

    await rm(join(base, 'connections'), { recursive: true })
    await store.update('tenant', () => ({ n: 3 }))
    expect(vi.mocked(mkdir)).toHaveBeenCalledTimes(2)
    expect(await store.read('tenant')).toEqual({ version: 1, value: { n: 3 } })
    expect((await readdir(join(base, 'connections'))).filter(name => name.endsWith('.tmp'))).toEqual([])
  })
})

describe('the fs store keeps every file inside its base', () => {
  it('refuses a key with a ".." segment for writes, metadata and listing, and writes nothing outside', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'pleo-fs-'))
    const base = join(parent, 'data')
    await mkdir(base)
    const driver = atomicFs({ base }) as ReturnType<typeof atomicFs> & { getKeyPages: KeyListing }
    for (const key of ['..:escaped', 'connections:..:..:escaped', 'connections/../../escaped', 'a\\..\\escaped']) {
      await expect(driver.setItem!(key, '{}', {})).rejects.toThrow(/should not contain \.\. segments/)
      await expect(driver.getMeta!(key, {})).rejects.toThrow(/should not contain \.\. segments/)
    }
    await expect(driver.getKeyPages('..:', 10).next()).rejects.toThrow(/should not contain \.\. segments/)
    expect(await readdir(parent)).toEqual(['data'])
    expect(await readdir(base)).toEqual([])
    // Names that merely contain two dots are ordinary keys.
    await driver.setItem!('connections:a..b', '{}', {})
    expect(await readdir(join(base, 'connections'))).toEqual(['a..b'])
  })
})
