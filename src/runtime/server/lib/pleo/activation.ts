import { cleanText } from '../../../shared/clean-text'
import type { ValidationStep } from '../../../shared/error-codes'
import { PleoConnectError } from '../errors'
import type { PleoClient } from './http-client'
import { errorForPleoStatus } from './status-map'
import { isCompanyUrn, parseResourceUrn } from './resource-urn'
import { SCOPE_NAME_PATTERN } from '../../../shared/patterns'

/** The subset of Pleo's InstallationResponse the module relies on. */
interface Installation {
  id: string
  resource: string
  status: string
  errorCode?: string
}

export interface ActivationResult {
  company: { id: string, name?: string }
  installation: { id: string, status: string }
  /** The key covers an organisation and was pinned to `company.id`: later installation calls need `company_id`. */
  organisationKey: boolean
  /** The key's scopes as Pleo's introspection lists them; `undefined` when it could not be read. */
  scopes?: string[]
}

export interface ActivationInput {
  /** Picks one company of an organisation-level key. */
  companyId?: string
  /** Non-secret metadata stored on the installation (never the key). */
  metadata?: Record<string, string>
  /** Called with the key's company as soon as it is known, before anything is written in Pleo; may throw to stop. */
  checkCompany?: (companyId: string) => void | Promise<void>
  /** Scopes the app needs: a key whose introspection lacks one is refused (`key_lacks_permission`, `missing_scopes`). */
  requiredScopes?: string[]
  /** Told when each step starts (the connection view shows it while the key is checked). */
  onStep?: (step: ValidationStep) => void | Promise<void>
}

/**
 * Pleo's API-key flow: check that the key authenticates (the test call), learn its company and let the caller
 * refuse it, and only then make sure the installation exists and is ACTIVATED. Nothing is written in Pleo for a key
 * whose company is refused. Nothing here stores anything: a throw means "not active", and carries the step
 * (`data.step`) the key stopped at.
 */
