import { getRequestHeader, type H3Event } from 'h3'
import type { z } from 'zod'
import { PleoConnectError } from './errors'

/**
 * Reads a JSON body, counting the bytes actually received: h3 has no size cap, and `Content-Length` alone is
 * bypassed by chunked uploads. Then validates it with zod. Error messages never quote the body (it holds a key).
 */
export async function readLimitedJson<S extends z.ZodType>(event: H3Event, schema: S, limit: number): Promise<z.infer<S>> {
  const declared = Number(getRequestHeader(event, 'content-length'))
  if (declared > limit) throw tooLarge(limit)

  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of event.node.req as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buffer.byteLength
    if (size > limit) {
      event.node.req.destroy()
      throw tooLarge(limit)
    }
    chunks.push(buffer)
  }

  let json: unknown
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  }
  catch {
    throw new PleoConnectError('invalid_request', { message: 'The request body is not valid JSON.' })
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const field = issue.path.map(String).join('.') || 'body'
    // zod names the rule, never the value; unknown field names are left out too (they are user input).
    const rule = issue.code === 'unrecognized_keys' ? 'it has fields this route does not accept' : issue.message
    throw new PleoConnectError(field === 'apiKey' ? 'key_malformed' : 'invalid_request', {
      message: `Invalid ${field}: ${rule.replace(/\.$/, '')}.`,
    })
  }
  return parsed.data
}

function tooLarge(limit: number) {
  return new PleoConnectError('invalid_request', {
    statusCode: 413,
    message: `The request is larger than ${limit} bytes.`,
    action: 'Send only the API Key and its options.',
  })
}
