// Set by the built-in fake Pleo plugin (option `fake`); used only when no base URL is configured.
let fakeBaseUrl: Promise<string> | undefined

export function setPleoBaseUrlFallback(url: Promise<string> | undefined) {
  fakeBaseUrl = url
}

export function usePleoBaseUrlFallback(): Promise<string | undefined> {
  return fakeBaseUrl ?? Promise.resolve(undefined)
}