export async function activateInstallation(pleo: PleoClient, input: ActivationInput): Promise<ActivationResult> {
  let step: ValidationStep = 'checking_key'
  const enter = async (next: ValidationStep) => {
    step = next
    await input.onStep?.(next)
  }
  try {
    await enter('checking_key')
    // The installation read does not wait for the key check: both are GETs, so a refused key costs one read
    // more and an accepted one a round trip less. A picked company means an organisation key (the picker only
    // follows one), so the read is pinned to it; a company key's subject corrects that guess with a second read.
    const guessedQuery = input.companyId ? { company_id: input.companyId } : undefined
    const earlyRead = settled(readInstallation(pleo, guessedQuery))
    const { subject, scopes } = await readIntrospection(pleo)
    assertRequiredScopes(scopes, input.requiredScopes)
    const subjectCompanyId = subject && isCompanyUrn(subject) ? subject.id : undefined
    if (subjectCompanyId && input.companyId) assertSameCompany(subjectCompanyId, input.companyId)
    if (subject && !subjectCompanyId && !input.companyId) throw await organisationNeedsCompany(pleo, subject.id)
    // Only an organisation key (or one whose subject Pleo did not tell) is pinned to the picked company.
    const pinnedCompanyId = subjectCompanyId ? undefined : input.companyId
    const query = pinnedCompanyId ? { company_id: pinnedCompanyId } : undefined
    let installation = query?.company_id === guessedQuery?.company_id ? await earlyRead() : await readInstallation(pleo, query)
    if (installation && !isCompanyUrn(parseResourceUrn(installation.resource)) && !input.companyId) {
      throw await organisationNeedsCompany(pleo, parseResourceUrn(installation.resource)?.id)
    }

    await enter('confirming_company')
    let companyId = subjectCompanyId ?? (installation ? companyOf(installation, input.companyId) : pinnedCompanyId)
    if (companyId) await input.checkCompany?.(companyId)
    // The name is a courtesy read: it runs beside the activation, as soon as the company is known.
    let name = companyId ? readCompanyName(pleo, companyId) : undefined

    await enter('activating')
    if (installation?.errorCode === 'NOT_ENTITLED') throw new PleoConnectError('installation_not_entitled')
    if (!installation && !companyId) {
      // Neither the test call nor an installation told the company: create the installation without activating
      // it, read the company from it, and let the caller refuse it before anything is activated.
      installation = await writeInstallation(pleo, 'POST', query, 'PENDING_INTEGRATION', input.metadata)
      await enter('confirming_company')
      try {
        const resource = parseResourceUrn(installation.resource)
        if (!isCompanyUrn(resource) && !input.companyId) throw await organisationNeedsCompany(pleo, resource?.id)
        companyId = companyOf(installation, input.companyId)
        await input.checkCompany?.(companyId)
      }
      catch (refusal) {
        // The installation was made for this attempt only: leave the company's Pleo as it was.
        await pleo.request('DELETE', '/v1/installations/me', { query }).catch(() => undefined)
        throw refusal
      }
      name = readCompanyName(pleo, companyId)
      await enter('activating')
    }
    if (!installation) installation = await writeInstallation(pleo, 'POST', query, 'ACTIVATED', input.metadata)
    else if (installation.status !== 'ACTIVATED') installation = await writeInstallation(pleo, 'PUT', query, 'ACTIVATED', input.metadata)
    if (installation.status !== 'ACTIVATED') {
      if (installation.errorCode === 'NOT_ENTITLED') throw new PleoConnectError('installation_not_entitled')
      // Pleo kept the installation inactive without saying why: the admin has to take it up with Pleo.
      const status = installation.status.replace(/[^A-Z_]/g, '').slice(0, 40) || 'unknown'
      throw new PleoConnectError('installation_not_entitled', { variant: 'kept_inactive', params: { status } })
    }
    if (companyOf(installation, input.companyId).toLowerCase() !== companyId!.toLowerCase()) unexpectedAnswer()

    const companyName = await name
    return {
      company: companyName ? { id: companyId!, name: companyName } : { id: companyId! },
      installation: { id: installation.id, status: installation.status },
      organisationKey: Boolean(pinnedCompanyId),
      ...scopes && { scopes },
    }
  }
  catch (error) {
    if (error instanceof PleoConnectError) error.data.step ??= step
    throw error
  }
}

/**
 * `work` started now, its outcome taken later: a rejection no one takes (the key check failed first) is not left
 * unhandled, and one that is taken throws then, as if awaited in place.
 */
function settled<T>(work: Promise<T>): () => Promise<T> {
  const outcome = work.then(value => ({ value }), (error: unknown) => ({ error }))
  return async () => {
    const result = await outcome
    if ('error' in result) throw result.error
    return result.value
  }
}

/** The key's installation (`GET /v1/installations/me`), or `undefined` when Pleo has none yet (404). */
async function readInstallation(pleo: PleoClient, query: Record<string, string> | undefined): Promise<Installation | undefined> {
  const existing = await pleo.request<Installation>('GET', '/v1/installations/me', { query })
  if (existing.status === 404) return undefined
  if (existing.status !== 200) throw errorForPleoStatus(existing.status, { retryAfter: existing.retryAfter })
  return asInstallation(existing.data) ?? unexpectedAnswer()
}

/** Creates (POST) or updates (PUT) the installation with a status. Never retried: the client retries GETs only. */
async function writeInstallation(pleo: PleoClient, method: 'POST' | 'PUT', query: Record<string, string> | undefined, status: string, metadata: Record<string, string> = {}): Promise<Installation> {
  return asInstallation(await pleo.expectOk(method, '/v1/installations/me', { query, body: { status, metadata } })) ?? unexpectedAnswer()
}

