// The module's HTTP routes, for the server's route table, the admin UI and the tests alike.
export const API_BASE = '/api/_pleo-connect'

export const ROUTES = {
  /** GET the view, POST a first key, PUT a replacement, DELETE to disconnect (`?uninstall=1`). */
  connection: `${API_BASE}/connection`,
  /** POST: check the stored key against Pleo now. */
  verify: `${API_BASE}/connection/verify`,
  /** POST `{ apiKey }`: is this the key in use? `{ matches }`, by fingerprint, with no call to Pleo. */
  compare: `${API_BASE}/connection/compare`,
  /** GET: the tenant's audit trail, newest first. */
  events: `${API_BASE}/connection/events`,
  /** GET: the tenant's diagnostics report for support, as a JSON file download (never a key). */
  diagnostics: `${API_BASE}/connection/diagnostics`,
  /** DELETE: destroy the previous key kept as a standby after a replacement, now. */
  standby: `${API_BASE}/connection/standby`,
  /** POST: start a "This key may have leaked" drill. */
  leakDrill: `${API_BASE}/connection/leak-drill`,
  /** POST: ask Pleo whether the drill's old key is dead; refused by Pleo closes the drill. */
  leakDrillVerify: `${API_BASE}/connection/leak-drill/verify`,
} as const

/** The Nuxt DevTools tab of `nuxt dev` (never in a production build): its page and the route that runs a task. */
export const DEVTOOLS_ROUTES = {
  page: '/__pleo-connect/devtools',
  run: '/__pleo-connect/devtools/run',
} as const
