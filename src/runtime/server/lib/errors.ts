import { H3Error } from 'h3'
import { useRuntimeConfig } from 'nitropack/runtime'
import { ERROR_STATUS, type PleoErrorCode, type PleoErrorData } from '../../shared/error-codes'
import { errorWords } from '../../shared/i18n/catalogue'
import { en } from '../../shared/i18n/en'
import type { ConnectionProblem, KeyType } from '../../shared/schemas'

export type PleoErrorDetails = Partial<Omit<PleoErrorData, 'code' | 'message' | 'action'>> & {
  /** Another HTTP status than the code's own (e.g. 413 or 415 for `invalid_request`). */
  statusCode?: number
  /** Values for placeholders of the words that are not fields of `data` (never a key). */
  params?: Record<string, string | number>
  /** Where `hint` is added for developers: to what failed (`message`, the default) or to what to do (`action`). */
  hintIn?: 'message' | 'action'
}

/**
 * The only error the module's code throws on purpose. An H3Error, so a host app's route that lets it through
 * answers with its status and `data`. Its words come from the English catalogue, by code, variant and this server's
 * key type. It never has a `cause`: an ofetch error keeps the request options, Authorization header included, and
 * a host app's error hook could log it.
 */
export class PleoConnectError extends H3Error<PleoErrorData> {
  readonly code: PleoErrorCode
  override readonly data: PleoErrorData

  constructor(code: PleoErrorCode, { statusCode, params, hintIn = 'message', ...details }: PleoErrorDetails = {}) {
    const words = errorWords(en.errors, { code, variant: details.variant, keyType: keyTypeOfThisServer(), params: { ...details, ...params } as Record<string, string | number> })
    const withHint = (text: string, place: 'message' | 'action') => details.hint && hintIn === place ? `${text} ${details.hint}` : text
    const message = withHint(words.message, 'message')
    const data: PleoErrorData = { code, ...details, message, action: withHint(words.action, 'action') }
    super(message)
    this.name = 'PleoConnectError'
    this.code = code
    this.statusCode = statusCode ?? ERROR_STATUS[code]
    this.statusMessage = code
    this.data = data
  }
}

export function isPleoConnectError(error: unknown): error is PleoConnectError {
  return error instanceof PleoConnectError
}

/** The `{ code, variant?, message, action }` shown with a connection; anything unexpected becomes a generic problem. */
export function problemOf(error: unknown): ConnectionProblem {
  const { code, variant, message, action, operation, missingScopes } = isPleoConnectError(error) ? error.data : new PleoConnectError('internal_error').data
  return { code, ...variant && { variant }, message, action, ...operation && { operation }, ...missingScopes?.length && { missingScopes: [...missingScopes] } }
}

function keyTypeOfThisServer(): KeyType {
  const config = useRuntimeConfig().pleoConnect as { keyType?: unknown } | undefined
  return config?.keyType === 'integrated' ? 'integrated' : 'standalone'
}
