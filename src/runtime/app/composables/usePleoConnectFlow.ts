import { computed, nextTick, ref, watch } from 'vue'
import type { ConnectionView } from '../../shared/schemas'
import type { PleoConnectionError } from '../utils/connection-error'
import { usePleoConnection } from './usePleoConnection'
import { usePleoMessages } from './usePleoMessages'

/** The places the flow moves focus to; the view maps each to its element. */
export type PleoConnectFlowFocus = 'title' | 'keyField' | 'confirmation' | 'verifyError' | 'updateButton' | 'disconnectButton' | 'disconnectPanel'

export interface PleoConnectFlowOptions {
  /** Open the replacement field at once (the banner's "Replace API Key" link, `?pleo=replace`). */
  replaceRequested: () => boolean
  /** Moves focus to one of the flow's places, once the DOM shows it. */
  focus: (target: PleoConnectFlowFocus) => void
}

/**
 * The connect flow of `<PleoConnect>`: which panel is open (the replacement field, the disconnect confirmation,
 * the "API Key updated" notice), what each outcome announces to screen readers and where focus goes. The
 * component renders it; the rules of the flow live here.
 */
export function usePleoConnectFlow({ replaceRequested, focus }: PleoConnectFlowOptions) {
  const connection = usePleoConnection()
  const { view, state, pending, error, hasWorkingKey } = connection
  const { messages, format } = usePleoMessages()

  const updating = ref(replaceRequested())
  const confirmingDisconnect = ref(false)
  /** After a replacement passed, a visible confirmation (the live region alone is for screen readers). */
  const replacedNotice = ref(false)
  const announcement = ref('')

  /** The first connection is being validated by someone else (another tab or admin): follow it. */
  const validatingElsewhere = computed(() => view.value?.state === 'validating' && !pending.value)
  /** A replacement key is being checked elsewhere while the current one keeps working: follow it. */
  const replacingElsewhere = computed(() => validatingElsewhere.value && hasWorkingKey.value)
  /**
   * A failed first connection from before this page was opened; this page's own failures show at the field.
   * Hidden while a new key is being validated, so "Connection failed" never stands next to "Validation in progress".
   */
  const showStoredFailure = computed(() => (view.value?.state === 'failed' && error.value?.during !== 'connect' && pending.value !== 'connect')
    || (view.value?.state === 'disconnected' && view.value.problem?.variant === 'uninstall_failed'))
  const verifyFailure = computed<PleoConnectionError | null>(() => error.value?.during === 'verify' ? error.value : null)
  const updateFormShown = computed(() => updating.value && hasWorkingKey.value)

  async function say(text: string) {
    // Clearing first makes a repeated message be announced again.
    announcement.value = ''
    await nextTick()
    announcement.value = text
  }

  const focusLater = (target: PleoConnectFlowFocus) => void nextTick(() => focus(target))

  // A "?pleo=replace" link followed while not connected must not open the update form over a new connection
  // (made here or seen on returning to the tab). Registered first, so the form never flashes open.
  watch(() => view.value ? hasWorkingKey.value : undefined, (working, before) => {
    if (working && before === false) updating.value = false
  })
  watch(updateFormShown, (shown) => {
    if (shown) focusLater('keyField')
  })

  watch(pending, (action, before) => {
    if (action === 'connect' || action === 'replace') void say(messages.value.announce.validating)
    else if (action === 'verify') void say(messages.value.announce.checking)
    // A first connection or a disconnect that succeeded swaps the panel that started it, so it cannot tell us.
    else if (before === 'connect' && !action && !error.value && view.value && hasWorkingKey.value) onConnected(view.value)
    else if (before === 'disconnect' && !action && !error.value && view.value?.state === 'disconnected') onDisconnected()
  })

  // Changes seen by a refresh (window focus, polling) are announced; this page's own actions announce themselves.
  watch([state, pending], ([now, action], [before, actionBefore]) => {
    if (action || actionBefore || !before || now === before) return
    const m = messages.value.announce
    if (now === 'connected') void say(format(m.connected, { companyId: view.value?.company?.id }))
    else if (now === 'action_required') void say(m.action_required)
    else if (now === 'validating') void say(m.validating)
    else if (now === 'failed') void say(m.failed)
    else if (now === 'disconnected') void say(m.disconnected)
  })

  watch(confirmingDisconnect, (open) => {
    if (open) focusLater('disconnectPanel')
  })

  function onConnected(next: ConnectionView) {
    void say(format(messages.value.announce.connected, { companyId: next.company?.id }))
    focusLater('confirmation')
  }

  function onReplaced(next: ConnectionView) {
    updating.value = false
    replacedNotice.value = true
    void say(format(messages.value.announce.replaced, { companyId: next.company?.id }))
    focusLater('confirmation')
  }

  function onFailed(failure: PleoConnectionError, mode: 'connect' | 'replace') {
    // The follow-up questions (which company, switch company) read themselves when they take focus.
    if (failure.code === 'organisation_key_needs_company' || (mode === 'replace' && failure.code === 'key_other_company')) return
    void say(mode === 'connect' ? messages.value.announce.failed : messages.value.announce.refused)
  }

  function onDisconnected() {
    confirmingDisconnect.value = false
    void say(messages.value.announce.disconnected)
    focusLater('title')
  }

  function openUpdate() {
    replacedNotice.value = false
    confirmingDisconnect.value = false
    connection.clearError()
    updating.value = true
  }

  function closeUpdate() {
    updating.value = false
    focusLater('updateButton')
  }

  async function runVerify() {
    if (pending.value) return
    const result = await connection.verify()
    if (!result.ok) {
      focusLater('verifyError')
      return
    }
    const m = messages.value
    if (result.view.state === 'action_required') void say(m.announce.action_required)
    else if (result.view.problem) void say(m.problem.transientTitle)
    else void say(m.announce.verified)
  }

  function openDisconnect() {
    replacedNotice.value = false
    updating.value = false
    connection.clearError()
    confirmingDisconnect.value = true
  }

  function closeDisconnect() {
    confirmingDisconnect.value = false
    focusLater('disconnectButton')
  }

  return {
    updating,
    updateFormShown,
    confirmingDisconnect,
    replacedNotice,
    /** The text of the component's live region. */
    announcement,
    validatingElsewhere,
    replacingElsewhere,
    showStoredFailure,
    verifyFailure,
    onReplaced,
    onFailed,
    openUpdate,
    closeUpdate,
    runVerify,
    openDisconnect,
    closeDisconnect,
  }
}
