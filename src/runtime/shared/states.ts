// The connection's states, as values the browser can import without the request schemas (and zod).
export const CONNECTION_STATES = ['disconnected', 'validating', 'connected', 'failed', 'action_required'] as const
export type ConnectionState = typeof CONNECTION_STATES[number]
export type KeyType = 'standalone' | 'integrated'
export type PleoEnvironment = 'production' | 'staging'
