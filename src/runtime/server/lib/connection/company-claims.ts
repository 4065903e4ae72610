import { PleoConnectError } from '../errors'
import type { CompanyClaim } from '../records'
import { useConnectionStores } from '../storage/stores'

/** A claim made moments ago stands for a connection being written: long enough for the write, short if it died. */
const PENDING_CLAIM_MS = 2 * 60_000

/**
 * One Pleo company belongs to at most one tenant: Integrated API Keys are per customer, and a customer must never
 * end up reading another's company. A claim points a company id at its tenant. It is decided in one compare-and-set
 * (across instances on Redis) before the connection is written, so two tenants racing for one company cannot both
 * win. A claim whose tenant no longer holds the company (disconnected, switched, or a write that never came) is
 * stale and may be taken over.
 */
/**
 * Points the company at this tenant, or refuses with `key_other_company` while another tenant's claim is live.
 * `connected`: the tenant's stored connection is to this company (a key replaced within it), so a claim the tenant
 * already holds is live by that connection and stays as it is, with nothing written.
 */
export async function claimCompany(tenantId: string, companyId: string, { connected = false } = {}) {
  await useConnectionStores().companyClaims.update(normalise(companyId), async (current) => {
    if (connected && current?.value.tenantId === tenantId) return undefined
    if (current && current.value.tenantId !== tenantId && await isLive(current.value, companyId)) throw companyTaken()
    return { tenantId, claimedAt: new Date().toISOString() }
  })
}

/** Gives the company up, unless another tenant holds the claim by now. */
export async function releaseCompany(tenantId: string, companyId: string) {
  await useConnectionStores().companyClaims.update(normalise(companyId), current => current?.value.tenantId === tenantId ? null : undefined)
}

async function isLive(claim: CompanyClaim, companyId: string): Promise<boolean> {
  if (Date.now() - Date.parse(claim.claimedAt) < PENDING_CLAIM_MS) return true
  const record = (await useConnectionStores().connections.read(claim.tenantId))?.value
  return Boolean(record?.sealedKey && record.company && normalise(record.company.id) === normalise(companyId))
}

function normalise(companyId: string) {
  return companyId.toLowerCase()
}

function companyTaken() {
  return new PleoConnectError('key_other_company', { variant: 'held_elsewhere' })
}
