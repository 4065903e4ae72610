import { getRequestHeader, type H3Event } from 'h3'
import type { z } from 'zod'
import { PleoConnectError } from '../errors'

/**
 * Reads a JSON body, counting the bytes actually received: h3 has no size cap, and `Content-Length` alone is
 * bypassed by chunked uploads. Then validates it with zod. Error messages never quote the body (it holds a key).
 */
export async function readLimitedJson<S extends z.ZodType>(event: H3Event, schema: S, limit: number): Promise<z.infer<S>> {
  const body = await readLimitedBytes(event, limit)

  let json: unknown
  try {
    json = JSON.parse(body.toString('utf8'))
  }
  catch {
    throw new PleoConnectError('invalid_request', { variant: 'not_json' })
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const field = issue.path.map(String).join('.') || 'body'
    // zod names the rule, never the value; unknown field names are left out too (they are user input).
    const rule = issue.code === 'unrecognized_keys' ? 'It has fields this route does not accept' : issue.message
    if (field === 'apiKey') throw new PleoConnectError('key_malformed', issue.code === 'too_big' ? { variant: 'too_long' } : {})
    throw new PleoConnectError('invalid_request', { variant: 'invalid_field', field, hint: `${rule.replace(/\.$/, '')}.` })
  }
  return parsed.data
}

/** Routes that take no body refuse one: a client sending data there is confused, and nothing may act on it. */
export async function assertNoBody(event: H3Event, limit: number) {
  const body = await readLimitedBytes(event, limit)
  if (body.toString('utf8').trim()) throw new PleoConnectError('invalid_request', { variant: 'no_body_expected' })
}

/** How much of an oversize body is read and dropped so that the client gets its 413, before the connection is cut. */
const DISCARD_LIMIT = 32 * 1024 * 1024

/**
 * The body, or `invalid_request` (413) once more than `limit` bytes arrived. The 413 is sent when the client has
 * finished sending: the rest is read and dropped, never buffered, because answering earlier lets the server close
 * the socket (`Connection: close`) while data is still coming, and the client then sees a reset instead of the 413.
 * A body that does not end is cut off after DISCARD_LIMIT bytes.
 */
function readLimitedBytes(event: H3Event, limit: number): Promise<Buffer> {
  const req = event.node.req
  const refuse = () => new Promise<never>((_resolve, reject) => {
    req.removeAllListeners('data')
    req.removeAllListeners('end')
    const answer = () => reject(tooLarge(limit))
    let discarded = 0
    req.on('data', (chunk: Buffer | string) => {
      discarded += chunk.length
      if (discarded <= DISCARD_LIMIT) return
      req.removeAllListeners('data')
      answer()
      req.destroy()
    })
    req.once('end', answer)
    req.once('error', answer)
    req.resume()
  })
  if (Number(getRequestHeader(event, 'content-length')) > limit) return refuse()
  // No body announced (no length, not chunked), or one already read by someone else: nothing to wait for.
  const announced = Number(getRequestHeader(event, 'content-length')) > 0 || getRequestHeader(event, 'transfer-encoding') !== undefined
  if (!announced || req.readableEnded) return Promise.resolve(Buffer.alloc(0))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += buffer.byteLength
      if (size > limit) return void refuse().catch(reject)
      chunks.push(buffer)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', () => reject(new PleoConnectError('invalid_request', { variant: 'unreadable_body' })))
  })
}

function tooLarge(limit: number) {
  return new PleoConnectError('invalid_request', { statusCode: 413, variant: 'too_large', limit })
}
