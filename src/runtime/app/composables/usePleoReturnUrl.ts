import { useRuntimeConfig } from '#imports'
import { safeLinkTarget } from '../utils/link-target'

/**
 * Where "Return to Pleo" leads after a connection (module option `returnUrl`, env
 * `NUXT_PUBLIC_PLEO_CONNECT_RETURN_URL`), or `undefined` when none is set or it is not an http(s) address or a path.
 */
export function usePleoReturnUrl(): string | undefined {
  const returnUrl = (useRuntimeConfig().public as { pleoConnect?: { returnUrl?: unknown } }).pleoConnect?.returnUrl
  return typeof returnUrl === 'string' ? safeLinkTarget(returnUrl.trim()) : undefined
}