/** The company of an activated installation; an organisation installation takes the admin's pick. */
function companyOf(installation: Installation, pickedCompanyId: string | undefined): string {
  const resource = parseResourceUrn(installation.resource)
  if (resource && isCompanyUrn(resource)) {
    if (pickedCompanyId) assertSameCompany(resource.id, pickedCompanyId)
    return resource.id
  }
  if (pickedCompanyId) return pickedCompanyId
  throw new PleoConnectError('pleo_unavailable', { variant: 'no_company' })
}

function assertSameCompany(keyCompanyId: string, pickedCompanyId: string) {
  if (keyCompanyId.toLowerCase() === pickedCompanyId.toLowerCase()) return
  throw new PleoConnectError('key_other_company', { variant: 'picked_other', companyId: keyCompanyId })
}

/**
 * `/v1/introspect` tells company from organisation keys before anything is created, and lists the key's scopes;
 * it is optional: without it the subject and the scopes are unknown and the flow goes on as before.
 */
async function readIntrospection(pleo: PleoClient) {
  const response = await pleo.request<{ data?: { subjectURN?: string, scope?: unknown } }>('GET', '/v1/introspect')
  if (response.status === 401 || response.status === 429 || response.status >= 500) {
    throw errorForPleoStatus(response.status, { retryAfter: response.retryAfter })
  }
  if (response.status !== 200) return { subject: undefined, scopes: undefined }
  const scope = response.data?.data?.scope
  return {
    subject: parseResourceUrn(response.data?.data?.subjectURN),
    scopes: typeof scope === 'string' ? [...new Set(scope.split(/\s+/).filter(name => SCOPE_NAME_PATTERN.test(name)))].sort() : undefined,
  }
}

/** Refuses a key that lacks a scope the app needs, naming them; unknown scopes (no introspection) pass. */
function assertRequiredScopes(scopes: string[] | undefined, required: string[] | undefined) {
  if (!scopes || !required?.length) return
  const missingScopes = required.filter(scope => !scopes.includes(scope))
  if (missingScopes.length) {
    throw new PleoConnectError('key_lacks_permission', { variant: 'missing_scopes', missingScopes, params: { scopes: missingScopes.join(', ') } })
  }
}

async function readCompanyName(pleo: PleoClient, companyId: string): Promise<string | undefined> {
  try {
    const response = await pleo.request<{ data?: { name?: unknown } }>('GET', `/v1/companies/${encodeURIComponent(companyId)}`)
    const name = response.status === 200 ? response.data?.data?.name : undefined
    return typeof name === 'string' && cleanText(name) ? cleanText(name) : undefined
  }
  catch {
    // The name is a courtesy: the company id alone satisfies the confirmation.
    return undefined
  }
}

async function organisationNeedsCompany(pleo: PleoClient, organisationId: string | undefined): Promise<PleoConnectError> {
  const companies = organisationId ? await listOrganisationCompanies(pleo, organisationId) : []
  return new PleoConnectError('organisation_key_needs_company', companies.length ? { companies } : {})
}

async function listOrganisationCompanies(pleo: PleoClient, organisationId: string) {
  try {
    const response = await pleo.request<{ data?: Array<{ id?: unknown, name?: unknown }> }>('GET', '/v1/companies', { query: { organization_id: organisationId } })
    if (response.status !== 200 || !Array.isArray(response.data?.data)) return []
    return response.data.data
      .filter(company => typeof company.id === 'string')
      .slice(0, 100)
      .map(company => typeof company.name === 'string' && cleanText(company.name) ? { id: company.id as string, name: cleanText(company.name) } : { id: company.id as string })
  }
  catch {
    return []
  }
}

function unexpectedAnswer(): never {
  throw new PleoConnectError('pleo_unavailable', { variant: 'unexpected' })
}

function asInstallation(data: unknown): Installation | undefined {
  if (!data || typeof data !== 'object') return undefined
  const { id, resource, status, errorCode } = data as Record<string, unknown>
  if (typeof id !== 'string' || typeof resource !== 'string' || typeof status !== 'string') return undefined
  return { id, resource, status, errorCode: typeof errorCode === 'string' ? errorCode : undefined }
}
