/** A response text as JSON, or `undefined` when it is empty or not JSON (tests look at both). */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  }
  catch {
    return undefined
  }
}
