import { addComponentsDir, addImports, addPlugin, addServerHandler, addServerImportsDir, addServerPlugin, addTypeTemplate, createResolver, defineNuxtModule, extendPages, getNuxtVersion, hasNuxtModule, resolvePath, useLogger } from '@nuxt/kit'
import { defu } from 'defu'
import { join } from 'pathe'
import { assertSupportedHost, SUPPORTED_NUXT } from './build/host-versions'
import { adaptToNuxtSecurity, warnOnStatelessStorage } from './build/host-integrations'
import { placeSettingsPage } from './build/settings-page'
import { addDevtoolsTab } from './build/devtools'
import { registerWithNuxtI18n } from './build/i18n'
import { keepCataloguesOnDemand } from './build/lazy-catalogues'
import { localEncryptionKeyPath, readOrCreateLocalEncryptionKey } from './runtime/server/lib/vault/local-encryption-key'
import { API_BASE } from './runtime/shared/routes'
import { PLEO_API_KEYS_PAGES, PLEO_BASE_URLS } from './runtime/shared/pleo-hosts'
import { EXPIRY_REMINDERS } from './runtime/shared/expiry-reminders'
import { INCIDENT_REMINDER_HOURS } from './runtime/shared/incident-reminders'
import { SCOPE_NAME_PATTERN } from './runtime/shared/patterns'
import { peerDependencies, version as moduleVersion } from '../package.json'
import type { ModuleDependencies, Nuxt } from '@nuxt/schema'
import type { PleoMessageOverrides, PleoUiConfig } from './runtime/shared/i18n/messages'

/** A Pleo scope the app names, alone or with what it uses the scope for (in the app's language). */
export type PleoScopeOption = string | { scope: string, purpose: string }

