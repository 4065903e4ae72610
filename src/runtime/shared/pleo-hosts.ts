import type { PleoEnvironment } from './schemas'

/** Pleo's External API, per environment (pleo-api.md): the defaults of the module option `baseUrls`. */
export const PLEO_BASE_URLS: Record<PleoEnvironment, string> = {
  production: 'https://external.pleo.io',
  staging: 'https://external.staging.pleo.io',
}

/**
 * Pleo's web app, where admins manage API keys (Settings → API Keys), per environment: the leak drill's first step
 * links there. Not part of the External API, so not configurable with `baseUrls`.
 */
export const PLEO_API_KEYS_PAGES: Record<PleoEnvironment, string> = {
  production: 'https://app.pleo.io/settings/api-keys',
  staging: 'https://app.staging.pleo.io/settings/api-keys',
}
