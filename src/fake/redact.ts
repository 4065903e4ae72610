import type { IncomingHttpHeaders } from 'node:http'
import { decodeBase64 } from './auth'
import { keyHint } from './table'

const REDACTED = '[redacted]'
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization'])

/** Request headers for the record, with credentials replaced. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    out[name] = CREDENTIAL_HEADERS.has(name) ? REDACTED : Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

/** Every form in which a submitted credential could show up: the header, its token, the decoded key. */
export function credentialForms(authorization: string | undefined): string[] {
  const header = authorization?.trim()
  if (!header) return []
  const token = header.slice(header.indexOf(' ') + 1).trim()
  const decoded = decodeBase64(token)
  const key = decoded?.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded
  return [header, token, ...(key ? [key] : [])]
}

/** Removes every occurrence of the secrets (raw, URL-encoded, and as a Basic token) from a text. */
export function scrub(text: string, secrets: Iterable<string>): string {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (!secret) continue
    forms.add(secret)
    forms.add(encodeURIComponent(secret))
    forms.add(Buffer.from(`${secret}:`).toString('base64'))
  }
  let out = text
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED)
  return out
}

/** A control-route body with every `key` field reduced to a hint. */
export function redactKeyFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactKeyFields)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([name, field]) =>
    [name, name === 'key' && typeof field === 'string' ? keyHint(field) : redactKeyFields(field)]))
}
