import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import PleoAuditTrail from '../../src/runtime/app/components/PleoAuditTrail.vue'
import { usePleoMessages } from '../../src/runtime/app/composables/usePleoMessages'
import SettingsPage from '../../src/runtime/app/pages/settings-pleo.vue'
import { en } from '../../src/runtime/shared/i18n/en'
import type { AuditEvent } from '../../src/runtime/types'
import { api, COMPANY_A, COMPANY_B, connected, disconnected, resetApi, VALID_KEY } from './fake-api'
import { button, mountPleo, resetApp, settle, submitKey } from './helpers'

const TENANT = 'default'
const history: AuditEvent[] = [
  { id: 'e4', at: '2026-02-03T08:00:00.000Z', type: 'action_required', tenantId: TENANT, actor: 'system:health-check', companyId: COMPANY_B, keyHint: '••••41b3', code: 'key_rejected', variant: 'stopped_working', state: 'action_required' },
  { id: 'e3', at: '2026-02-02T12:30:00.000Z', type: 'key_replaced', tenantId: TENANT, actor: 'admin@acme.test', companyId: COMPANY_B, previousCompanyId: COMPANY_A, keyHint: '••••41b3', state: 'connected' },
  { id: 'e2', at: '2026-01-05T09:00:00.000Z', type: 'connect_failed', tenantId: TENANT, actor: 'ops@acme.test', code: 'key_other_company', state: 'failed' },
  { id: 'e1', at: '2026-01-02T10:00:00.000Z', type: 'connected', tenantId: TENANT, actor: 'admin@acme.test', companyId: COMPANY_A, keyHint: '••••6058', state: 'connected' },
]
const verified: AuditEvent = { id: 'e5', at: '2026-02-04T07:15:00.000Z', type: 'verified', tenantId: TENANT, actor: 'admin@acme.test', companyId: COMPANY_A, keyHint: '••••6058', state: 'connected' }

beforeEach(() => {
  resetApi(connected)
  api.events = [...history]
})
afterEach(() => {
  vi.useRealTimers()
  resetApp()
})

type Wrapper = Awaited<ReturnType<typeof mountPleo>>
const rows = (wrapper: Wrapper) => wrapper.findAll('.pleo-audit tbody tr')
const cells = (wrapper: Wrapper) => rows(wrapper).map(row => row.findAll('td').map(cell => cell.text()))
const localTime = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))

