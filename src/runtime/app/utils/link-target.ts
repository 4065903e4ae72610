/** Only web addresses and paths of this site: a configured `javascript:` or `data:` URL must never become a link. */
export function safeLinkTarget(target: string): string | undefined {
  if (target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\')) return target
  try {
    const url = new URL(target)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined
  }
  catch {
    return undefined
  }
}
