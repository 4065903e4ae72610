import type { DevtoolsTenant } from '../lib/connection/devtools-snapshot'

const escape = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)

function tenantRows(tenant: DevtoolsTenant): string {
  const { view } = tenant
  const events = tenant.events.map(event => `<li><time datetime="${escape(event.at)}">${escape(event.at)}</time> ${escape(event.type)}${event.code ? ` (${escape(event.code)}${event.variant ? `/${escape(event.variant)}` : ''})` : ''} — ${escape(event.actor)}</li>`).join('')
  return `<tr>
<td><code>${escape(tenant.tenantId)}</code></td>
<td><strong>${escape(view.state)}</strong><br><small>${escape(view.keyType)}, ${escape(view.environment)}</small></td>
<td>${view.company ? `<code>${escape(view.company.id)}</code>${view.company.name ? `<br>${escape(view.company.name)}` : ''}` : '—'}</td>
<td><code>${escape(view.keyHint ?? '—')}</code></td>
<td>${escape(view.lastVerifiedAt ?? '—')}</td>
<td>${view.problem ? `${escape(view.problem.code)}${view.problem.variant ? `/${escape(view.problem.variant)}` : ''}<br><small>${escape(view.problem.message)}</small>` : '—'}</td>
<td><ul>${events || '<li>—</li>'}</ul></td>
</tr>`
}

/**
 * The DevTools tab's page: each tenant's connection and newest events, and buttons that run the module's tasks.
 * Every value is escaped; nothing here can hold a key (the view and the events never do).
 */
export function renderDevtoolsPage(tenants: DevtoolsTenant[], runPath: string): string {
  const rows = tenants.map(tenantRows).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pleo Connect</title>
<meta name="color-scheme" content="light dark">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid color-mix(in srgb,currentColor 20%,transparent);padding:.4rem;text-align:left;vertical-align:top}
ul{margin:0;padding-left:1rem}button{font:inherit;padding:.3rem .8rem;margin-right:.5rem}pre{white-space:pre-wrap}
</style></head><body>
<h1>Pleo Connect</h1>
<p>
<button type="button" data-task="pleo-connect:verify">Run pleo-connect:verify</button>
<button type="button" data-task="pleo-connect:rewrap">Run pleo-connect:rewrap</button>
</p>
<pre id="report" role="status"></pre>
<table><thead><tr><th>Tenant</th><th>State</th><th>Company</th><th>Key</th><th>Last check</th><th>Problem</th><th>Newest events</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">No connection stored yet.</td></tr>'}
</tbody></table>
<script>
for (const button of document.querySelectorAll('button[data-task]')) {
  button.addEventListener('click', async () => {
    const report = document.getElementById('report')
    report.textContent = 'Running ' + button.dataset.task + '…'
    const response = await fetch(${JSON.stringify(runPath)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ task: button.dataset.task }) })
    report.textContent = JSON.stringify(await response.json(), null, 2)
  })
}
</script>
</body></html>`
}
