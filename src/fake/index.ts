/**
 * `nuxt-pleo-connect/fake`: an offline stand-in for Pleo's External API, for tests and the playground.
 * Behaviours Pleo does not document (error bodies, 404 for a missing installation, fault injection) are the
 * fake's own choices: client code must branch on HTTP status codes only.
 */
export { createFakePleo } from './server'
export { DEMO_IDS, DEMO_KEYS, DEMO_SEED } from './seed'
export { describeKey, keyHint, keyTable } from './table'
export type { FakeKeyRow } from './table'
export type {
  FakeCompany,
  FakeEnvironment,
  FakeInstallation,
  FakeInstallationSeed,
  FakeKey,
  FakeListening,
  FakePleo,
  FakePleoOptions,
  FakeRequestRecord,
  FakeSubject,
  InstallationErrorCode,
  InstallationStatus,
} from './types'
