import type { NuxtPage } from '@nuxt/test-utils/e2e'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium (never a downloaded browser), quiet: no network of its own, no updates, no first-run UI. */
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(LAUNCH)
}

/**
 * Chromium with an on-disk profile in `profileDir`: a profile as an admin has one, with its password manager on
 * (Playwright's ordinary contexts are off the record, where it stays silent).
 */
export function launchChromiumProfile(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, LAUNCH)
}

/**
 * Collects what a page reports that no admin should ever get: console errors, uncaught errors, and Vue's hydration
 * warnings (two Pinias end as `Cannot read properties of undefined (reading '_s')`, a page error).
 */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    const text = message.text()
    if (message.type() === 'error' || (message.type() === 'warning' && /hydration/i.test(text))) {
      problems.push(`console ${message.type()} on ${page.url()}: ${text}`)
    }
  })
  page.on('pageerror', error => problems.push(`page error on ${page.url()}: ${error.message}`))
  return problems
}

/**
 * The admin UI helpers of the browser tests (test/browser/admin-ui.ts) take @nuxt/test-utils' page type: a
 * Playwright page whose `goto` also waits for hydration. They never navigate, so a plain Playwright page serves.
 */
export function asNuxtPage(page: Page): NuxtPage {
  return page as unknown as NuxtPage
}
