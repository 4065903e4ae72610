// A generic pre-check: Pleo documents no prefix, length or alphabet for API keys (pleo-api.md, "Key facts").

export const API_KEY_MIN_LENGTH = 16
export const API_KEY_MAX_LENGTH = 512

export type KeyFormatProblem = 'empty' | 'too_short' | 'too_long' | 'whitespace' | 'not_printable' | 'url' | 'auth_header'

/** Paste often brings surrounding spaces and line breaks; inner ones are never part of a key. */
export function normaliseApiKey(input: string): string {
  return input.trim()
}

export function checkApiKeyFormat(key: string): KeyFormatProblem | undefined {
  if (key.length === 0) return 'empty'
  if (/^(?:basic|bearer)\s/i.test(key)) return 'auth_header'
  if (/\s/.test(key)) return 'whitespace'

  if (/[^\x21-\x7E]/.test(key)) return 'not_printable'
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(key)) return 'url'
  if (key.length < API_KEY_MIN_LENGTH) return 'too_short'
  if (key.length > API_KEY_MAX_LENGTH) return 'too_long'
  return undefined
}

export const KEY_FORMAT_TEXT: Record<KeyFormatProblem, string> = {
  empty: 'Paste your Pleo API Key.',
  too_short: 'This key is too short to be a Pleo API Key. Copy the whole key from Pleo.',
  too_long: 'This is too long to be a Pleo API Key. Copy only the key.',
  whitespace: 'The key contains spaces or line breaks. Copy the key again, without extra text.',
  not_printable: 'The key contains characters a Pleo API Key cannot have. Copy it again from Pleo.',
  url: 'This is a web address, not an API Key. Copy the key itself from Pleo.',
  auth_header: 'Paste only the key, without "Basic" or "Bearer" in front of it.',
}
