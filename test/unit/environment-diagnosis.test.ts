// A key Pleo refuses here may belong to the other environment: where that one is asked (and when it is not), and
// what its answer means. Against the fake Pleo, which serves production at `/` and staging at `/staging`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakePleo, DEMO_KEYS } from '../../src/fake'
import { otherEnvironmentBaseUrl, resolveBaseUrl, type PleoConnectRuntimeConfig } from '../../src/runtime/server/lib/config'
import { PleoConnectError } from '../../src/runtime/server/lib/errors'
import { diagnoseRefusedKey } from '../../src/runtime/server/lib/pleo/environment-diagnosis'
import { PLEO_BASE_URLS } from '../../src/runtime/shared/pleo-hosts'

const pleo = createFakePleo()
let fake: { url: string, close: () => Promise<void> }
beforeAll(async () => {
  fake = await pleo.listen(0, '127.0.0.1')
})
afterAll(() => fake.close())

function config(overrides: Partial<PleoConnectRuntimeConfig> = {}): PleoConnectRuntimeConfig {
  return { baseUrl: '', baseUrls: { ...PLEO_BASE_URLS }, diagnoseEnvironment: true, environment: 'production', timeout: 2000, ...overrides } as PleoConnectRuntimeConfig
}

describe('the other environment\'s address', () => {
  it('is Pleo\'s other host by default, or the configured one', () => {
    expect(resolveBaseUrl(config())).toBe('https://external.pleo.io')
    expect(otherEnvironmentBaseUrl(config())).toBe('https://external.staging.pleo.io')
    expect(otherEnvironmentBaseUrl(config({ environment: 'staging' }))).toBe('https://external.pleo.io')
    expect(otherEnvironmentBaseUrl(config({ baseUrls: { production: PLEO_BASE_URLS.production, staging: 'https://pleo-staging.proxy.example/' } }))).toBe('https://pleo-staging.proxy.example')
  })

  it('with a custom base URL, is only an address configured for it: a stand-in\'s key never reaches Pleo', () => {
    expect(otherEnvironmentBaseUrl(config({ baseUrl: 'http://127.0.0.1:4010' }))).toBeUndefined()
    expect(otherEnvironmentBaseUrl(config({ baseUrl: 'http://127.0.0.1:4010', baseUrls: { production: PLEO_BASE_URLS.production, staging: 'http://127.0.0.1:4010/staging' } }))).toBe('http://127.0.0.1:4010/staging')
  })

  it('is the built-in fake\'s other path while it serves, and none when the diagnosis is off', () => {
    expect(otherEnvironmentBaseUrl(config(), 'http://127.0.0.1:4011')).toBe('http://127.0.0.1:4011/staging')
    expect(otherEnvironmentBaseUrl(config({ diagnoseEnvironment: false }))).toBeUndefined()
  })

  it('must be https outside loopback, like the base URL', () => {
    expect(() => otherEnvironmentBaseUrl(config({ baseUrls: { production: PLEO_BASE_URLS.production, staging: 'http://pleo.example' } }))).toThrow(/NUXT_PLEO_CONNECT_BASE_URLS_STAGING must use https/)
  })
})

describe('a refused key, diagnosed', () => {
  const atFake = () => config({ baseUrl: fake.url, baseUrls: { production: PLEO_BASE_URLS.production, staging: `${fake.url}/staging` } })

  it('is key_wrong_environment when it works in the other environment, after one read-only call there', async () => {
    pleo.reset()
    // The step is reported before the call, so the connection view says what the wait is for.
    const steps: number[] = []
    const diagnosed = await diagnoseRefusedKey(new PleoConnectError('key_rejected'), DEMO_KEYS.staging, atFake(), async () => {
      steps.push(pleo.requests.length)
    })
    expect(steps).toEqual([0])
    expect(diagnosed).toBeInstanceOf(PleoConnectError)
    expect((diagnosed as PleoConnectError).data).toMatchObject({ code: 'key_wrong_environment', variant: 'staging', keyEnvironment: 'staging' })
    expect((diagnosed as PleoConnectError).data.message).toContain('staging environment')
    expect(JSON.stringify((diagnosed as PleoConnectError).data)).not.toContain(DEMO_KEYS.staging)
    expect(pleo.requests.map(request => `${request.method} ${request.path}`)).toEqual(['GET /staging/v1/installations/me'])
  })

  it('stays key_rejected when the other environment refuses it too, and other errors are left alone', async () => {
    const refusal = new PleoConnectError('key_rejected')
    expect(await diagnoseRefusedKey(refusal, DEMO_KEYS.revoked, atFake())).toBe(refusal)
    pleo.reset()
    const unavailable = new PleoConnectError('pleo_unavailable')
    expect(await diagnoseRefusedKey(unavailable, DEMO_KEYS.staging, atFake())).toBe(unavailable)
    const stopped = new PleoConnectError('key_rejected', { variant: 'stopped_working' })
    expect(await diagnoseRefusedKey(stopped, DEMO_KEYS.staging, atFake())).toBe(stopped)
    expect(pleo.requests).toEqual([])
  })

  it('sends nothing when the other environment is unknown or the diagnosis is off', async () => {
    pleo.reset()
    const refusal = new PleoConnectError('key_rejected')
    const told: string[] = []
    expect(await diagnoseRefusedKey(refusal, DEMO_KEYS.staging, config({ baseUrl: fake.url }), async () => {
      told.push('asking')
    })).toBe(refusal)
    expect(told).toEqual([])
    expect(await diagnoseRefusedKey(refusal, DEMO_KEYS.staging, { ...atFake(), diagnoseEnvironment: false })).toBe(refusal)
    expect(pleo.requests).toEqual([])
  })
})
