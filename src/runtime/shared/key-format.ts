// A generic pre-check: Pleo documents no prefix, length or alphabet for API keys (pleo-api.md, "Key facts").
// Each problem is a variant of `key_malformed`, with its words in the catalogues. The field and the server read a
// pasted key with the same functions: the field may recover the key from what came with it (and says what it
// removed); the server only says what is wrong, it never changes a key it receives beyond surrounding whitespace.
import { UUID_PATTERN } from './patterns'

export const API_KEY_MIN_LENGTH = 16
export const API_KEY_MAX_LENGTH = 512

export type KeyFormatProblem
  = | 'empty' | 'too_short' | 'too_long' | 'inner_whitespace' | 'invisible_characters' | 'url' | 'authorization_header'
    | 'env_line' | 'quoted' | 'company_id'

/** What the field removed from a paste to get the key, each said to the admin ("Removed the surrounding quotes"). */
export type KeyCleanup = 'quotes' | 'env_line' | 'authorization_header' | 'invisible_characters' | 'line_breaks'

export interface PastedKey {
  /** The key as recovered (or, when it cannot be, the pasted text with only its surrounding whitespace removed). */
  key: string
  /** What was removed, in the order it was found. */
  removed: KeyCleanup[]
  /** Why `key` is still not a key, if it is not. */
  problem?: KeyFormatProblem
}

// Zero-width spaces and joiners, the word joiner, the byte-order mark and the soft hyphen: never part of a key,
// often brought along by chat apps and rich-text copies.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g
const AUTHORIZATION = /^(?:authorization\s*:\s*)?(basic|bearer)\s+(\S+)$/i
// `PLEO_API_KEY=…`, `export PLEO_API_KEY="…"`, `PLEO_API_KEY: …`: a SCREAMING_SNAKE_CASE name with an underscore,
// which no key plausibly starts with.
const ENV_LINE = /^(?:export\s+)?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\s*[=:]\s*(\S.*)$/
const QUOTED = /^(["'`])([\s\S]+)\1$/
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i

/** Paste often brings surrounding spaces and line breaks; they are never part of a key. */
export function normaliseApiKey(input: string): string {
  return input.trim()
}

/** What is wrong with a key as received, or `undefined` when it may be one. */
export function checkApiKeyFormat(key: string): KeyFormatProblem | undefined {
  if (key.length === 0) return 'empty'
  if (/^(?:authorization\s*:\s*)?(?:basic|bearer)\s/i.test(key)) return 'authorization_header'
  if (ENV_LINE.test(key)) return 'env_line'
  if (QUOTED.test(key)) return 'quoted'
  if (/\s/.test(key)) return 'inner_whitespace'
  if (/[^\x21-\x7E]/.test(key)) return 'invisible_characters'
  if (URL_LIKE.test(key)) return 'url'
  if (UUID_PATTERN.test(key)) return 'company_id'
  if (key.length < API_KEY_MIN_LENGTH) return 'too_short'
  if (key.length > API_KEY_MAX_LENGTH) return 'too_long'
  return undefined
}

/**
 * Reads what an admin pasted: a key with quotes around it, a whole `Authorization` header, an `.env` line,
 * zero-width characters or the line breaks of a wrapped copy give the key back, with what was removed; anything
 * else that is not a key keeps its problem (a URL, a company id, two words, a Basic header of two parts).
 */
export function readPastedKey(pasted: string): PastedKey {
  const removed: KeyCleanup[] = []
  const note = (cleanup: KeyCleanup) => removed.includes(cleanup) || removed.push(cleanup)
  let key = pasted.trim()

  const visible = key.replace(ZERO_WIDTH, '')
  if (visible !== key) {
    note('invisible_characters')
    key = visible.trim()
  }
  // Wrappers can nest (`export PLEO_API_KEY="…"`, `"Bearer …"`): peel them one at a time, outermost first.
  for (let round = 0; round < 4; round++) {
    const unwrapped = unwrapOnce(key)
    if (!unwrapped) break
    note(unwrapped.cleanup)
    key = unwrapped.key.trim()
  }
  const lines = key.split(/\s*[\r\n]\s*/)
  if (lines.length > 1 && lines.every(line => !/\s/.test(line))) {
    note('line_breaks')
    key = lines.join('')
  }
  return { key, removed, problem: checkApiKeyFormat(key) }
}

function unwrapOnce(text: string): { key: string, cleanup: KeyCleanup } | undefined {
  const quoted = QUOTED.exec(text)
  if (quoted) return { key: quoted[2]!, cleanup: 'quotes' }
  const env = ENV_LINE.exec(text)
  if (env) return { key: env[1]!, cleanup: 'env_line' }
  const header = AUTHORIZATION.exec(text)
  if (!header) return undefined
  const credential = header[1]!.toLowerCase() === 'bearer' ? header[2]! : keyOfBasicCredential(header[2]!)
  return credential ? { key: credential, cleanup: 'authorization_header' } : undefined
}

/** `Basic base64(user:password)` holds the key as one of the two with the other empty; two of them is a guess. */
function keyOfBasicCredential(encoded: string): string | undefined {
  let decoded: string
  try {
    decoded = atob(encoded)
  }
  catch {
    return undefined
  }
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)]
  if (user && !password) return user
  if (password && !user) return password
  return undefined
}
