import { computed, nextTick, ref, watch } from 'vue'
import { useRuntimeConfig } from '#imports'
import { PLEO_API_KEYS_PAGES } from '../../shared/pleo-hosts'
import type { PleoEnvironment } from '../../shared/schemas'
import type { PleoConnectionError } from '../utils/connection-error'
import { usePleoConnection } from './usePleoConnection'
import { usePleoMessages } from './usePleoMessages'

/** The places the drill moves focus to; the view maps each to its element. */
export type PleoLeakDrillFocus = 'step' | 'closed' | 'error'

/** The drill's four steps as the page shows them: 1 and 3 happen in Pleo, 2 and 4 here. */
export const LEAK_DRILL_PAGE_STEPS = 4

/**
 * The "This key may have leaked" drill of `<PleoConnect>`: which of its four steps shows (the server keeps two, the
 * admin's "done" in Pleo moves between them), what each announces and where focus goes. Open Pleo's API key page →
 * paste the new key (the usual replacement: checked before it replaces the old key) → delete the old key in Pleo →
 * check with Pleo that the old key is dead, which closes the drill.
 */
export function useLeakDrillFlow({ focus }: { focus: (target: PleoLeakDrillFocus) => void }) {
  const connection = usePleoConnection()
  const { view, pending, error } = connection
  const { messages, format } = usePleoMessages()

  const drill = computed(() => view.value?.leakDrill)
  /** The admin has created the new key in Pleo (step 1 done). */
  const hasNewKey = ref(false)
  /** The admin has deleted the old key in Pleo (step 3 done). */
  const deletedOldKey = ref(false)
  /** The drill closed on this page: Pleo refuses the old key. */
  const closedNotice = ref(false)
  const announcement = ref('')
  let startedHere = false

  /** 1–4, or 0 with no drill open. A check that found the old key alive stays on step 4. */
  const step = computed(() => {
    if (!drill.value) return 0
    if (drill.value.step === 'replace_key') return hasNewKey.value ? 2 : 1
    return deletedOldKey.value || drill.value.oldKeyAliveAt ? 4 : 3
  })
  /** The old key's hint: the drill keeps it as the connection's standby. */
  const oldKeyHint = computed(() => view.value?.standby?.keyHint ?? '')
  const pleoKeysUrl = computed(() => apiKeysPage(view.value?.environment ?? 'production'))
  const verifyFailure = computed<PleoConnectionError | null>(() => error.value?.during === 'verifyLeakDrill' || error.value?.during === 'startLeakDrill' ? error.value : null)

  async function say(text: string) {
    announcement.value = ''
    await nextTick()
    announcement.value = text
  }
  const focusLater = (target: PleoLeakDrillFocus) => void nextTick(() => focus(target))

  const STEP_TITLES = ['openPleo', 'paste', 'deleteOld', 'verify'] as const
  watch(step, (now, before) => {
    if (!now || now === before) return
    const m = messages.value.leakDrill
    void say(`${format(m.stepOf, { step: now, count: LEAK_DRILL_PAGE_STEPS })}: ${m.steps[STEP_TITLES[now - 1]!].title}`)
    // A drill found open when the page loads does not take focus; one this page started or moved on does.
    if (before || startedHere) focusLater('step')
  })

  async function start() {
    if (pending.value) return
    closedNotice.value = false
    hasNewKey.value = false
    deletedOldKey.value = false
    startedHere = true
    const result = await connection.startLeakDrill()
    if (!result.ok) focusLater('error')
  }

  async function verifyOldKey() {
    if (pending.value) return
    void say(messages.value.leakDrill.steps.verify.checking)
    const result = await connection.verifyLeakDrill()
    if (!result.ok) {
      focusLater('error')
      return
    }
    if (!result.view.leakDrill) {
      closedNotice.value = true
      hasNewKey.value = false
      deletedOldKey.value = false
      void say(messages.value.leakDrill.closed)
      focusLater('closed')
      return
    }
    void say(format(messages.value.leakDrill.oldKeyAlive, { keyHint: oldKeyHint.value }))
    focusLater('step')
  }

  return {
    drill,
    step,
    oldKeyHint,
    pleoKeysUrl,
    closedNotice,
    verifyFailure,
    /** The text of the drill's live region. */
    announcement,
    start,
    verifyOldKey,
    confirmNewKey: () => {
      hasNewKey.value = true
    },
    confirmOldKeyDeleted: () => {
      deletedOldKey.value = true
    },
    /** The new key replaced the old one: the next step is in Pleo. */
    onReplaced: () => {
      deletedOldKey.value = false
    },
  }
}

/** Pleo's API key page for the environment (module option `apiKeysPage`): an https address, else the default. */
function apiKeysPage(environment: PleoEnvironment): string {
  const configured = (useRuntimeConfig().public as { pleoConnect?: { apiKeysPage?: Partial<Record<PleoEnvironment, string>> } }).pleoConnect?.apiKeysPage?.[environment]
  return configured && /^https:\/\/[^\s/]+/.test(configured) ? configured : PLEO_API_KEYS_PAGES[environment]
}
