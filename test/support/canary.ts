import { randomBytes } from 'node:crypto'

/** A fresh random key, so finding it anywhere can only mean a leak. */
export function canaryKey(): string {
  return `canary-${randomBytes(18).toString('base64url')}`
}

/** The forms a leaked key takes: raw, Basic header, base64(url), URL-encoded, JSON-escaped. */
export function keyVariants(key: string): string[] {
  const basic = Buffer.from(`${key}:`).toString('base64')
  return [
    key,
    basic,
    `Basic ${basic}`,
    Buffer.from(key).toString('base64'),
    Buffer.from(key).toString('base64url'),
    encodeURIComponent(key),
    JSON.stringify(key).slice(1, -1),
  ]
}

/** Every 8-character window of the key: catches partial leaks (a hint shows at most 4 characters). */
export function keyWindows(key: string): string[] {
  const windows: string[] = []
  for (let i = 0; i + 8 <= key.length; i++) windows.push(key.slice(i, i + 8))
  return windows
}

/**
 * Which variants of the key occur in the text; an empty list means no leak. Canary keys are random, so every
 * 8-character window of them is searched too; demo keys contain words ("permission") that messages may use.
 */
export function findKeyLeaks(text: string, key: string): string[] {
  const forms = key.startsWith('canary-') ? [...keyVariants(key), ...keyWindows(key)] : keyVariants(key)
  return forms.filter(form => text.includes(form))
}
