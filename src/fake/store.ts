import { randomUUID } from 'node:crypto'
import type { FakeCompany, FakeEnvironment, FakeInstallation, FakeKey } from './types'

/** Where an installation lives: one per (environment, key subject, company). */
export interface InstallationTarget {
  slot: string
  env: FakeEnvironment
  resource: string
}

interface StoredInstallation {
  env: FakeEnvironment
  keyCase: string
  installation: FakeInstallation
}

export type FakeStore = ReturnType<typeof createStore>

/**
 * The fake's in-memory state. Everything handed in or out is a copy, so the seed (often the shared
 * DEMO_SEED) is never changed by revoking or expiring a key.
 */
export function createStore(initial: { keys: FakeKey[], companies: FakeCompany[] }, organisationUrnType: string) {
  const keys = new Map<string, FakeKey>()
  const companies = new Map<string, FakeCompany>()
  const installations = new Map<string, StoredInstallation>()
  const initialKeys = new Set(initial.keys.map(key => key.key))

  function subjectUrn(key: FakeKey): string {
    return key.subject.type === 'company'
      ? `urn:pleo:company:${key.subject.companyId}`
      : `urn:pleo:${organisationUrnType}:${key.subject.organizationId}`
  }

  /** A company key always targets its company; an organisation key targets the organisation unless a company is named. */
  function target(key: FakeKey, companyId?: string): InstallationTarget {
    const company = key.subject.type === 'company' ? key.subject.companyId : companyId
    return {
      slot: `${key.env}|${subjectUrn(key)}|${company ?? ''}`,
      env: key.env,
      resource: company ? `urn:pleo:company:${company}` : subjectUrn(key),
    }
  }

  function getInstallation(where: InstallationTarget): FakeInstallation | undefined {
    const stored = installations.get(where.slot)
    return stored && structuredClone(stored.installation)
  }

  function saveInstallation(where: InstallationTarget, key: FakeKey, installation: FakeInstallation): FakeInstallation {
    installations.set(where.slot, { env: where.env, keyCase: key.case, installation: structuredClone(installation) })
    return structuredClone(installation)
  }

  function newInstallation(where: InstallationTarget, key: FakeKey, fields: Pick<FakeInstallation, 'status' | 'metadata' | 'errorCode'>): FakeInstallation {
    const now = new Date().toISOString()
    return {
      id: randomUUID(),
      applicationId: key.applicationId,
      resource: where.resource,
      status: fields.status,
      metadata: fields.metadata,
      createdAt: now,
      updatedAt: now,
      ...(fields.errorCode ? { errorCode: fields.errorCode } : {}),
    }
  }

  function add(newKeys: FakeKey[], newCompanies: FakeCompany[] = []): void {
    for (const company of newCompanies) companies.set(company.id, structuredClone(company))
    for (const key of newKeys) {
      keys.set(key.key, structuredClone(key))
      const seeded = key.existingInstallation
      if (!seeded) continue
      const where = target(key)
      saveInstallation(where, key, newInstallation(where, key, { status: seeded.status, metadata: { ...seeded.metadata }, errorCode: seeded.errorCode }))
    }
  }

  function reset(): void {
    keys.clear()
    companies.clear()
    installations.clear()
    add(initial.keys, initial.companies)
  }

  function mustFind(key: string): FakeKey {
    const found = keys.get(key)
    if (!found) throw new Error('The fake Pleo has no such key.')
    return found
  }

  reset()

  return {
    initialKeys: initialKeys as ReadonlySet<string>,
    findKey: (key: string): FakeKey | undefined => keys.get(key),
    allKeys: (): FakeKey[] => [...keys.values()].map(key => structuredClone(key)),
    keyStrings: (): string[] => [...keys.keys()],
    findCompany: (id: string): FakeCompany | undefined => structuredClone(companies.get(id)),
    allCompanies: (): FakeCompany[] => [...companies.values()].map(company => structuredClone(company)),
    subjectUrn,
    target,
    getInstallation,
    saveInstallation,
    newInstallation,
    deleteInstallation: (where: InstallationTarget): boolean => installations.delete(where.slot),
    listInstallations: () => [...installations.values()].map(({ env, keyCase, installation }) => ({ keyCase, env, installation: structuredClone(installation) })),
    add,
    reset,
    revoke(key: string): void {
      mustFind(key).revoked = true
    },
    expire(key: string): void {
      mustFind(key).expiresAt = new Date(Date.now() - 1000).toISOString()
    },
  }
}
