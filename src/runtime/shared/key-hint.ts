const MASK = '••••'

/**
 * The only trace of a key that is ever shown: at most its last 4 characters, and fewer for short keys,
 * so that the hint never reveals more than a quarter of the key.
 */
export function keyHint(key: string): string {
  const visible = Math.min(4, Math.floor(key.length / 4))
  return visible > 0 ? MASK + key.slice(-visible) : MASK
}
