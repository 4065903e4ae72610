import { DEMO_IDS, type FakeKey, type FakePleo } from '../../src/fake'
import { demoKeyEntry } from './keys'
import { canaryKey } from './canary'

/**
 * The connect cases of issue 14, each with the upstream calls it needs and how many of them must wait for one
 * another (the chain): the installation read runs beside the key check, the company name beside the activation.
 * Shared by the connect bench (test/bench/sections/connect.mjs) and the behaviour test (test/e2e/connect-calls).
 */
export interface ConnectCase {
  name: string
  /** Seeds the keys of one run; `before` is submitted first (not measured), then `body` is sent with `method`. */
  prepare: (pleo: FakePleo, latencyMs: number) => { before?: Record<string, string>, method: 'POST' | 'PUT', body: Record<string, string> }
  /** The calls the measured request makes, as `METHOD path` (ids as in Pleo's paths), in any order. */
  calls: (companyId: string) => string[]
  /** Calls that must wait for one another: the ideal time is this × the latency. */
  chain: number
}

function seed(pleo: FakePleo, like: Parameters<typeof demoKeyEntry>[0], latencyMs: number, extra: Partial<FakeKey> = {}) {
  const key = canaryKey()
  pleo.seed([{ ...demoKeyEntry(like), key, case: `bench ${like}`, latencyMs, ...extra }])
  return key
}

const INSTALLATION = '/v1/installations/me'

export const CONNECT_CASES: ConnectCase[] = [
  {
    name: 'a new installation',
    prepare: (pleo, latency) => ({ method: 'POST', body: { apiKey: seed(pleo, 'valid', latency) } }),
    calls: id => ['GET /v1/introspect', `GET ${INSTALLATION}`, `POST ${INSTALLATION}`, `GET /v1/companies/${id}`],
    chain: 2,
  },
  {
    name: 'an active installation',
    prepare: (pleo, latency) => ({ method: 'POST', body: { apiKey: seed(pleo, 'valid', latency, { existingInstallation: { status: 'ACTIVATED' } }) } }),
    calls: id => ['GET /v1/introspect', `GET ${INSTALLATION}`, `GET /v1/companies/${id}`],
    chain: 2,
  },
  {
    name: 'an installation that needs activation',
    prepare: (pleo, latency) => ({ method: 'POST', body: { apiKey: seed(pleo, 'needsActivation', latency) } }),
    calls: id => ['GET /v1/introspect', `GET ${INSTALLATION}`, `PUT ${INSTALLATION}`, `GET /v1/companies/${id}`],
    chain: 2,
  },
  {
    name: 'an organisation key with a company picked',
    prepare: (pleo, latency) => ({ method: 'POST', body: { apiKey: seed(pleo, 'organisation', latency), companyId: DEMO_IDS.auroraWholesale } }),
    calls: id => ['GET /v1/introspect', `GET ${INSTALLATION}?company_id=${id}`, `POST ${INSTALLATION}?company_id=${id}`, `GET /v1/companies/${id}`],
    chain: 2,
  },
  {
    name: 'a replacement',
    prepare: (pleo, latency) => ({
      before: { apiKey: seed(pleo, 'valid', latency, { existingInstallation: { status: 'ACTIVATED' } }) },
      method: 'PUT',
      body: { apiKey: seed(pleo, 'validSameCompany', latency, { existingInstallation: { status: 'ACTIVATED' } }) },
    }),
    calls: id => ['GET /v1/introspect', `GET ${INSTALLATION}`, `GET /v1/companies/${id}`],
    chain: 2,
  },
]

/** The fake's recorded requests since `from`, as `METHOD path[?company_id=…]`. */
export function callsSince(pleo: FakePleo, from: number): string[] {
  return pleo.requests.slice(from).map(({ method, path, query }) => `${method} ${path}${query.company_id ? `?company_id=${query.company_id}` : ''}`)
}

/** The requests the fake is answering right now. */
export function callsInFlight(pleo: FakePleo, from: number): string[] {
  return callsSince(pleo, from).filter((_, index) => pleo.requests[from + index]!.status === 0)
}
