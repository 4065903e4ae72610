export interface ResourceUrn {
  type: string
  id: string
}

/** `urn:pleo:company:<uuid>` → `{ type: 'company', id }`. The organisation spelling is unconfirmed, so types stay generic. */
export function parseResourceUrn(urn: unknown): ResourceUrn | undefined {
  if (typeof urn !== 'string') return undefined
  const match = /^urn:pleo:([a-z_-]+):([\w-]+)$/i.exec(urn.trim())
  if (!match) return undefined
  return { type: match[1]!.toLowerCase(), id: match[2]! }
}

export function isCompanyUrn(resource: ResourceUrn | undefined): boolean {
  return resource?.type === 'company'
}