describe('<PleoAuditTrail> on the settings page', () => {
  it('sits below the connection, collapsed in a <details> whose summary names it', async () => {
    const wrapper = await mountPleo(SettingsPage)
    const details = wrapper.find('details.pleo-audit')
    expect(details.exists()).toBe(true)
    expect(details.attributes('open')).toBeUndefined()
    expect(details.find('summary').text()).toBe('Activity')
    const connection = wrapper.find('section.pleo-connect').element
    expect(connection.compareDocumentPosition(details.element) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(wrapper.find('h2').text()).toBe('Pleo connection')
  })

  it('lists who did what and when, newest first, in plain words', async () => {
    const wrapper = await mountPleo(SettingsPage)
    const table = wrapper.find('.pleo-audit table')
    expect(table.findAll('thead th').map(th => [th.text(), th.attributes('scope')])).toEqual([
      ['When', 'col'], ['Who', 'col'], ['What', 'col'], ['Company ID', 'col'], ['API Key', 'col'], ['Problem', 'col'],
    ])
    expect(wrapper.find(`#${CSS.escape(table.attributes('aria-labelledby')!)}`).text()).toBe('Activity')
    expect(cells(wrapper)).toEqual([
      [localTime(history[0]!.at), 'Scheduled check', 'Key stopped working: action required', COMPANY_B, '••••41b3', 'Pleo no longer accepts the saved API Key. It may have been deleted, replaced or expired.'],
      [localTime(history[1]!.at), 'admin@acme.test', 'API Key updated', `${COMPANY_B} (before: ${COMPANY_A})`, '••••41b3', ''],
      [localTime(history[2]!.at), 'ops@acme.test', 'Connection attempt failed', '', '', 'This key belongs to another Pleo company than expected.'],
      [localTime(history[3]!.at), 'admin@acme.test', 'Connected', COMPANY_A, '••••6058', ''],
    ])
  })

  it('gives each time as UTC ISO in <time datetime> (and its title), shown in local time', async () => {
    const wrapper = await mountPleo(PleoAuditTrail, { props: { open: true } })
    const times = wrapper.findAll('tbody time')
    expect(times.map(time => time.attributes('datetime'))).toEqual(history.map(event => event.at))
    expect(times.map(time => time.attributes('title'))).toEqual(history.map(event => event.at))
    expect(wrapper.find('details').attributes('open')).toBeDefined()
  })

  it('is a keyboard-scrollable region named by its summary', async () => {
    const wrapper = await mountPleo(PleoAuditTrail)
    const region = wrapper.find('[role="region"]')
    expect(region.attributes('tabindex')).toBe('0')
    expect(wrapper.find(`#${CSS.escape(region.attributes('aria-labelledby')!)}`).text()).toBe('Activity')
  })

  it('never shows more of a key than its hint, whatever the server sends', async () => {
    api.events = [{ ...history[3]!, keyHint: VALID_KEY, apiKey: VALID_KEY } as AuditEvent]
    const wrapper = await mountPleo(PleoAuditTrail)
    expect(rows(wrapper)).toHaveLength(1)
    expect(document.body.innerHTML).not.toContain(VALID_KEY)
    expect(document.body.innerHTML).not.toContain('6058')
  })

  it('shows every problem code in words, and an unknown event type as it is', async () => {
    api.events = [
      { id: 'a', at: history[0]!.at, type: 'check_failed', tenantId: TENANT, actor: 'system:api-call', code: 'pleo_unreachable' },
      { id: 'b', at: history[0]!.at, type: 'replace_refused', tenantId: TENANT, actor: 'unknown', code: 'key_lacks_permission' },
      { id: 'c', at: history[0]!.at, type: 'future_event' as AuditEvent['type'], tenantId: TENANT, actor: 'x' },
    ]
    const wrapper = await mountPleo(PleoAuditTrail)
    expect(cells(wrapper).map(row => row.slice(1, 3).concat(row[5]!))).toEqual([
      ['This app, while calling Pleo', 'Connection check could not finish', en.errors.pleo_unreachable.message],
      ['Unknown', 'New API Key refused', en.errors.key_lacks_permission.message],
      ['x', 'future_event', ''],
    ])
  })

  it('shows an incident as such: opened, reminded, and closed with how and how many calls had failed', async () => {
    api.events = [
      { id: 'i3', at: '2026-02-03T10:00:00.000Z', type: 'incident_resolved', tenantId: TENANT, actor: 'system:health-check', incidentId: 'inc-1', variant: 'working_again', blockedCalls: 7, state: 'connected' },
      { id: 'i2', at: '2026-02-03T09:00:00.000Z', type: 'incident_reminder', tenantId: TENANT, actor: 'system:health-check', incidentId: 'inc-1', reminder: 1, code: 'key_rejected', state: 'action_required' },
      { id: 'i1', at: '2026-02-03T08:00:00.000Z', type: 'incident_opened', tenantId: TENANT, actor: 'system:api-call', incidentId: 'inc-1', code: 'key_rejected', state: 'action_required' },
    ]
    const wrapper = await mountPleo(PleoAuditTrail)
    expect(cells(wrapper).map(row => row[2])).toEqual([
      'Incident closed: the connection works again; 7 calls of this app had failed meanwhile',
      'Incident still open: reminder sent',
      'Incident opened: the connection stopped working',
    ])
  })

  it('says when there is nothing yet, and when the trail cannot be read', async () => {
    resetApi(disconnected)
    const wrapper = await mountPleo(PleoAuditTrail)
    expect(wrapper.find('.pleo-audit').text()).toContain('No activity yet.')
    expect(wrapper.find('table').exists()).toBe(false)
    api.events = null
    const failing = await mountPleo(PleoAuditTrail)
    expect(failing.find('.pleo-audit').text()).toContain('The activity could not be loaded.')
  })

  it('is read again after each action: a check', async () => {
    const wrapper = await mountPleo(SettingsPage)
    const reads = api.eventReads
    api.events = [verified, ...history]
    api.answers.push({ view: { ...connected, lastVerifiedAt: verified.at } })
    await button(wrapper, 'Check connection').trigger('click')
    await settle()
    expect(api.eventReads).toBe(reads + 1)
    expect(cells(wrapper)[0]!.slice(1, 3)).toEqual(['admin@acme.test', 'Connection checked'])
  })

  it('is read again after each action: a refused first connection and then a good one', async () => {
    resetApi(disconnected)
    api.events = []
    const wrapper = await mountPleo(SettingsPage)
    expect(wrapper.find('.pleo-audit').text()).toContain('No activity yet.')
    api.answers.push({ error: 'key_rejected' }, { view: connected })
    api.events = [{ id: 'f', at: history[2]!.at, type: 'connect_failed', tenantId: TENANT, actor: 'admin@acme.test', code: 'key_rejected', state: 'failed' }]
    await submitKey(wrapper, VALID_KEY)
    expect(cells(wrapper).map(row => row[2])).toEqual(['Connection attempt failed'])
    expect(cells(wrapper)[0]![5]).toBe(en.errors.key_rejected.message)
    api.events = [history[3]!, ...api.events]
    await submitKey(wrapper, VALID_KEY)
    expect(cells(wrapper).map(row => row[2])).toEqual(['Connected', 'Connection attempt failed'])
    expect(document.body.innerHTML).not.toContain(VALID_KEY)
  })

  it('is read again when the page re-reads the connection on returning to the tab', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const wrapper = await mountPleo(SettingsPage)
    vi.setSystemTime(Date.now() + 5000)
    api.events = [history[0]!]
    window.dispatchEvent(new Event('focus'))
    await settle()
    expect(rows(wrapper)).toHaveLength(1)
  })

  it('speaks Danish', async () => {
    usePleoMessages().locale.value = 'da'
    const wrapper = await mountPleo(PleoAuditTrail)
    expect(wrapper.find('summary').text()).toBe('Aktivitet')
    expect(wrapper.findAll('thead th').map(th => th.text())).toEqual(['Hvornår', 'Hvem', 'Hvad', 'Virksomheds-ID', 'API-nøgle', 'Årsag'])
    expect(cells(wrapper)[0]!.slice(1, 3)).toEqual(['Planlagt kontrol', 'Nøglen holdt op med at virke: handling påkrævet'])
  })
})
