import { setResponseHeader } from 'h3'
import { diagnosticsFileName } from '../../../../shared/diagnostics'
import { buildDiagnosticsReport } from '../../../lib/connection/diagnostics-report'
import { defineConnectionRoute } from '../../../lib/http/define-route'

// The same policy as the connection view (`read`); answered as a file download, never cached.
export default defineConnectionRoute({ action: 'read' }, async (event, access) => {
  const report = await buildDiagnosticsReport(access.tenantId)
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="${diagnosticsFileName(report.generatedAt)}"`)
  return report
})
