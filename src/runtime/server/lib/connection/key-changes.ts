import { randomUUID } from 'node:crypto'
import { checkApiKeyFormat, normaliseApiKey } from '../../../shared/key-format'
import { keyHint } from '../../../shared/key-hint'
import { formatMessage } from '../../../shared/i18n/catalogue'
import { en } from '../../../shared/i18n/en'
import type { ConnectBody, ConnectionProblem, ConnectionView, ReplaceBody } from '../../../shared/schemas'
import type { PleoAccess } from '../http/access-policy'
import { activateInstallation } from '../pleo/activation'
import { diagnoseRefusedKey } from '../pleo/environment-diagnosis'
import { assertKeyNotKnown, fingerprintField, shortFingerprint } from './known-keys'
import { claimCompany, releaseCompany } from './company-claims'
import { newestFirst, readTrail, recordEvent } from './audit-trail'
import { closeIncident, pendingCallsOf, reportIncidentResolved } from './incidents'
import type { ConnectionRecord } from '../records'
import { hasExpiredByDate, toConnectionView } from './view'
import { resolveEnvironment, resolveKeyType, useModuleConfig } from '../config'
import { useKeyring } from '../vault/keyring'
import { PleoConnectError, isPleoConnectError, problemOf } from '../errors'
import { createPleoClient } from '../pleo/http-client'
import { clientForRecord, installationQuery, resolvePleoBaseUrl } from '../pleo/stored-key-client'
import { errorForPleoStatus } from '../pleo/status-map'
import { useConnectionStores } from '../storage/stores'
import { assertAttemptsLeft, assertPleoNotHoldingOff, clearFailedAttempts, holdOffPleo, recordFailedAttempt, validationProgress, withValidationSlot } from './validation-slot'
import { keyFingerprint, sealSecret } from '../vault/sealing'
import { auditStandbyDestroyed, standbyAfterReplacement } from './standby'

/** Upstream trouble that says nothing about the key itself. */
const TRANSIENT_CODES = new Set(['pleo_rate_limited', 'pleo_unreachable', 'pleo_unavailable'])

export async function readConnection({ tenantId }: PleoAccess): Promise<ConnectionView> {
  // Both reads at once (on Redis, two commands in one trip over the connection). A validation writes its record
  // before it frees its slot, so once a write has been answered every instance reads it.
  const [stored, progress] = await Promise.all([useConnectionStores().connections.readShared(tenantId), validationProgress(tenantId)])
  return toConnectionView(stored?.value, progress)
}

/** First connection. On an existing connection it behaves as a replacement (without a company change). */
export function connectKey(access: PleoAccess, body: ConnectBody): Promise<ConnectionView> {
  return submitKey(access, { ...body, confirmCompanyChange: false }, 'connect')
}

/** Replaces the key of a connection: the old key stays in force until the new one has passed. */
export function replaceKey(access: PleoAccess, body: ReplaceBody): Promise<ConnectionView> {
  return submitKey(access, body, 'replace')
}

