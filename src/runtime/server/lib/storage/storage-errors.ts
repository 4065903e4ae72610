import { PleoConnectError } from '../errors'
import { logger } from '../logger'
import { CorruptRecordError, VersionConflictError } from './record-store'

/**
 * The same object, whose async methods answer a failure of the store itself (Redis down or restarting, a disk that
 * is full or not writable) as `storage_unavailable`: a clear 503 that loses nothing, since nothing was written.
 * The module's own errors (a refused change, a version conflict, a corrupt record) pass through as they are.
 */
export function withStorageErrors<T extends object>(target: T, what: string): T {
  return new Proxy(target, {
    get(object, name, receiver) {
      const value = Reflect.get(object, name, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        const result = value.apply(object, args)
        if (isAsyncGenerator(result)) return pagesWithStorageErrors(result, what)
        if (!(result instanceof Promise)) return result
        return result.catch((error: unknown) => {
          throw asStorageError(error, what)
        })
      }
    },
  })
}

function isAsyncGenerator(value: unknown): value is AsyncGenerator<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value && typeof (value as AsyncGenerator).next === 'function'
}

async function* pagesWithStorageErrors<T>(pages: AsyncGenerator<T>, what: string): AsyncGenerator<T> {
  try {
    yield* pages
  }
  catch (error) {
    throw asStorageError(error, what)
  }
}

function asStorageError(error: unknown, what: string): unknown {
  if (error instanceof PleoConnectError || error instanceof VersionConflictError || error instanceof CorruptRecordError) return error
  // The error's name and code say what happened (ENOSPC, EACCES, ECONNREFUSED); its message could hold a path.
  const code = (error as { code?: unknown } | null)?.code
  logger.error(`the ${what} store failed (${error instanceof Error ? error.name : typeof error}${typeof code === 'string' ? ` ${code}` : ''})`)
  return new PleoConnectError('storage_unavailable')
}
