import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue'
import type { PleoActionResult, PleoReplaceOptions } from '../utils/connection-actions'
import type { PleoConnectionError } from '../utils/connection-error'
import { usePleoConnection } from './usePleoConnection'

/** A question the server asked about the key just sent, answered by sending the same key again with the answer. */
export type PleoKeyFollowUp
  = | { kind: 'pick', companies: Array<{ id: string, name?: string }> }
    | { kind: 'confirm', companyId: string, connectedCompanyId: string }
    | { kind: 'known', error: PleoConnectionError }

/**
 * Sending a key, with the follow-up questions of Pleo's flow: an organisation-level key asks which company
 * (`followUp.kind === 'pick'`), a replacement key of another company asks whether to switch (`'confirm'`), a key
 * this connection had before (in use, replaced, refused by Pleo) asks whether to send it anyway (`'known'`). The
 * `<PleoApiKeyField>` uses it; an app with a key field of its own can too.
 *
 * It never keeps the key: every call takes it again, so the key lives only in the caller's field.
 *
 * @example
 * const submission = usePleoKeySubmission('connect')
 * const result = await submission.submit(apiKey)
 * if (submission.followUp.value?.kind === 'pick') await submission.chooseCompany(apiKey, companyId)
 */
export function usePleoKeySubmission(mode: MaybeRefOrGetter<'connect' | 'replace'> = 'connect') {
  const connection = usePleoConnection()
  const sending = ref(false)
  const error = ref<PleoConnectionError | null>(null)
  // The options of the last send (an expiry date, a company): a follow-up answer adds to them.
  let sentOptions: PleoReplaceOptions = {}

  const followUp = computed<PleoKeyFollowUp | undefined>(() => {
    const current = error.value
    if (current?.code === 'organisation_key_needs_company') return { kind: 'pick', companies: current.companies ?? [] }
    if (current?.code === 'key_seen_before') return { kind: 'known', error: current }
    if (toValue(mode) === 'replace' && current?.code === 'key_other_company' && current.companyId && current.connectedCompanyId) {
      return { kind: 'confirm', companyId: current.companyId, connectedCompanyId: current.connectedCompanyId }
    }
    return undefined
  })

  async function submit(apiKey: string, options: PleoReplaceOptions = {}): Promise<PleoActionResult> {
    sending.value = true
    error.value = null
    sentOptions = options
    try {
      const result = toValue(mode) === 'replace' ? await connection.replace(apiKey, options) : await connection.connect(apiKey, options)
      if (!result.ok) error.value = result.error
      return result
    }
    finally {
      sending.value = false
    }
  }

  return {
    /** A key is on its way to the server. */
    sending,
    /** Why the last key was refused, or the question asked about it; `null` after a success. */
    error,
    followUp,
    submit,
    /** Answers "which company?" for an organisation-level key. */
    chooseCompany: (apiKey: string, companyId: string) => submit(apiKey, { ...sentOptions, companyId }),
    /** Answers "this key was seen before (in use, replaced, refused): send it anyway?" with yes. */
    useKnownKey: (apiKey: string) => submit(apiKey, { ...sentOptions, acceptKnownKey: true }),
    /** Answers "switch to the key's company?" with yes. */
    confirmCompanyChange: (apiKey: string) => submit(apiKey, { ...sentOptions, confirmCompanyChange: true }),
    /** Forgets the last refusal or question (the admin declined it, or cancelled). */
    reset: () => {
      error.value = null
    },
  }
}