async function submitKey(access: PleoAccess, body: ReplaceBody, mode: 'connect' | 'replace'): Promise<ConnectionView> {
  const { tenantId, actor } = access
  const apiKey = normaliseApiKey(body.apiKey)
  const formatProblem = checkApiKeyFormat(apiKey)
  if (formatProblem) throw new PleoConnectError('key_malformed', { variant: formatProblem })
  // A key whose own expiry date has passed would need action at once; a past date is most likely mistyped.
  if (body.keyExpiresAt && hasExpiredByDate(body)) {
    throw new PleoConnectError('invalid_request', { variant: 'expiry_passed', field: 'keyExpiresAt', params: { date: body.keyExpiresAt.slice(0, 10) } })
  }

  const config = useModuleConfig()
  // Refuse before activating anything upstream if the key could not be stored afterwards.
  const keyring = useKeyring(config)
  const baseUrl = await resolvePleoBaseUrl()
  const store = useConnectionStores().connections

  // The record and the audit trail at once: the trail names a key seen before, and takes this submit's event
  // later without being read again. A trail that cannot be read names nothing (and is read again to be written).
  const [stored, trail] = await Promise.all([store.read(tenantId), readTrail(tenantId).catch(() => undefined)])
  const before = stored?.value
  const previous = before?.sealedKey ? before : undefined
  if (mode === 'replace' && !previous) throw new PleoConnectError('not_connected')
  await assertAttemptsLeft(tenantId, actor, config.attempts)
  const credential = keyFingerprint(keyring, apiKey)
  assertKeyNotKnown(newestFirst(trail ?? null), credential, previous, body.acceptKnownKey)

  return withValidationSlot(tenantId, async (reportStep) => {
    // Again under the slot: another instance may have counted a failure since the check above.
    await assertAttemptsLeft(tenantId, actor, config.attempts)
    await assertPleoNotHoldingOff(credential)
    const pleo = createPleoClient({ baseUrl, apiKey, timeout: config.timeout })
    // The company is claimed for this tenant as soon as it is known, before anything is written in Pleo: of two
    // tenants racing for one company (on any instances) one wins the claim, and the other writes nothing.
    let claimed: string | undefined
    const giveUpClaim = async () => {
      if (claimed && claimed.toLowerCase() !== previous?.company?.id.toLowerCase()) await releaseCompany(tenantId, claimed)
    }
    let result: Awaited<ReturnType<typeof activateInstallation>>
    try {
      result = await activateInstallation(pleo, {
        companyId: body.companyId,
        metadata: config.installationMetadata,
        requiredScopes: config.scopes?.required,
        onStep: reportStep,
        checkCompany: async (companyId) => {
          assertCompanyChangeAllowed(previous, companyId, body.confirmCompanyChange === true)
          await claimCompany(tenantId, companyId, { connected: previous?.company?.id.toLowerCase() === companyId.toLowerCase() })
          claimed = companyId
        },
      })
    }
    catch (failure) {
      await giveUpClaim()
      if (isPleoConnectError(failure) && failure.code === 'pleo_rate_limited' && failure.data.retryAfter) await holdOffPleo(credential, failure.data.retryAfter)
      // The connection view shows the step while the other environment is asked.
      const error = await diagnoseRefusedKey(failure, apiKey, config, () => reportStep('checking_other_environment'))
      await refuse(access, error, previous, credential)
      throw error
    }

    const nowDate = new Date()
    const now = nowDate.toISOString()
    const hint = keyHint(apiKey)
    const sameCompany = previous?.company?.id.toLowerCase() === result.company.id.toLowerCase()
    // The previous key stands by (sealed) for the window, or until an open leak drill proves it dead.
    const standby = previous && standbyAfterReplacement(previous, { sameCompany, now: nowDate })
    const next: ConnectionRecord = {
      state: 'connected',
      keyType: resolveKeyType(config),
      environment: resolveEnvironment(config),
      keyId: randomUUID(),
      sealedKey: sealSecret(keyring, tenantId, apiKey),
      keyHint: hint,
      keyFingerprint: credential,
      company: result.company,
      installation: result.installation,
      organisationKey: result.organisationKey,
      ...(result.scopes && { scopes: result.scopes }),
      // "Connected since" is the company's first connection; a replacement for the same company keeps it.
      connectedAt: sameCompany ? previous?.connectedAt ?? now : now,
      ...(previous && { keyReplacedAt: now }),
      lastVerifiedAt: now,
      // A new key has its own expiry date: the old key's date never carries over.
      keyExpiresAt: body.keyExpiresAt,
      ...(standby && { standby }),
      // A drill waiting for the new key moves on to proving the old one dead.
      ...(previous?.leakDrill && { leakDrill: { startedAt: previous.leakDrill.startedAt, step: 'prove_old_key_dead' as const } }),
      keySavedBy: actor,
      updatedAt: now,
    }
    // A key that works closes the incident of the key it replaces; the calls that failed meanwhile go with it.
    const pendingCalls = previous && pendingCallsOf(tenantId, previous)
    const written = await store.update(tenantId, (current) => {
      // Someone replaced or removed the key while this one was being checked: never overwrite their change.
      if (current?.value.keyId !== previous?.keyId) throw new PleoConnectError('busy')
      return current ? { ...next, ...closeIncident(current.value, pendingCalls, now) } : next
    }).catch(async (error: unknown) => {
      await giveUpClaim()
      throw error
    })
    if (previous?.company && previous.company.id !== result.company.id) await releaseCompany(tenantId, previous.company.id)
    // The attempt counter is cleared while the event is stored: neither waits for the other (on Redis, one trip).
    await Promise.all([clearFailedAttempts(tenantId, actor), recordEvent({
      type: previous ? 'key_replaced' : 'connected',
      tenantId,
      actor,
      companyId: result.company.id,
      ...(previous?.company && previous.company.id !== result.company.id && { previousCompanyId: previous.company.id }),
      keyHint: hint,
      keyFingerprint: shortFingerprint(credential),
      ...(previous?.keyFingerprint && { previousKeyFingerprint: shortFingerprint(previous.keyFingerprint) }),
      state: 'connected',
    }, trail)])
    // An earlier standby this replacement pushed out (the previous key stands by now, or none does).
    const pushedOut = previous?.standby && previous.standby.keyId !== standby?.keyId ? previous.standby : undefined
    if (pushedOut && written) await auditStandbyDestroyed(tenantId, actor, written.value, pushedOut, 'replaced')
    const closed = written?.value.lastIncident
    if (previous?.incident && closed?.id === previous.incident.id) await reportIncidentResolved(tenantId, written!.value, actor, 'key_replaced', previous)
    return toConnectionView(written?.value)
  })
}

