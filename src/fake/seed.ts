import type { FakeCompany, FakeKey } from './types'

/** The demo keys. Obviously fake, and meant to be shown to playground users. */
export const DEMO_KEYS = {
  valid: 'demo-valid-3f9c2a7e1b4d6058',
  needsActivation: 'demo-inactive-8b1e4c7a92d35f06',
  pendingIntegration: 'demo-pending-2c7f9a1e5b8d4036',
  notEntitled: 'demo-not-entitled-6e2a9c4f1b7d3058',
  lacksPermission: 'demo-no-permission-4d8b2e6a1c9f7035',
  organisation: 'demo-organisation-9a3c6e1f4b7d2058',
  noCompaniesScope: 'demo-no-company-scope-1f5b8d2a6c9e4037',
  integratedA: 'demo-integrated-a-7c2e5a9f1d4b8036',
  integratedB: 'demo-integrated-b-3e8a1c6f9b2d5047',
  validSameCompany: 'demo-valid-second-5a9d2f7c1e4b6038',
  validOtherCompany: 'demo-valid-other-0b6e3a8d2f5c9147',
  expired: 'demo-expired-8f1c4a7e2b5d9036',
  revoked: 'demo-revoked-2d7b5e9a1c4f8063',
  staging: 'demo-staging-6a1f8c3e9d2b5074',
  rateLimited: 'demo-rate-limited-4c9e2a7f1b6d3085',
  failing: 'demo-failing-7e3b9d1a5c8f2046',
  slow: 'demo-slow-1a6d4f8c2e9b7053',
  noSubject: 'demo-no-subject-5c2e8a1f4b7d9063',
} as const satisfies Record<string, string>

/** Fixed ids of the demo companies and the demo organisation. */
export const DEMO_IDS = {
  nordlys: '2f8d6c1a-4b3e-4a7f-9c5d-1e0b8a7f6d21',
  fjordline: '7a1c3e5f-9b2d-4c8e-a6f0-3d5b7c9e1a42',
  birkelund: 'b3e5a7c9-1d2f-4e6a-8b0c-5f7d9e1a3c63',
  havblik: 'c4f6b8d0-2e3a-4f7b-9c1d-6a8e0f2b4d84',
  solsikke: 'd5a7c9e1-3f4b-4a8c-8d2e-7b9f1a3c5e05',
  skovly: 'e6b8d0f2-4a5c-4b9d-9e3f-8c0a2b4d6f26',
  auroraGroup: '0a2c4e6f-8b1d-4f3a-9c5e-7d9b1f3a5c47',
  auroraRetail: '1b3d5f7a-9c2e-4a4b-8d6f-8e0c2a4b6d68',
  auroraWholesale: '2c4e6a8b-0d3f-4b5c-9e7a-9f1d3b5c7e89',
  tinde: '3d5f7b9c-1e4a-4c6d-8f8b-0a2e4c6d8f90',
  vinterhavn: '4e6a8c0d-2f5b-4d7e-9a9c-1b3f5d7e9a11',
  kystlys: '5f7b9d1e-3a6c-4e8f-8b0d-2c4a6e8f0b32',
  lysholm: '6a8c0e2f-4b7d-4f9a-9c1e-3d5b7f9a1c53',
  ravnsborg: '7b9d1f3a-5c8e-4a0b-8d2f-4e6c8a0b2d74',
  testvik: '8c0e2a4b-6d9f-4b1c-9e3a-5f7d9b1c3e95',
  stormkyst: '9d1f3b5c-7e0a-4c2d-8f4b-6a8e0c2d4f16',
  brattelid: 'a0e2c4d6-8f1b-4d3e-9a5c-7b9f1d3e5a37',
  stillevand: 'b1f3d5e7-9a2c-4e4f-8b6d-8c0a2e4f6b58',
} as const

const STANDALONE_APP = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b'
const INTEGRATED_APP = 'e2d3c4b5-a6f7-4089-9b0a-1d2e3f4a5b6c'
const SCOPES = ['companies:read', 'expenses:read', 'export-jobs:read', 'export-jobs:write', 'tags:read', 'users:read']
const SCOPES_WITHOUT_COMPANIES = SCOPES.filter(scope => scope !== 'companies:read')

function company(id: string, name: string, registrationNumber: string, address: FakeCompany['address'], organizationId?: string): FakeCompany {
  return { id, name, registrationNumber, address, ...(organizationId ? { organizationId } : {}) }
}