export interface ModuleOptions {
  /**
   * Which kind of Pleo API Key admins paste. Standalone: one Pleo company for the whole app. Integrated: one
   * key per customer tenant (the `pleo-connect:authorize` hook names the tenant).
   * @default 'standalone'
   * Env: NUXT_PLEO_CONNECT_KEY_TYPE
   */
  keyType?: 'standalone' | 'integrated'
  /**
   * Pleo environment the keys were created in (a key works only there).
   * @default 'production'
   * Env: NUXT_PLEO_CONNECT_ENVIRONMENT
   */
  environment?: 'production' | 'staging'
  /**
   * Override of Pleo's External API base URL (empty: the environment's own host).
   * @default ''
   * Env: NUXT_PLEO_CONNECT_BASE_URL
   */
  baseUrl?: string
  /**
   * The hosts of Pleo's two environments. The configured environment's is used when `baseUrl` is empty; the other's
   * is asked once, read-only, when Pleo refuses a key an admin enters (see `diagnoseEnvironment`). With a custom
   * `baseUrl`, only an entry set here (not Pleo's default host) is asked.
   * @default { production: 'https://external.pleo.io', staging: 'https://external.staging.pleo.io' }
   * Env: NUXT_PLEO_CONNECT_BASE_URLS_PRODUCTION, NUXT_PLEO_CONNECT_BASE_URLS_STAGING
   */
  baseUrls?: { production?: string, staging?: string }
  /**
   * When Pleo refuses a key an admin enters (401), ask the other environment once (`GET /v1/installations/me`,
   * never a write): a key that works there is `key_wrong_environment` ("created in staging, but this app connects
   * to production") instead of "invalid". Never in background checks.
   * @default true
   * Env: NUXT_PLEO_CONNECT_DIAGNOSE_ENVIRONMENT
   */
  diagnoseEnvironment?: boolean
  /**
   * Scopes the app's own calls need (`['expenses:read', 'export-jobs:write']`): a key whose introspection lacks one
   * is refused at connect (`key_lacks_permission`, `missing_scopes`, listing them). With `optionalScopes` (scopes the
   * app may use), any other scope the key has gives a non-blocking least-privilege notice. Where Pleo's
   * introspection cannot be read, keys are not refused for their scopes and the page says they were not checked.
   * A scope may come with what the app uses it for, shown beside it: `{ scope: 'export-jobs:write', purpose: '…' }`.
   * @default []
   */
  requiredScopes?: PleoScopeOption[]
  /** Scopes the app may use but does not need (see `requiredScopes`). @default [] */
  optionalScopes?: PleoScopeOption[]
  /**
   * Timeout of each call to Pleo, in milliseconds.
   * @default 10000
   * Env: NUXT_PLEO_CONNECT_TIMEOUT
   */
  timeout?: number
  /**
   * Where connections are stored: unstorage mount options for the `pleo-connect` Nitro storage mount,
   * e.g. `{ driver: 'redis', url: 'redis://…' }` for apps that run on several instances.
   * @default { driver: 'fs', base: '.data/pleo-connect' }
   */
  storage?: { driver: string, [option: string]: unknown }
  /**
   * Largest accepted request body, in bytes.
   * @default 16384
   */
  bodyLimit?: number
  /**
   * Failed key validations allowed per tenant and admin within the window.
   * @default { max: 10, windowSeconds: 900 }
   */
  attempts?: { max: number, windowSeconds: number }
  /**
   * Also accept changes from pages of the same site (another subdomain). Cross-site requests are always refused.
   * @default false
   */
  allowSameSite?: boolean
  /**
   * The app runs behind a proxy that sets `X-Forwarded-Host` and `X-Forwarded-Proto` (and overwrites what clients
   * send): only then do those headers count for the same-origin check and the plain-http warning.
   * @default false
   * Env: NUXT_PLEO_CONNECT_TRUST_PROXY
   */
  trustProxy?: boolean
  /**
   * Non-secret metadata stored on the Pleo installation (at most 50 pairs; never put a secret here).
   * @default {}
   */
  installationMetadata?: Record<string, string>
  /**
   * Run the built-in fake Pleo on a loopback port and use it while no base URL is configured, so the app works
   * with no Pleo account. For playgrounds and demos only.
   * @default false
   */
  fake?: boolean | {
    port?: number
    allowFaultHeader?: boolean
    /**
     * Also serve it from a production server (a demo deployment). Without this, a production server logs a warning
     * and starts no fake: an app built with `fake` and deployed for real must never check keys against a stand-in.
     * @default false
     */
    production?: boolean
  }
  /**
   * The scheduled re-verification of every stored key (Nitro task `pleo-connect:verify`): a cron schedule
   * (`false`: only on demand), how many checks run at once, the reminders before an admin-entered expiry date
   * (hook `pleo-connect:key-expiring` with `daysLeft`, each rung once per key across instances), and from how many
   * days before it the page and the banner count down (the first reminder's, unless set), and the hours after an
   * incident opened at which `pleo-connect:incident-reminder` goes out (then once a day, until it closes).
   * @default { schedule: '0 * * * *', concurrency: 4, expiryReminders: [30, 7, 1], incidentReminders: [1, 6, 24] }
   */
  healthCheck?: { schedule?: string | false, concurrency?: number, expiryReminders?: number[], expiryWarningDays?: number, incidentReminders?: number[] }
  /**
   * The settings page the module adds (`<PleoConnect>` on its own page), or `false` to add none and place
   * the components yourself.
   * @default { path: '/settings/pleo' }
   */
  page?: false | { path?: string }
  /**
   * The admin UI: the locale (en, da, de, es, fi, fr, it, nb, nl, pt and sv ship) and overrides of any string, per
   * locale, e.g. `{ locale: 'da', messages: { da: { actions: { connect: 'Tilslut' } } } }`; a locale that does not
   * ship starts from English. `styles: false` leaves the components unstyled.
   * @default { locale: 'en', messages: {}, styles: true }
   * Env: NUXT_PUBLIC_PLEO_CONNECT_UI_LOCALE (locale only)
   */
  ui?: {
    locale?: string
    messages?: Record<string, PleoMessageOverrides>
    /** The module's CSS (tokens, components). `false`: unstyled, structure, ARIA and `pleo-*` classes only. */
    styles?: boolean
    /** Whose tokens: `'auto'` takes Nuxt UI's when @nuxt/ui is installed, `'nuxt-ui'` always, `'own'` never. */
    theme?: 'auto' | 'nuxt-ui' | 'own'
  }
  /**
   * Where the "Return to Pleo" link shown after a successful connection leads: for Integrated keys, the page in
   * Pleo the customer came from (Pleo's install dialog sends them here to paste the key). Empty: no link.
   * An http(s) address or a path; anything else is not shown.
   * @default ''
   * Env: NUXT_PUBLIC_PLEO_CONNECT_RETURN_URL
   */
  returnUrl?: string
  /**
   * Pleo's web page where admins create and delete API keys, per environment: the leak drill's steps link there.
   * Pleo does not document its address; the default is where the web app shows them (Settings → API Keys), and the
   * drill's words name that path too, so a moved page costs a click, not the drill.
   * @default { production: 'https://app.pleo.io/settings/api-keys', staging: 'https://app.staging.pleo.io/settings/api-keys' }
   * Env: NUXT_PUBLIC_PLEO_CONNECT_API_KEYS_PAGE_PRODUCTION, NUXT_PUBLIC_PLEO_CONNECT_API_KEYS_PAGE_STAGING
   */
  apiKeysPage?: { production?: string, staging?: string }
  /**
   * An admin's "Check connection" runs at most once per this many seconds per tenant (each check spends the
   * tenant's Pleo rate limit); sooner gets `too_many_attempts` with `retryAfter`. `0` turns it off.
   * @default 10
   * Env: NUXT_PLEO_CONNECT_VERIFY_COOLDOWN_SECONDS
   */
  verifyCooldownSeconds?: number
  /**
   * A standby window after replacement: once a new key has passed, the previous key is kept sealed for this many
   * hours. If the app's own calls then find the new key refused (401/403) and the previous key still works, they fall
   * back to it once (audit `standby_fallback`, hook `pleo-connect:standby-fallback`). Afterwards (or when the admin
   * says so) it is destroyed. Not kept when the new key belongs to another company. `0` turns it off.
   * @default 24
   * Env: NUXT_PLEO_CONNECT_STANDBY_HOURS
   */
  standbyHours?: number
  /**
   * The module's log lines: the lowest level written (`'silent'` writes none), and how the actor of an audit event
   * appears in them (`'hashed'`: a short SHA-256, pseudonymous; `'plain'`: as the policy hook named it; `'hidden'`).
   * The audit trail itself always keeps the actor.
   * @default { level: 'info', actors: 'hashed' }
   * Env: NUXT_PLEO_CONNECT_LOG_LEVEL, NUXT_PLEO_CONNECT_LOG_ACTORS
   */
  log?: { level?: 'info' | 'warn' | 'error' | 'silent', actors?: 'plain' | 'hashed' | 'hidden' }
  /**
   * Ask the admin for the key's expiry date next to the key field (for reminders before it stops working): for
   * Standalone keys only (Pleo's form sets one when a Standalone key is created; Pleo generates Integrated keys),
   * always, or never.
   * @default 'standalone'
   */
  askKeyExpiry?: 'standalone' | 'always' | 'never'
}

