/**
 * Has the browser save `text` as a file named `fileName`: a Blob behind an object URL, clicked through a link that
 * is never attached to the page, and the URL revoked once the click has handed the file over.
 */
export function saveTextFile(text: string, fileName: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  try {
    link.click()
  }
  finally {
    // Revoked on the next task: some browsers read the URL only after the click handler returned.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}
