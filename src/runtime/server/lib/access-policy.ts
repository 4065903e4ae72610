import type { H3Event } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import type { KeyType } from '../../shared/schemas'
import { resolveKeyType, useModuleConfig } from './config'
import { PleoConnectError } from './errors'
import { isValidTenantId } from './tenant-id'

export const STANDALONE_TENANT_ID = 'default'
const AUTHORIZE_HOOK = 'pleo-connect:authorize'

/** Handed to the `pleo-connect:authorize` Nitro hook, which fills in the decision. */
export interface PleoAuthorizeContext {
  event: H3Event
  /**
   * `read` for GET routes, `manage` for the routes that change the connection, `use` when the host app's own
   * server code asks for the connection (`usePleoClient`): then only `tenantId` matters.
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
        message: 'The Pleo connection has no access policy on this server.',
        action: `Developers: register a '${AUTHORIZE_HOOK}' Nitro hook that decides who may manage the connection.`,
      })
    }
    if (!warnedNoPolicy) {
      warnedNoPolicy = true
      console.warn(`[pleo-connect] No '${AUTHORIZE_HOOK}' hook is registered: every visitor may manage the Pleo connection. This is allowed in development only; production refuses with 'forbidden'.`)
    }
    context.allowed = true
  }
  if (context.allowed !== true) throw new PleoConnectError('forbidden')

  const actor = typeof context.actor === 'string' && context.actor ? context.actor.slice(0, 200) : 'unknown'
  return { tenantId: tenantOf(keyType, context.tenantId), actor }
}

/**
 * The tenant a request belongs to, for the host app's own server code: an explicit id wins; otherwise
 * Standalone has its one tenant and Integrated asks the hook (action `use`; its decision is not needed).
 */
export async function resolveTenantForServerUse(event: H3Event, tenantId?: string): Promise<string> {
  const keyType = resolveKeyType(useModuleConfig())
  if (tenantId !== undefined || keyType === 'standalone') return tenantOf(keyType, tenantId)
  return tenantOf(keyType, (await askPolicy(event, 'use')).context.tenantId)
}

async function askPolicy(event: H3Event, action: PleoAuthorizeContext['action']) {
  const keyType = resolveKeyType(useModuleConfig())
  const context: PleoAuthorizeContext = { event, action, keyType }
  await (useNitroApp().hooks.callHook as (name: string, ctx: PleoAuthorizeContext) => Promise<unknown>)(AUTHORIZE_HOOK, context)
  return { keyType, context }
}

function tenantOf(keyType: KeyType, tenantId: unknown): string {
  const resolved = keyType === 'standalone' ? STANDALONE_TENANT_ID : tenantId
  if (typeof resolved !== 'string' || !isValidTenantId(resolved)) {
    throw new PleoConnectError('forbidden', {
      message: 'This request does not belong to a known customer account.',
      action: `Developers: set context.tenantId in the '${AUTHORIZE_HOOK}' hook.`,
    })
  }
  return resolved
}
