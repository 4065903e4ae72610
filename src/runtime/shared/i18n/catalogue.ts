// The shape of the error words and how one error's words are picked: by code, then the variant, then the key type.
// Server and UI use the same function, so an admin reads the same sentence in a response and on the page.
import type { KeyType } from '../schemas'

export interface ErrorWords {
  message: string
  action: string
}

type Overrides = Partial<ErrorWords>

export interface ErrorEntry extends ErrorWords {
  /** Words for Integrated API Keys, where they differ. */
  integrated?: Overrides
  /** Words for one case of the code (`data.variant`), with their own Integrated words where those differ. */
  variants?: Record<string, Overrides & { integrated?: Overrides }>
}

export type ErrorCatalogue = Record<string, ErrorEntry>

export interface ErrorWordsQuery {
  code: string
  variant?: string
  keyType?: KeyType
  /** Values for `{name}` placeholders (ids, a status, a limit). Never a key. */
  params?: Record<string, string | number | undefined>
}

/** The message and action for an error, with placeholders filled; an unknown code reads as `internal_error`. */
export function errorWords(errors: ErrorCatalogue, { code, variant, keyType, params }: ErrorWordsQuery): ErrorWords {
  const entry = errors[code] ?? errors.internal_error!
  const variantEntry = variant ? entry.variants?.[variant] : undefined
  const integrated = keyType === 'integrated'
  const words = {
    ...pick(entry),
    ...(integrated ? entry.integrated : undefined),
    ...variantEntry && pick(variantEntry),
    ...(integrated ? variantEntry?.integrated : undefined),
  } as ErrorWords
  return { message: formatMessage(words.message, params), action: formatMessage(words.action, params) }
}

function pick({ message, action }: Overrides): Overrides {
  return { ...message !== undefined && { message }, ...action !== undefined && { action } }
}

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than silently disappearing. */
export function formatMessage(template: string, params: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name]
    return value === undefined ? placeholder : String(value)
  })
}
