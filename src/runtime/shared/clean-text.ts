// Control, format and line/paragraph separator characters (C0, C1 with U+0085, U+2028, U+2029, bidi and zero-width
// marks): a Unicode line splitter would cut a log record at some of them, and others hide or reorder what is shown.
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu

/** `text` fit for a log line, the audit trail or the page: unsafe characters become one space, at most `max` long. */
export function cleanText(text: string, max = 200): string {
  return text.replace(UNSAFE_CHARACTERS, ' ').trim().slice(0, max)
}