const companies: FakeCompany[] = [
  company(DEMO_IDS.nordlys, 'Nordlys ApS', 'DK38291047', { addressLine1: 'Strandgade 12', locality: 'København K', postalCode: '1401', country: 'DK' }),
  company(DEMO_IDS.fjordline, 'Fjordline Trading ApS', 'DK40175392', { addressLine1: 'Havnegade 4', locality: 'Aarhus C', postalCode: '8000', country: 'DK' }),
  company(DEMO_IDS.birkelund, 'Birkelund Consulting ApS', 'DK37710284', { addressLine1: 'Vestergade 31', locality: 'Odense C', postalCode: '5000', country: 'DK' }),
  company(DEMO_IDS.havblik, 'Havblik Design ApS', 'DK41902736', { addressLine1: 'Nørregade 8', locality: 'Aalborg', postalCode: '9000', country: 'DK' }),
  company(DEMO_IDS.solsikke, 'Solsikke Bageri ApS', 'DK39548120', { addressLine1: 'Algade 22', locality: 'Roskilde', postalCode: '4000', country: 'DK' }),
  company(DEMO_IDS.skovly, 'Skovly Logistik ApS', 'DK42063158', { addressLine1: 'Industrivej 17', locality: 'Vejle', postalCode: '7100', country: 'DK' }),
  company(DEMO_IDS.auroraRetail, 'Aurora Retail ApS', 'DK36684215', { addressLine1: 'Købmagergade 50', locality: 'København K', postalCode: '1150', country: 'DK' }, DEMO_IDS.auroraGroup),
  company(DEMO_IDS.auroraWholesale, 'Aurora Wholesale AB', '556812-4470', { addressLine1: 'Sveavägen 44', locality: 'Stockholm', postalCode: '111 34', country: 'SE' }, DEMO_IDS.auroraGroup),
  company(DEMO_IDS.tinde, 'Tinde Studio AS', '923 456 781', { addressLine1: 'Bryggen 9', locality: 'Bergen', postalCode: '5003', country: 'NO' }),
  company(DEMO_IDS.vinterhavn, 'Vinterhavn Shipping ApS', 'DK35517904', { addressLine1: 'Kajgade 2', locality: 'Esbjerg', postalCode: '6700', country: 'DK' }),
  company(DEMO_IDS.kystlys, 'Kystlys Energi ApS', 'DK43120867', { addressLine1: 'Fyrvej 5', locality: 'Skagen', postalCode: '9990', country: 'DK' }),
  company(DEMO_IDS.lysholm, 'Lysholm Media ApS', 'DK38805219', { addressLine1: 'Bredgade 70', locality: 'Kolding', postalCode: '6000', country: 'DK' }),
  company(DEMO_IDS.ravnsborg, 'Ravnsborg Værktøj ApS', 'DK40391672', { addressLine1: 'Ravnsborggade 3', locality: 'København N', postalCode: '2200', country: 'DK' }),
  company(DEMO_IDS.testvik, 'Testvik Sandbox ApS', 'DK99000001', { addressLine1: 'Prøvevej 1', locality: 'Horsens', postalCode: '8700', country: 'DK' }),
  company(DEMO_IDS.stormkyst, 'Stormkyst Fiskeri ApS', 'DK37249815', { addressLine1: 'Havnen 11', locality: 'Hirtshals', postalCode: '9850', country: 'DK' }),
  company(DEMO_IDS.brattelid, 'Brattelid Bygg AS', '915 338 204', { addressLine1: 'Storgata 40', locality: 'Oslo', postalCode: '0182', country: 'NO' }),
  company(DEMO_IDS.stillevand, 'Stille Vand Rådgivning ApS', 'DK41177630', { addressLine1: 'Søvej 6', locality: 'Silkeborg', postalCode: '8600', country: 'DK' }),
]

function standalone(key: string, label: string, companyId: string, clientId: string, extra: Partial<FakeKey> = {}): FakeKey {
  return {
    key,
    case: label,
    env: 'production',
    kind: 'standalone',
    subject: { type: 'company', companyId },
    scopes: SCOPES,
    clientId,
    applicationId: STANDALONE_APP,
    ...extra,
  }
}

function integrated(key: string, label: string, companyId: string, clientId: string): FakeKey {
  return {
    key,
    case: label,
    env: 'production',
    kind: 'integrated',
    subject: { type: 'company', companyId },
    scopes: SCOPES,
    clientId,
    applicationId: INTEGRATED_APP,
    applicationName: 'Ledgerly',
    existingInstallation: { status: 'AUTHORIZED' },
  }
}

