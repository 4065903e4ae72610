import type { H3Event } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import type { KeyType } from '../../../shared/schemas'
import { resolveKeyType, useModuleConfig } from '../config'
import { cleanText } from '../../../shared/clean-text'
import { isPleoConnectError, PleoConnectError } from '../errors'
import { isValidTenantId } from '../tenant-id'
import { logger } from '../logger'

export const STANDALONE_TENANT_ID = 'default'
const AUTHORIZE_HOOK = 'pleo-connect:authorize'

/** Handed to the `pleo-connect:authorize` Nitro hook, which fills in the decision. */
export interface PleoAuthorizeContext {
  event: H3Event
  /**
   * What the request wants: `read` (the settings page's GET routes: the connection view and the audit trail),
   * `manage` (connect, replace, verify, disconnect), or `use` (the app's own server code calling
   * `getPleoConnection`/`requirePleoConnection`/`usePleoClient` for this request): `allowed: false` refuses it,
   * undecided allows it.
   */
  action: 'read' | 'manage' | 'use'
  keyType: KeyType
  /** Integrated keys: the host app names the tenant (customer) the request belongs to. Ignored for Standalone. */
  tenantId?: string
  /** Who is acting, for the audit trail (a user id or e-mail; never a secret). */
  actor?: string
  /** The decision: `true` allows, `false` refuses. Left undefined means no policy is configured. */
  allowed?: boolean
}

export interface PleoAccess {
  tenantId: string
  actor: string
}

let warnedNoPolicy = false

/**
 * Asks the host app (through the `pleo-connect:authorize` hook) which tenant a request belongs to and whether
 * its user may do this. Runs inside every route: page middleware is not an authorization boundary.
 */
export async function resolveAccess(event: H3Event, action: 'read' | 'manage'): Promise<PleoAccess> {
  const { keyType, context } = await askPolicy(event, action)

  if (context.allowed === undefined) {
    if (!import.meta.dev) {
      throw new PleoConnectError('forbidden', {
        variant: 'no_policy',
        hint: `Developers: register a '${AUTHORIZE_HOOK}' Nitro hook that decides who may manage the connection.`,
        hintIn: 'action',
      })
    }
    if (!warnedNoPolicy) {
      warnedNoPolicy = true
      logger.warn(`No '${AUTHORIZE_HOOK}' hook is registered: every visitor may manage the Pleo connection. This is allowed in development only; production refuses with 'forbidden'.`)
    }
    context.allowed = true
  }
  if (context.allowed !== true) throw new PleoConnectError('forbidden')

  // The host app's value goes into log lines and the audit trail: no control characters or line separators.
  const actor = typeof context.actor === 'string' && cleanText(context.actor) ? cleanText(context.actor) : 'unknown'
  return { tenantId: tenantOf(keyType, context.tenantId), actor }
}

/**
 * The tenant a request belongs to, for the host app's own server code. An explicit id wins: the calling code vouches
 * for it (a task, a webhook). Otherwise the hook is asked with action `use`: it names the tenant (Integrated keys),
 * may refuse (`allowed: false`) or throw (a 401 of the app's own auth), and may leave `allowed` undecided.
 */
export async function resolveTenantForServerUse(event: H3Event, tenantId?: string): Promise<string> {
  const keyType = resolveKeyType(useModuleConfig())
  if (tenantId !== undefined) return tenantOf(keyType, tenantId)
  const { context } = await askPolicy(event, 'use')
  if (context.allowed === false) throw new PleoConnectError('forbidden', { variant: 'use_refused' })
  return tenantOf(keyType, context.tenantId)
}

async function askPolicy(event: H3Event, action: PleoAuthorizeContext['action']) {
  const keyType = resolveKeyType(useModuleConfig())
  const context: PleoAuthorizeContext = { event, action, keyType }
  try {
    await (useNitroApp().hooks.callHookWith as (caller: typeof inOrder, name: string, ctx: PleoAuthorizeContext) => Promise<unknown>)(inOrder, AUTHORIZE_HOOK, context)
  }
  catch (error) {
    throw refusalFrom(error)
  }
  return { keyType, context }
}

/**
 * The listeners one after another, each awaited, as `callHook` runs them, without the `console.createTask` it wraps
 * every call in (async stack tagging for devtools): on a read as light as the connection view, that cost more than
 * the app's own policy.
 */
function inOrder(listeners: Array<(...args: unknown[]) => unknown>, args: unknown[]): Promise<unknown> {
  return listeners.reduce<Promise<unknown>>((done, listener) => done.then(() => listener(...args)), Promise.resolve())
}

/**
 * An error thrown by the app's policy keeps its meaning in the module's error shape: a 401 (nuxt-auth-utils'
 * `requireUserSession` for an anonymous visitor) is `unauthenticated`, anything else refuses with `forbidden`.
 * Never a 500: the policy said no, or could not say yes.
 */
function refusalFrom(error: unknown): PleoConnectError {
  if (isPleoConnectError(error)) return error
  const status = (error as { statusCode?: unknown, status?: unknown } | null)?.statusCode ?? (error as { status?: unknown } | null)?.status
  if (status === 401) return new PleoConnectError('unauthenticated')
  if (status !== 403) {
    logger.error(`the '${AUTHORIZE_HOOK}' hook threw ${error instanceof Error ? error.name : typeof error}${typeof status === 'number' ? ` (status ${status})` : ''}; the request was refused`)
  }
  return new PleoConnectError('forbidden')
}

function tenantOf(keyType: KeyType, tenantId: unknown): string {
  const resolved = keyType === 'standalone' ? STANDALONE_TENANT_ID : tenantId
  if (typeof resolved !== 'string' || !isValidTenantId(resolved)) {
    throw new PleoConnectError('forbidden', { variant: 'unknown_tenant', hint: `Developers: set context.tenantId in the '${AUTHORIZE_HOOK}' hook.`, hintIn: 'action' })
  }
  return resolved
}
