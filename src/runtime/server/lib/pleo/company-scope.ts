import { PleoConnectError } from '../errors'
import { UUID_PATTERN } from '../../../shared/patterns'

// A connection is for one company: the app's own calls through `usePleoClient` stay inside it (Pleo's accounting
// calls take exactly one `company_id`, and an organisation key pinned to one company must not act on another).

const COMPANY_FIELDS = ['company_id', 'companyId'] as const
/** Calls that take no company: the key's own introspection, and the companies API (addressed by path). */
const UNSCOPED_PATH = /^\/v\d+\/(?:introspect$|companies(?:\/|$))/

export interface PleoCall {
  path: string
  query?: Record<string, string | undefined>
  body?: Record<string, unknown>
}

/**
 * Refuses, before anything is sent, a call that names another company (in the path, the query or the body), and
 * adds the connected `company_id` to the query of a call that names none.
 */
export function scopeToCompany(call: PleoCall, companyId: string): PleoCall {
  const named = [
    ...call.path.split('/').filter((segment, index, segments) => segments[index - 1] === 'companies' && UUID_PATTERN.test(segment)),
    ...COMPANY_FIELDS.flatMap(field => [call.query?.[field], call.body?.[field]]),
  ].filter((value): value is string => typeof value === 'string')
  const other = named.find(value => value.toLowerCase() !== companyId.toLowerCase())
  if (other !== undefined) {
    throw new PleoConnectError('forbidden', { variant: 'other_company', companyId: UUID_PATTERN.test(other) ? other : 'another company', connectedCompanyId: companyId })
  }
  const pathOnly = call.path.split('?')[0]!
  if (UNSCOPED_PATH.test(pathOnly) || COMPANY_FIELDS.some(field => call.query?.[field] !== undefined)) return call
  return { ...call, query: { ...call.query, company_id: companyId } }
}

/** `GET /v1/expenses/{id}`: the method and the path with ids left out, so that it can be shown, logged and counted. */
export function operationOf(method: string, path: string): string {
  const template = path.split('?')[0]!.split('/').map(segment => isId(segment) ? '{id}' : segment).join('/')
  return `${method} ${template.replace(/[^\w/{}.:-]/g, '').slice(0, 120)}`
}

function isId(segment: string): boolean {
  return UUID_PATTERN.test(segment) || /^\d+$/.test(segment) || (segment.length >= 16 && /\d/.test(segment))
}
