import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../src/runtime/shared/error-codes'
import { errorWords, type ErrorCatalogue } from '../../src/runtime/shared/i18n/catalogue'
import { da } from '../../src/runtime/shared/i18n/da'
import { en } from '../../src/runtime/shared/i18n/en'
import type { KeyType } from '../../src/runtime/shared/states'

const KEY_TYPES: KeyType[] = ['standalone', 'integrated']

/** Every (code, variant) the catalogues know, the code's own words included (variant undefined). */
function everyCase(errors: ErrorCatalogue) {
  return Object.entries(errors).flatMap(([code, entry]) => [undefined, ...Object.keys(entry.variants ?? {})].map(variant => ({ code, variant })))
}

// Integrated customers cannot create keys or pick scopes: Pleo generates the key in the install flow and sets them.
const TELLS_TO_CREATE_A_KEY = /create (?:a |one |a new )?(?:new )?(?:company-level )?(?:key|one)\b|opret en (?:ny )?nøgle/i

describe('error words per key type', () => {
  it('every code has words for both key types, in both languages, with a message and an action', () => {
    for (const [language, errors] of [['en', en.errors], ['da', da.errors]] as const) {
      for (const code of [...ERROR_CODES, 'network_error']) {
        for (const keyType of KEY_TYPES) {
          const words = errorWords(errors, { code, keyType })
          expect(words.message.length, `${language} ${code} ${keyType}`).toBeGreaterThan(10)
          expect(words.action.length, `${language} ${code} ${keyType}`).toBeGreaterThan(5)
        }
      }
    }
  })

  it('never tells an Integrated customer to create a key or pick its permissions, for any code or variant', () => {
    for (const errors of [en.errors, da.errors]) {
      for (const { code, variant } of everyCase(errors)) {
        const words = errorWords(errors, { code, variant, keyType: 'integrated' })
        expect(`${words.message} ${words.action}`, `${code}/${variant}`).not.toMatch(TELLS_TO_CREATE_A_KEY)
      }
    }
  })

  it('tells a Standalone admin where keys are made, and an Integrated customer to reinstall or reconnect from Pleo', () => {
    expect(errorWords(en.errors, { code: 'key_rejected', keyType: 'standalone' }).action).toMatch(/create a new one in Pleo/)
    expect(errorWords(en.errors, { code: 'key_rejected', keyType: 'integrated' }).action).toMatch(/installation dialog.*reinstall the integration from Pleo/)
    expect(errorWords(en.errors, { code: 'key_lacks_permission', keyType: 'standalone' }).action).toMatch(/Create a key with the permissions/)
    expect(errorWords(en.errors, { code: 'key_lacks_permission', keyType: 'integrated' }).action).toMatch(/Pleo sets this integration's permissions.*company's Pleo admin/)
    expect(errorWords(en.errors, { code: 'key_rejected', variant: 'stopped_working', keyType: 'integrated' }).action).toMatch(/reconnect the integration from Pleo/i)
  })

  it('fills placeholders from the error\'s own fields, and a variant falls back to the code\'s words', () => {
    const words = errorWords(en.errors, { code: 'key_other_company', variant: 'switch', params: { companyId: 'A', connectedCompanyId: 'B' } })
    expect(words.message).toBe('This key belongs to Pleo company A, but this app is connected to company B.')
    expect(errorWords(en.errors, { code: 'pleo_unavailable', variant: 'redirect' }).action).toBe(en.errors.pleo_unavailable.action)
    expect(errorWords(en.errors, { code: 'no_such_code' })).toEqual(en.errors.internal_error)
  })

  it('the expiry reminders and disconnect hints follow the key type too', () => {
    expect(en.expiry.renew.integrated).toMatch(/reconnect the integration from Pleo/i)
    expect(en.expiry.renew.standalone).toMatch(/Create a new key in Pleo/)
    expect(en.disconnect.uninstallHint.integrated).not.toMatch(TELLS_TO_CREATE_A_KEY)
    expect(da.expiry.renew.integrated).not.toMatch(TELLS_TO_CREATE_A_KEY)
  })
})