/** Private runtime config (`runtimeConfig.pleoConnect`), each field overridable by `NUXT_PLEO_CONNECT_*`. */
export interface ModuleRuntimeConfig {
  pleoConnect: {
    encryptionKey: string
    devEncryptionKey: string
    baseUrl: string
    baseUrls: { production: string, staging: string }
    diagnoseEnvironment: boolean
    scopes: { required: string[], optional: string[] }
    environment: 'production' | 'staging'
    keyType: 'standalone' | 'integrated'
    timeout: number
    storage: string
    bodyLimit: number
    attempts: { max: number, windowSeconds: number }
    allowSameSite: boolean
    trustProxy: boolean
    installationMetadata: Record<string, string>
    fake: { enabled: boolean, port: number, allowFaultHeader: boolean, production: boolean }
    healthCheck: { concurrency: number, expiryWarningDays: number, expiryReminders: number[], incidentReminders: number[] }
    verifyCooldownSeconds: number
    standbyHours: number
    log: { level: 'info' | 'warn' | 'error' | 'silent', actors: 'plain' | 'hashed' | 'hidden' }
    /** The module's and Nuxt's versions at build time, for the diagnostics report. */
    versions: { module: string, nuxt: string }
  }
}

/** Public runtime config (`runtimeConfig.public.pleoConnect`): what the admin UI needs, nothing secret. */
export interface ModulePublicRuntimeConfig {
  pleoConnect: {
    ui: PleoUiConfig
    returnUrl: string
    apiKeysPage: { production: string, staging: string }
  }
}

