/**
 * What the browser keeps of a server answer, described rather than written out field by field (the pickers load
 * with every page of the host app, so their size counts):
 * - `'string'`, `'number'`: a value of that type;
 * - a RegExp: a string it matches; a Set: one of its strings;
 * - `[shape]`: an array, of the entries that fit (the others are dropped);
 * - an object: the fields named, each fitting its shape; a name ending in `?` is optional (dropped when it does not
 *   fit), any other field that does not fit drops the whole object. Fields not named are never copied;
 * - a function: returns the value to keep, or `undefined`.
 */
export type Shape
  = | 'string'
    | 'number'
    | RegExp
    | ReadonlySet<string>
    | readonly [Shape]
    | { readonly [field: string]: Shape }
    | ((value: unknown) => unknown)

/** A string with at least one character. */
export const SOME_TEXT = /./su

/** The part of `value` that fits `shape`, or `undefined` when it does not fit. */
export function pickShape(value: unknown, shape: Shape): unknown {
  if (typeof shape === 'function') return shape(value)
  if (typeof shape === 'string') return typeof value === shape ? value : undefined
  if (shape instanceof RegExp) return typeof value === 'string' && shape.test(value) ? value : undefined
  if (shape instanceof Set) return shape.has(value as string) ? value : undefined
  if (Array.isArray(shape)) return Array.isArray(value) ? value.map(entry => pickShape(entry, shape[0])).filter(entry => entry !== undefined) : undefined
  if (!value || typeof value !== 'object') return undefined
  const picked: Record<string, unknown> = {}
  for (const [field, fieldShape] of Object.entries(shape)) {
    const name = field.replace(/\?$/, '')
    const fitted = pickShape((value as Record<string, unknown>)[name], fieldShape)
    if (fitted !== undefined) picked[name] = fitted
    else if (name === field) return undefined
  }
  return picked
}
