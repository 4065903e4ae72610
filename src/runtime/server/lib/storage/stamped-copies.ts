/** Most records a store keeps parsed copies of: a sweep over 100,000 tenants must not keep them all. */
export const STAMPED_COPIES_MAX = 1000

/**
 * Parsed copies of stored values, each valid only under the stamp it was read with: the file's stamp (the
 * module's fs driver, `getMeta`), or on Redis the stored text itself. Bounded, least recently used first out.
 * The values are records as stored: a key is only ever in them sealed.
 */
export function createStampedCopies<T>(max = STAMPED_COPIES_MAX) {
  const copies = new Map<string, { stamp: string, value: T }>()
  return {
    /** The copy read under `stamp`, or `undefined` when there is none or the file has changed since. */
    get(key: string, stamp: string): { value: T } | undefined {
      const copy = copies.get(key)
      if (!copy || copy.stamp !== stamp) return undefined
      copies.delete(key)
      copies.set(key, copy)
      return copy
    },
    set(key: string, stamp: string, value: T) {
      copies.delete(key)
      copies.set(key, { stamp, value })
      if (copies.size > max) copies.delete(copies.keys().next().value!)
    },
    forget(key: string) {
      copies.delete(key)
    },
  }
}

/** Frozen through and through: a copy shared by readers that only look, where a change by mistake fails loudly. */
export function deepFreeze<V>(value: V): V {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  for (const child of Object.values(value)) deepFreeze(child)
  return Object.freeze(value)
}