const STORAGE_MOUNT = 'pleo-connect'

const ROUTES = [
  { method: 'get', route: '/connection', file: 'connection.get' },
  { method: 'post', route: '/connection', file: 'connection.post' },
  { method: 'put', route: '/connection', file: 'connection.put' },
  { method: 'delete', route: '/connection', file: 'connection.delete' },
  { method: 'post', route: '/connection/verify', file: 'connection/verify.post' },
  { method: 'post', route: '/connection/compare', file: 'connection/compare.post' },
  { method: 'get', route: '/connection/events', file: 'connection/events.get' },
  { method: 'get', route: '/connection/diagnostics', file: 'connection/diagnostics.get' },
  { method: 'delete', route: '/connection/standby', file: 'connection/standby.delete' },
  { method: 'post', route: '/connection/leak-drill', file: 'connection/leak-drill.post' },
  { method: 'post', route: '/connection/leak-drill/verify', file: 'connection/leak-drill-check.post' },
] as const

export default defineNuxtModule<ModuleOptions>({
  meta: {
    name: 'nuxt-pleo-connect',
    configKey: 'pleoConnect',
    compatibility: { nuxt: SUPPORTED_NUXT },
  },
  // Runs before any module is set up: an app outside the tested versions stops with a message saying what to
  // upgrade. The admin UI's store is a Pinia store on the app's own Pinia (a peer dependency, never a second copy).
  moduleDependencies(nuxt): ModuleDependencies {
    assertSupportedHost(nuxt)
    return { '@pinia/nuxt': { version: peerDependencies['@pinia/nuxt'] } }
  },
  defaults: {
    keyType: 'standalone',
    environment: 'production',
    baseUrl: '',
    baseUrls: { production: PLEO_BASE_URLS.production, staging: PLEO_BASE_URLS.staging },
    diagnoseEnvironment: true,
    timeout: 10_000,
    bodyLimit: 16_384,
    attempts: { max: 10, windowSeconds: 900 },
    allowSameSite: false,
    trustProxy: false,
    installationMetadata: {},
    fake: false,
    healthCheck: { schedule: '0 * * * *', concurrency: 4 },
    page: { path: '/settings/pleo' },
    ui: { locale: 'en', messages: {}, styles: true, theme: 'auto' },
    returnUrl: '',
    askKeyExpiry: 'standalone',
    log: { level: 'info', actors: 'hashed' },
    verifyCooldownSeconds: 10,
    standbyHours: 24,
  },
  async setup(options, nuxt) {
    const resolver = createResolver(import.meta.url)
    const logger = useLogger('pleo-connect')
    const required = scopeList(options.requiredScopes, 'requiredScopes')
    const optional = scopeList(options.optionalScopes, 'optionalScopes')
    const scopes = { required: required.map(({ scope }) => scope), optional: optional.map(({ scope }) => scope) }
    const scopePurposes = Object.fromEntries([...required, ...optional].flatMap(({ scope, purpose }) => (purpose ? [[scope, purpose]] : [])))
    const expiryReminders = expiryReminderLadder(options.healthCheck?.expiryReminders)
    const expiryWarningDays = options.healthCheck?.expiryWarningDays ?? expiryReminders[0] ?? 0
    const incidentReminders = incidentReminderHours(options.healthCheck?.incidentReminders)
    const fake = defu(typeof options.fake === 'object' ? options.fake : {}, { enabled: Boolean(options.fake), port: 0, allowFaultHeader: false, production: false })

    // Runtime config: empty-string defaults so NUXT_PLEO_CONNECT_* can fill them at run time.
    const runtimeConfig = nuxt.options.runtimeConfig as unknown as Partial<ModuleRuntimeConfig>
    runtimeConfig.pleoConnect = defu(runtimeConfig.pleoConnect, {
      encryptionKey: '',
      devEncryptionKey: nuxt.options.dev ? useDevEncryptionKey(nuxt.options.rootDir, runtimeConfig, logger) : '',
      baseUrl: options.baseUrl!,
      baseUrls: { production: options.baseUrls?.production || PLEO_BASE_URLS.production, staging: options.baseUrls?.staging || PLEO_BASE_URLS.staging },
      diagnoseEnvironment: options.diagnoseEnvironment !== false,
      scopes,
      environment: options.environment!,
      keyType: options.keyType!,
      timeout: options.timeout!,
      storage: STORAGE_MOUNT,
      bodyLimit: options.bodyLimit!,
      attempts: options.attempts!,
      allowSameSite: options.allowSameSite!,
      trustProxy: options.trustProxy!,
      installationMetadata: options.installationMetadata!,
      fake,
      healthCheck: { concurrency: options.healthCheck?.concurrency ?? 4, expiryWarningDays, expiryReminders, incidentReminders },
      log: { level: options.log?.level ?? 'info', actors: options.log?.actors ?? 'hashed' },
      verifyCooldownSeconds: options.verifyCooldownSeconds!,
      // Read here, at build time: at run time the package's own files may sit anywhere (or be bundled away).
      versions: { module: moduleVersion, nuxt: getNuxtVersion(nuxt) },
      standbyHours: standbyWindowHours(options.standbyHours),
    })

    // Types: `#pleo-connect` for the public types, and the Nitro runtime hooks.
    nuxt.options.alias['#pleo-connect'] = resolver.resolve('./runtime/types')
    addTypeTemplate({
      filename: 'types/pleo-connect.d.ts',
      getContents: () => [
        `import type { PleoConnectNitroHooks } from ${JSON.stringify(resolver.resolve('./runtime/types'))}`,
        `declare module 'nitropack/types' { interface NitroRuntimeHooks extends PleoConnectNitroHooks {} }`,
        `declare module 'nitropack' { interface NitroRuntimeHooks extends PleoConnectNitroHooks {} }`,
        'export {}',
      ].join('\n'),
    }, { nitro: true, nuxt: true })

    // App: Pinia (via @pinia/nuxt, a module dependency), the composables, the Pleo components, the settings page.
    const pagePath = options.page === false ? false : options.page?.path || '/settings/pleo'
    const publicConfig = nuxt.options.runtimeConfig.public as unknown as Partial<ModulePublicRuntimeConfig>
    const ui: PleoUiConfig = {
      locale: options.ui?.locale || 'en',
      messages: options.ui?.messages ?? {},
      pagePath,
      // The page warns as far ahead as the server's reminder does.
      expiryWarningDays,
      askKeyExpiry: options.askKeyExpiry ?? 'standalone',
      // Not secret: which scopes the page lists as needed, and which count as more than the app uses.
      scopes: { ...scopes, purposes: scopePurposes },
    }
    publicConfig.pleoConnect = defu(publicConfig.pleoConnect, {
      ui,
      returnUrl: options.returnUrl ?? '',
      apiKeysPage: { production: options.apiKeysPage?.production || PLEO_API_KEYS_PAGES.production, staging: options.apiKeysPage?.staging || PLEO_API_KEYS_PAGES.staging },
    })
    if (options.ui?.styles !== false) {
      nuxt.options.css.push(resolver.resolve('./runtime/app/assets/pleo-connect.css'), resolver.resolve('./runtime/app/assets/pleo-connect-components.css'))
      const theme = options.ui?.theme ?? 'auto'
      if (theme === 'nuxt-ui' || (theme === 'auto' && hasNuxtModule('@nuxt/ui', nuxt))) nuxt.options.css.push(resolver.resolve('./runtime/app/assets/pleo-connect-nuxt-ui.css'))
    }
    addImports([
      { name: 'usePleoConnection', from: resolver.resolve('./runtime/app/composables/usePleoConnection') },
      { name: 'usePleoMessages', from: resolver.resolve('./runtime/app/composables/usePleoMessages') },
      { name: 'usePleoKeySubmission', from: resolver.resolve('./runtime/app/composables/usePleoKeySubmission') },
      { name: 'usePleoDiagnosticsDownload', from: resolver.resolve('./runtime/app/composables/usePleoDiagnosticsDownload') },
      { name: 'usePleoConnectionStore', from: resolver.resolve('./runtime/app/stores/pleo-connection') },
    ])
    addComponentsDir({ path: resolver.resolve('./runtime/app/components'), pathPrefix: false })
    // The active locale's texts, fetched before the first render; the other catalogues stay unloaded.
    addPlugin(resolver.resolve('./runtime/app/plugins/pleo-messages'))
    keepCataloguesOnDemand(nuxt)
    registerWithNuxtI18n(nuxt)
    if (pagePath) {
      let toldNoPages = false
      extendPages((pages) => {
        // In an app without pages (only app.vue) this page alone would switch the router on and 404 every other path.
        if (!usesPages(nuxt)) {
          if (!toldNoPages) logger.info(`This app has no pages, so the Pleo settings page (${pagePath}) is not added: place <PleoConnect /> yourself, or enable pages.`)
          toldNoPages = true
          return
        }
        const placement = placeSettingsPage(pages, { name: 'pleo-connect-settings', path: pagePath, file: resolver.resolve('./runtime/app/pages/settings-pleo.vue') })
        if (placement.placed === false) logger.warn(`Your app has its own page at ${pagePath} (${placement.takenBy}), so the module adds none there: place <PleoConnect /> in it, or set \`pleoConnect.page.path\`.`)
      })
    }

    // Server: storage mount, routes, the optional fake Pleo.
    nuxt.options.nitro.storage ||= {}
    nuxt.options.nitro.devStorage ||= {}
    const chosen = options.storage ?? { driver: 'fs', base: '.data/pleo-connect' }
    // `fs` is unstorage's fs driver with whole-file writes (temporary file + rename): a crash never leaves half a record.
    // The file is `.mjs` in the sources and `.js` once built: resolvePath finds either.
    const atomicFs = await resolvePath(resolver.resolve('./runtime/server/storage/atomic-fs'), { extensions: ['.mjs', '.js'] })
    const storage = chosen.driver === 'fs' ? { ...chosen, driver: atomicFs } : chosen
    nuxt.options.nitro.storage[STORAGE_MOUNT] ||= storage
    // Dev resolves a relative fs base against the app, like Nitro's own `.data/kv`; production uses the cwd.
    nuxt.options.nitro.devStorage[STORAGE_MOUNT] ||= chosen.driver === 'fs' && typeof storage.base === 'string'
      ? { ...storage, base: join(nuxt.options.rootDir, storage.base) }
      : storage

    warnOnStatelessStorage(nuxt, !options.storage)
    adaptToNuxtSecurity(nuxt, API_BASE)
    addDevtoolsTab(nuxt, resolver)

    for (const { method, route, file } of ROUTES) {
      addServerHandler({ method, route: API_BASE + route, handler: resolver.resolve(`./runtime/server/api/_pleo-connect/${file}`) })
    }

    // Server utils for the host app's own code: getPleoConnection, requirePleoConnection, usePleoClient, getPleoDiagnostics.
    addServerImportsDir(resolver.resolve('./runtime/server/utils'))

    // Tasks: re-verification (scheduled unless `healthCheck.schedule` is false) and re-sealing after key rotation.
    nuxt.options.nitro.experimental = defu(nuxt.options.nitro.experimental, { tasks: true })
    nuxt.options.nitro.tasks = defu(nuxt.options.nitro.tasks, {
      'pleo-connect:verify': { handler: resolver.resolve('./runtime/server/tasks/verify-connections') },
      // Run after promoting a new encryption key (`runTask('pleo-connect:rewrap')`).
      'pleo-connect:rewrap': { handler: resolver.resolve('./runtime/server/tasks/rewrap-keys') },
    })
    const schedule = options.healthCheck?.schedule
    if (schedule) {
      const scheduled = nuxt.options.nitro.scheduledTasks ||= {}
      scheduled[schedule] = [...[scheduled[schedule] ?? []].flat(), 'pleo-connect:verify']
    }

    nuxt.options.alias['#pleo-connect-fake'] = resolver.resolve('./fake')
    addServerPlugin(resolver.resolve('./runtime/server/plugins/transport-warning'))
    if (fake.enabled) {
      addServerPlugin(resolver.resolve('./runtime/server/plugins/fake-pleo'))
    }
  },
})

