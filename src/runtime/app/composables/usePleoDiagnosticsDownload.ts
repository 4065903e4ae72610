import { ref } from 'vue'
import { useRequestFetch } from '#imports'
import { ROUTES } from '../../shared/routes'
import { diagnosticsFileName, type PleoDiagnosticsReport } from '../../shared/diagnostics'
import { toConnectionError, type PleoConnectionError } from '../utils/connection-error'
import { saveTextFile } from '../utils/save-file'

/**
 * "Download diagnostics": fetches the tenant's report (the server decides who may, as for the connection view) and
 * has the browser save it as a JSON file. The report holds no key; it is kept nowhere in the app, not in the store.
 */
export function usePleoDiagnosticsDownload() {
  const requestFetch = useRequestFetch()
  const downloading = ref(false)
  const downloaded = ref(false)
  const error = ref<PleoConnectionError | null>(null)

  async function download(): Promise<void> {
    if (downloading.value) return
    downloading.value = true
    downloaded.value = false
    error.value = null
    try {
      const report = await requestFetch<PleoDiagnosticsReport>(ROUTES.diagnostics)
      saveTextFile(`${JSON.stringify(report, null, 2)}\n`, diagnosticsFileName(report.generatedAt))
      downloaded.value = true
    }
    catch (failure) {
      error.value = toConnectionError(failure, 'diagnostics')
    }
    finally {
      downloading.value = false
    }
  }

  return { downloading, downloaded, error, download }
}
