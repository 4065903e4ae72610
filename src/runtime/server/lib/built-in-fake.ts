import type { PleoConnectRuntimeConfig } from './config'

// Set by the built-in fake Pleo plugin (option `fake`) once it serves; used only when no base URL is configured.
let fakeBaseUrl: Promise<string> | undefined

export function setPleoBaseUrlFallback(url: Promise<string> | undefined) {
  fakeBaseUrl = url
}

export function usePleoBaseUrlFallback(): Promise<string | undefined> {
  return fakeBaseUrl ?? Promise.resolve(undefined)
}

/** The built-in fake Pleo answers this server's calls: it was started, and no other Pleo is configured. */
export function isBuiltInFakeServing(config: PleoConnectRuntimeConfig): boolean {
  return config.fake.enabled && fakeBaseUrl !== undefined && !config.baseUrl
}