/** A scopes option as Pleo scope names with their purposes; anything else stops the build with what is wrong. */
function scopeList(scopes: PleoScopeOption[] | undefined, option: string): Array<{ scope: string, purpose?: string }> {
  if (scopes === undefined) return []
  const entries = Array.isArray(scopes) ? scopes.map(entry => (typeof entry === 'string' ? { scope: entry } : entry)) : [undefined]
  if (entries.some(entry => typeof entry?.scope !== 'string' || !SCOPE_NAME_PATTERN.test(entry.scope) || ('purpose' in entry && typeof entry.purpose !== 'string'))) {
    throw new Error(`[pleo-connect] ${option} must list Pleo scope names such as 'expenses:read' (or { scope, purpose }); got ${JSON.stringify(scopes)}.`)
  }
  const byScope = new Map((entries as Array<{ scope: string, purpose?: string }>).map(entry => [entry.scope, entry]))
  return [...byScope.values()]
}

/**
 * `healthCheck.expiryReminders` as the sweep uses it: whole days, largest first, each once. Anything else stops the
 * build with what is wrong, rather than reminders that silently never come.
 */
function expiryReminderLadder(reminders: number[] | undefined): number[] {
  if (reminders === undefined) return EXPIRY_REMINDERS
  if (!Array.isArray(reminders) || reminders.some(days => !Number.isInteger(days) || days < 0 || days > 366)) {
    throw new Error(`[pleo-connect] healthCheck.expiryReminders must be whole numbers of days from 0 to 366, e.g. [30, 7, 1]; got ${JSON.stringify(reminders)}.`)
  }
  return [...new Set(reminders)].sort((a, b) => b - a)
}

