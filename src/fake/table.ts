import type { FakeKey } from './types'

export interface FakeKeyRow {
  key: string
  case: string
  env: FakeKey['env']
  kind: FakeKey['kind']
  what: string
}

/** '••••' and the last four characters: enough to tell keys apart, never enough to use one. */
export function keyHint(key: string): string {
  return `••••${key.slice(-4)}`
}

/** What a client sees when it connects with the key, in a few words. */
export function describeKey(key: FakeKey, now = Date.now()): string {
  if (key.revoked) return '401: the key was revoked'
  if (key.expiresAt && Date.parse(key.expiresAt) < now) return '401: the key has expired'
  const where = key.env === 'staging' ? 'works on /staging only (401 on production)' : ''
  const what = describeBehaviour(key)
  return where ? `${what}; ${where}` : what
}

function describeBehaviour(key: FakeKey): string {
  if (key.forceStatus === 403) return '403 on every call: the key lacks permission'
  if (key.forceStatus === 429) return '429 with Retry-After on every call'
  if (key.forceStatus) return `${key.forceStatus} on every call`
  const parts: string[] = []
  if (key.subject.type === 'organization') {
    parts.push(`organisation key: pick one of ${key.subject.companyIds.length} companies with ?company_id=`)
  }
  const seeded = key.existingInstallation
  if (key.notEntitled) parts.push('activation leaves the installation INACTIVE (NOT_ENTITLED)')
  else if (seeded) parts.push(`installation ${seeded.status}${seeded.errorCode ? ` (${seeded.errorCode})` : ''}, activates on PUT ACTIVATED`)
  else if (key.subject.type === 'company') parts.push('no installation yet, POST creates it ACTIVATED')
  if (!key.scopes.includes('companies:read')) parts.push('company lookup answers 403')
  if (key.latencyMs) parts.push(`every call takes ${key.latencyMs} ms`)
  if (key.rateLimitPerMinute) parts.push(`429 above ${key.rateLimitPerMinute} calls a minute`)
  return parts.join('; ')
}

/** Rows of the key table; keys outside `shown` appear as a hint only. */
export function keyTable(keys: FakeKey[], shown: ReadonlySet<string>, now = Date.now()): FakeKeyRow[] {
  return keys.map(key => ({
    key: shown.has(key.key) ? key.key : keyHint(key.key),
    case: key.case,
    env: key.env,
    kind: key.kind,
    what: describeKey(key, now),
  }))
}