function assertCompanyChangeAllowed(previous: ConnectionRecord | undefined, companyId: string, confirmed: boolean) {
  const connectedId = previous?.company?.id
  if (!connectedId || connectedId.toLowerCase() === companyId.toLowerCase() || confirmed) return
  throw new PleoConnectError('key_other_company', { variant: 'switch', companyId, connectedCompanyId: connectedId })
}

/** A refused key: audited, counted against the attempt limit, and a first connection shows why it failed. */
async function refuse({ tenantId, actor }: PleoAccess, error: unknown, previous: ConnectionRecord | undefined, fingerprint: string) {
  const code = isPleoConnectError(error) ? error.code : 'internal_error'
  const variant = isPleoConnectError(error) ? error.data.variant : undefined
  if (!TRANSIENT_CODES.has(code)) await recordFailedAttempt(tenantId, actor, useModuleConfig().attempts)
  if (!previous && isPleoConnectError(error)) {
    const config = useModuleConfig()
    await useConnectionStores().connections.update(tenantId, current => current?.value.sealedKey
      ? undefined
      : {
          state: 'failed',
          keyType: resolveKeyType(config),
          environment: resolveEnvironment(config),
          problem: problemOf(error),
          updatedAt: new Date().toISOString(),
        })
  }
  await recordEvent({
    type: previous ? 'replace_refused' : 'connect_failed',
    tenantId,
    actor,
    code,
    ...(variant && { variant }),
    ...(previous?.company && { companyId: previous.company.id }),
    // The refused key's, so that the same key pasted again is named before it is sent (known-keys.ts).
    keyFingerprint: shortFingerprint(fingerprint),
    state: previous?.state ?? 'failed',
  })
}

/**
 * Forgets the key; with `uninstall`, first deletes the installation in Pleo (an already missing one is fine).
 * Disconnecting always works: when Pleo cannot delete the installation (the key was revoked, Pleo is down), the key
 * is forgotten anyway and the answer's `problem` says that the integration is still installed in Pleo.
 */
export async function disconnect(access: PleoAccess, { uninstall }: { uninstall: boolean }): Promise<ConnectionView> {
  const { tenantId, actor } = access
  const store = useConnectionStores().connections
  const existing = (await store.read(tenantId))?.value
  if (!existing) throw new PleoConnectError('not_connected')

  const notUninstalled = uninstall && existing.sealedKey ? await uninstallInPleo(tenantId, existing) : undefined

  let removed: ConnectionRecord | undefined
  await store.update(tenantId, (current) => {
    if (current?.value.keyId !== existing.keyId) throw new PleoConnectError('busy')
    removed = current?.value
    return null
  })
  if (existing.company) await releaseCompany(tenantId, existing.company.id)
  await recordEvent({
    type: 'disconnected',
    tenantId,
    actor,
    companyId: existing.company?.id,
    keyHint: existing.keyHint,
    ...fingerprintField(existing),
    ...(notUninstalled && { code: notUninstalled.code }),
    state: 'disconnected',
  })
  // Nobody is left to fix it: the incident of a connection that was removed closes with it.
  if (removed?.incident) {
    const now = new Date().toISOString()
    await reportIncidentResolved(tenantId, { ...removed, ...closeIncident(removed, pendingCallsOf(tenantId, removed), now) }, actor, 'disconnected')
  }
  const view = toConnectionView(undefined)
  return notUninstalled ? { ...view, problem: notUninstalled } : view
}

/** Deletes the installation in Pleo: `undefined` when done (or already gone), else why it is still there. */
async function uninstallInPleo(tenantId: string, record: ConnectionRecord): Promise<ConnectionProblem | undefined> {
  try {
    const pleo = await clientForRecord(tenantId, record)
    const response = await pleo.request('DELETE', '/v1/installations/me', { query: installationQuery(record) })
    if (response.status === 204 || response.status === 200 || response.status === 404) return undefined
    throw errorForPleoStatus(response.status, { retryAfter: response.retryAfter })
  }
  catch (error) {
    const reason = problemOf(error)
    return { ...reason, variant: 'uninstall_failed', message: formatMessage(en.disconnect.notRemoved, { reason: reason.message }) }
  }
}
