import type { PleoEnvironment } from './schemas'

/** Pleo's External API, per environment (pleo-api.md): the defaults of the module option `baseUrls`. */
export const PLEO_BASE_URLS: Record<PleoEnvironment, string> = {
  production: 'https://external.pleo.io',
  staging: 'https://external.staging.pleo.io',
}