const keys: FakeKey[] = [
  standalone(DEMO_KEYS.valid, 'valid, no installation yet', DEMO_IDS.nordlys, '0c3a5e7f-1b2d-4f4a-8c6e-9d0b2f4a6c81'),
  standalone(DEMO_KEYS.needsActivation, 'installation INACTIVE (AUTH_ERROR)', DEMO_IDS.birkelund, '1d4b6f8a-2c3e-4a5b-9d7f-0e1c3a5b7d92', {
    existingInstallation: { status: 'INACTIVE', errorCode: 'AUTH_ERROR' },
  }),
  standalone(DEMO_KEYS.pendingIntegration, 'installation PENDING_INTEGRATION', DEMO_IDS.havblik, '2e5c7a9b-3d4f-4b6c-8e8a-1f2d4b6c8e03', {
    existingInstallation: { status: 'PENDING_INTEGRATION' },
  }),
  standalone(DEMO_KEYS.notEntitled, 'not entitled to the application', DEMO_IDS.solsikke, '3f6d8b0c-4e5a-4c7d-9f9b-2a3e5c7d9f14', {
    notEntitled: true,
  }),
  standalone(DEMO_KEYS.lacksPermission, 'lacks permission (403)', DEMO_IDS.skovly, '4a7e9c1d-5f6b-4d8e-8a0c-3b4f6d8e0a25', {
    forceStatus: 403,
  }),
  {
    ...standalone(DEMO_KEYS.organisation, 'organisation key, two companies', DEMO_IDS.auroraRetail, '5b8f0d2e-6a7c-4e9f-9b1d-4c5a7e9f1b36'),
    subject: { type: 'organization', organizationId: DEMO_IDS.auroraGroup, companyIds: [DEMO_IDS.auroraRetail, DEMO_IDS.auroraWholesale] },
  },
  standalone(DEMO_KEYS.noCompaniesScope, 'no companies:read scope', DEMO_IDS.tinde, '6c9a1e3f-7b8d-4f0a-8c2e-5d6b8f0a2c47', {
    scopes: SCOPES_WITHOUT_COMPANIES,
  }),
  integrated(DEMO_KEYS.integratedA, 'integrated, tenant A', DEMO_IDS.vinterhavn, '7d0b2f4a-8c9e-4a1b-9d3f-6e7c9a1b3d58'),
  integrated(DEMO_KEYS.integratedB, 'integrated, tenant B', DEMO_IDS.kystlys, '8e1c3a5b-9d0f-4b2c-8e4a-7f8d0b2c4e69'),
  standalone(DEMO_KEYS.validSameCompany, 'valid, second key of the same company', DEMO_IDS.nordlys, '9f2d4b6c-0e1a-4c3d-9f5b-8a9e1c3d5f70'),
  standalone(DEMO_KEYS.validOtherCompany, 'valid, another company', DEMO_IDS.fjordline, 'a03e5c7d-1f2b-4d4e-8a6c-9b0f2d4e6a81'),
  standalone(DEMO_KEYS.expired, 'expired', DEMO_IDS.lysholm, 'b14f6d8e-2a3c-4e5f-9b7d-0c1a3e5f7b92', {
    expiresAt: '2024-12-31T23:59:59.000Z',
  }),
  standalone(DEMO_KEYS.revoked, 'revoked', DEMO_IDS.ravnsborg, 'c25a7e9f-3b4d-4f6a-8c8e-1d2b4f6a8c03', {
    revoked: true,
  }),
  standalone(DEMO_KEYS.staging, 'staging only', DEMO_IDS.testvik, 'd36b8f0a-4c5e-4a7b-9d9f-2e3c5a7b9d14', {
    env: 'staging',
  }),
  standalone(DEMO_KEYS.rateLimited, 'rate limited (429)', DEMO_IDS.stormkyst, 'e47c9a1b-5d6f-4b8c-8e0a-3f4d6b8c0e25', {
    forceStatus: 429,
  }),
  standalone(DEMO_KEYS.failing, 'Pleo failing (500)', DEMO_IDS.brattelid, 'f58d0b2c-6e7a-4c9d-9f1b-4a5e7c9d1f36', {
    forceStatus: 500,
  }),
  standalone(DEMO_KEYS.slow, 'slow (4 s per call)', DEMO_IDS.stillevand, '069e1c3d-7f8b-4d0e-8a2c-5b6f8d0e2a47', {
    latencyMs: 4000,
  }),
  standalone(DEMO_KEYS.noSubject, 'introspect without a subject, another company, no installation yet', DEMO_IDS.fjordline, '17af2d4e-8a9c-4e1f-9b3d-6c7a9e1f3b58', {
    introspectWithoutSubject: true,
  }),
]

/** The demo data every fake starts with unless told otherwise. */
export const DEMO_SEED: { keys: FakeKey[], companies: FakeCompany[] } = { keys, companies }
