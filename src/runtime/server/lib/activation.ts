import { PleoConnectError } from './errors'
import type { PleoClient } from './pleo-client'
import { errorForPleoStatus } from './pleo-status'
import { isCompanyUrn, parseResourceUrn } from './resource-urn'

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
}

export interface ActivationInput {
  /** Picks one company of an organisation-level key. */
  companyId?: string
  /** Non-secret metadata stored on the installation (never the key). */
  metadata?: Record<string, string>
  /** Called with the key's company as soon as it is known, before anything is activated; may throw to stop. */
  checkCompany?: (companyId: string) => void | Promise<void>
}

/**
 * Pleo's API-key flow: check that the key authenticates (the test call), make sure the installation exists
 * and is ACTIVATED, and read the company from it. Nothing here stores anything: a throw means "not active".
 */
export async function activateInstallation(pleo: PleoClient, input: ActivationInput): Promise<ActivationResult> {
  const subject = await readSubject(pleo)
  const subjectCompanyId = subject && isCompanyUrn(subject) ? subject.id : undefined
  if (subjectCompanyId && input.companyId) assertSameCompany(subjectCompanyId, input.companyId)
  if (subject && !subjectCompanyId && !input.companyId) {
    throw await organisationNeedsCompany(pleo, subject.id)
  }
  // Only an organisation key (or one whose subject Pleo did not tell) is pinned to the picked company.
  const pinnedCompanyId = subjectCompanyId ? undefined : input.companyId
  let companyChecked = false
  if (subjectCompanyId || pinnedCompanyId) {
    await input.checkCompany?.((subjectCompanyId ?? pinnedCompanyId)!)
    companyChecked = true
  }
  const query = pinnedCompanyId ? { company_id: pinnedCompanyId } : undefined

  const existing = await pleo.request<Installation>('GET', '/v1/installations/me', { query })
  if (existing.status !== 200 && existing.status !== 404) throw errorForPleoStatus(existing.status, existing.retryAfter)
  let installation = existing.status === 200 ? asInstallation(existing.data) : undefined
  if (existing.status === 200 && !installation) throw unexpectedAnswer()

  const resource = installation ? parseResourceUrn(installation.resource) : undefined
  if (installation && !isCompanyUrn(resource) && !input.companyId) {
    throw await organisationNeedsCompany(pleo, resource?.id)
  }

  if (installation && !companyChecked) {
    await input.checkCompany?.(companyOf(installation, input.companyId))
    companyChecked = true
  }

  if (installation?.errorCode === 'NOT_ENTITLED') throw new PleoConnectError('installation_not_entitled')
  if (!installation) {
    installation = asInstallation(await pleo.expectOk('POST', '/v1/installations/me', { query, body: { status: 'ACTIVATED', metadata: input.metadata ?? {} } }))
  }
  else if (installation.status !== 'ACTIVATED') {
    installation = asInstallation(await pleo.expectOk('PUT', '/v1/installations/me', { query, body: { status: 'ACTIVATED', metadata: input.metadata ?? {} } }))
  }
  if (!installation) throw unexpectedAnswer()
  if (installation.status !== 'ACTIVATED') {
    if (installation.errorCode === 'NOT_ENTITLED') throw new PleoConnectError('installation_not_entitled')
    // Pleo kept the installation inactive without saying why: the admin has to take it up with Pleo.
    const status = installation.status.replace(/[^A-Z_]/g, '').slice(0, 40)
    throw new PleoConnectError('installation_not_entitled', {
      message: `Pleo did not activate the integration for your company (its status is ${status || 'unknown'}).`,
    })
  }

  const companyId = companyOf(installation, input.companyId)
  if (!companyChecked) await input.checkCompany?.(companyId)
  const name = await readCompanyName(pleo, companyId)
  return {
    company: name ? { id: companyId, name } : { id: companyId },
    installation: { id: installation.id, status: installation.status },
    organisationKey: Boolean(pinnedCompanyId),
  }
}

/** The company of an activated installation; an organisation installation takes the admin's pick. */
function companyOf(installation: Installation, pickedCompanyId: string | undefined): string {
  const resource = parseResourceUrn(installation.resource)
  if (resource && isCompanyUrn(resource)) {
    if (pickedCompanyId) assertSameCompany(resource.id, pickedCompanyId)
    return resource.id
  }
  if (pickedCompanyId) return pickedCompanyId
  throw new PleoConnectError('pleo_unavailable', { message: 'Pleo did not say which company the installation belongs to.' })
}

function assertSameCompany(keyCompanyId: string, pickedCompanyId: string) {
  if (keyCompanyId.toLowerCase() === pickedCompanyId.toLowerCase()) return
  throw new PleoConnectError('key_other_company', {
    companyId: keyCompanyId,
    message: `This key belongs to Pleo company ${keyCompanyId}, not to the company you chose.`,
    action: 'Choose that company, or use a key of the company you want to connect.',
  })
}

/** `/v1/introspect` tells company from organisation keys before anything is created; it is optional. */
async function readSubject(pleo: PleoClient) {
  const response = await pleo.request<{ data?: { subjectURN?: string } }>('GET', '/v1/introspect')
  if (response.status === 401 || response.status === 429 || response.status >= 500) {
    throw errorForPleoStatus(response.status, response.retryAfter)
  }
  return response.status === 200 ? parseResourceUrn(response.data?.data?.subjectURN) : undefined
}

async function readCompanyName(pleo: PleoClient, companyId: string): Promise<string | undefined> {
  try {
    const response = await pleo.request<{ data?: { name?: unknown } }>('GET', `/v1/companies/${encodeURIComponent(companyId)}`)
    const name = response.status === 200 ? response.data?.data?.name : undefined
    return typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : undefined
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
      .map(company => typeof company.name === 'string' ? { id: company.id as string, name: company.name } : { id: company.id as string })
  }
  catch {
    return []
  }
}

function unexpectedAnswer() {
  return new PleoConnectError('pleo_unavailable', { message: 'Pleo answered in an unexpected way.' })
}

function asInstallation(data: unknown): Installation | undefined {
  if (!data || typeof data !== 'object') return undefined
  const { id, resource, status, errorCode } = data as Record<string, unknown>
  if (typeof id !== 'string' || typeof resource !== 'string' || typeof status !== 'string') return undefined
  return { id, resource, status, errorCode: typeof errorCode === 'string' ? errorCode : undefined }
}