/** `standbyHours` as a number of hours from 0 (off) up to a week; anything else stops the build with what is wrong. */
function standbyWindowHours(hours: number | undefined): number {
  if (hours === undefined) return 24
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > 168) {
    throw new Error(`[pleo-connect] standbyHours must be a number of hours from 0 (off) to 168; got ${JSON.stringify(hours)}.`)
  }
  return hours
}

/** `healthCheck.incidentReminders` as the sweep uses it: hours after the incident opened, ascending, each once. */
function incidentReminderHours(hours: number[] | undefined): number[] {
  if (hours === undefined) return INCIDENT_REMINDER_HOURS
  if (!Array.isArray(hours) || !hours.length || hours.some(hour => typeof hour !== 'number' || !(hour > 0) || hour > 24 * 366)) {
    throw new Error(`[pleo-connect] healthCheck.incidentReminders must be hours after an incident opened, above 0, e.g. [1, 6, 24]; got ${JSON.stringify(hours)}.`)
  }
  return [...new Set(hours)].sort((a, b) => a - b)
}

/** The app routes with pages: an `app/pages/` directory, or `pages: true` (read before and after Nuxt decides). */
function usesPages(nuxt: Nuxt): boolean {
  const pages = nuxt.options.pages as boolean | { enabled?: boolean } | undefined
  return typeof pages === 'object' ? pages.enabled !== false : pages === true
}

/**
 * `nuxt dev` without NUXT_PLEO_CONNECT_ENCRYPTION_KEY: make one local key, keep it under .data (gitignored),
 * and say so without printing it. Production never does this: it refuses to store keys instead.
 */
function useDevEncryptionKey(rootDir: string, runtimeConfig: Partial<ModuleRuntimeConfig>, logger: ReturnType<typeof useLogger>): string {
  if (process.env.NUXT_PLEO_CONNECT_ENCRYPTION_KEY || runtimeConfig.pleoConnect?.encryptionKey) return ''
  const file = localEncryptionKeyPath(rootDir)
  const { key, created } = readOrCreateLocalEncryptionKey(file)
  logger.info(`No NUXT_PLEO_CONNECT_ENCRYPTION_KEY set: ${created ? 'generated' : 'using'} a development encryption key in ${file}. Set the variable in production.`)
  return key
}
