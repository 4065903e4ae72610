// "Is this the key in use?": a pasted key compared with the stored one by fingerprint, with no call to Pleo. For an
// admin who finds a key in a password manager or a colleague's note and wants to know whether it is the live one.
import { timingSafeEqual } from 'node:crypto'
import { checkApiKeyFormat, normaliseApiKey } from '../../../shared/key-format'
import type { PleoAccess } from '../http/access-policy'
import { useModuleConfig } from '../config'
import { PleoConnectError } from '../errors'
import { useConnectionStores } from '../storage/stores'
import { useKeyring } from '../vault/keyring'
import { keyFingerprint, openSecret } from '../vault/sealing'
import { recordEvent } from './audit-trail'
import { fingerprintField } from './known-keys'
import { assertAttemptsLeft, recordFailedAttempt } from './validation-slot'

/**
 * `{ matches }` for a key against the tenant's stored key. A key that does not match counts against the admin's
 * attempt limit (so the route cannot be used to try keys), and every comparison is audited.
 */
export async function compareWithKeyInUse(access: PleoAccess, body: { apiKey: string }): Promise<{ matches: boolean }> {
  const { tenantId, actor } = access
  const apiKey = normaliseApiKey(body.apiKey)
  const formatProblem = checkApiKeyFormat(apiKey)
  if (formatProblem) throw new PleoConnectError('key_malformed', { variant: formatProblem })
  const config = useModuleConfig()
  const record = (await useConnectionStores().connections.read(tenantId))?.value
  if (!record?.sealedKey) throw new PleoConnectError('not_connected')
  await assertAttemptsLeft(tenantId, actor, config.attempts)

  const keyring = useKeyring(config)
  // A record stored before fingerprints: its key is opened once to fingerprint it.
  const stored = record.keyFingerprint ?? keyFingerprint(keyring, openSecret(keyring, tenantId, record.sealedKey))
  const matches = timingSafeEqual(Buffer.from(keyFingerprint(keyring, apiKey)), Buffer.from(stored))
  if (!matches) await recordFailedAttempt(tenantId, actor, config.attempts)
  await recordEvent({
    type: 'key_compared',
    tenantId,
    actor,
    companyId: record.company?.id,
    keyHint: record.keyHint,
    ...fingerprintField(record),
    variant: matches ? 'matches' : 'differs',
    state: record.state,
  })
  return { matches }
}
