import { PleoConnectError } from './errors'
import { useConnectionStores } from './storage'

/**
 * One Pleo company belongs to at most one tenant: Integrated API Keys are per customer, and a customer must
 * never end up reading another's company. A claim points a company id at its tenant; a claim whose tenant no
 * longer holds that company (disconnected, switched) is stale and may be taken over.
 */
export async function assertCompanyAvailable(tenantId: string, companyId: string) {
  const claim = (await useConnectionStores().companyClaims.read(normalise(companyId)))?.value
  if (claim && claim.tenantId !== tenantId && await holdsCompany(claim.tenantId, companyId)) throw companyTaken()
}

/** Atomically points the company at this tenant, unless another tenant holds it. */
export async function claimCompany(tenantId: string, companyId: string) {
  const stores = useConnectionStores()
  let holder: string | undefined
  await stores.companyClaims.update(normalise(companyId), (current) => {
    holder = current?.value.tenantId
    return holder === tenantId ? undefined : { tenantId }
  })
  // The previous holder is checked after the swap, so two tenants racing for one company cannot both pass.
  if (holder && holder !== tenantId && await holdsCompany(holder, companyId)) {
    await stores.companyClaims.update(normalise(companyId), current => current?.value.tenantId === tenantId ? { tenantId: holder! } : undefined)
    throw companyTaken()
  }
}

export async function releaseCompany(tenantId: string, companyId: string) {
  await useConnectionStores().companyClaims.update(normalise(companyId), current => current?.value.tenantId === tenantId ? null : undefined)
}

async function holdsCompany(tenantId: string, companyId: string) {
  const record = (await useConnectionStores().connections.read(tenantId))?.value
  return Boolean(record?.sealedKey && record.company && normalise(record.company.id) === normalise(companyId))
}

function normalise(companyId: string) {
  return companyId.toLowerCase()
}

function companyTaken() {
  return new PleoConnectError('key_other_company', { variant: 'held_elsewhere' })
}
