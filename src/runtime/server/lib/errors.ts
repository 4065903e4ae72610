import { H3Error } from 'h3'
import { ERROR_STATUS, ERROR_TEXT, type PleoErrorCode, type PleoErrorData } from '../../shared/error-codes'
import type { ConnectionProblem } from '../../shared/schemas'

/**
 * The only error the module's code throws on purpose. An H3Error, so a host app's route that lets it through
 * answers with its status and `data`. It never has a `cause`: an ofetch error keeps the request options,
 * Authorization header included, and a host app's error hook could log it.
 */
export class PleoConnectError extends H3Error<PleoErrorData> {
  readonly code: PleoErrorCode
  override readonly data: PleoErrorData

  constructor(code: PleoErrorCode, { statusCode, ...override }: Partial<Omit<PleoErrorData, 'code'>> & { statusCode?: number } = {}) {
    const data: PleoErrorData = { code, ...ERROR_TEXT[code], ...override }
    super(data.message)
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

/** The `{ code, message, action }` shown with a connection; anything unexpected becomes a generic problem. */
export function problemOf(error: unknown): ConnectionProblem {
  const { code, message, action } = isPleoConnectError(error) ? error.data : new PleoConnectError('internal_error').data
  return { code, message, action }
}
