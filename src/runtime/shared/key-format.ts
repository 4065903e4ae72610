// A generic pre-check: Pleo documents no prefix, length or alphabet for API keys (pleo-api.md, "Key facts").
// Each problem is a variant of `key_malformed`, with its words in the catalogues.

export const API_KEY_MIN_LENGTH = 16
export const API_KEY_MAX_LENGTH = 512

export type KeyFormatProblem = 'empty' | 'too_short' | 'too_long' | 'inner_whitespace' | 'invisible_characters' | 'url' | 'authorization_header'

/** Paste often brings surrounding spaces and line breaks; inner ones are never part of a key. */
export function normaliseApiKey(input: string): string {
  return input.trim()
}

export function checkApiKeyFormat(key: string): KeyFormatProblem | undefined {
  if (key.length === 0) return 'empty'
  if (/^(?:basic|bearer)\s/i.test(key)) return 'authorization_header'
  if (/\s/.test(key)) return 'inner_whitespace'
  if (/[^\x21-\x7E]/.test(key)) return 'invisible_characters'
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(key)) return 'url'
  if (key.length < API_KEY_MIN_LENGTH) return 'too_short'
  if (key.length > API_KEY_MAX_LENGTH) return 'too_long'
  return undefined
}
