// Patterns of the contract, as plain regular expressions: the server's schemas and the browser share them, and the
// browser gets them without zod.

/** A Pleo company id (a UUID). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A Pleo scope name as introspection lists them (`expenses:read`, `export-jobs:write`). */
export const SCOPE_NAME_PATTERN = /^[\w.:-]{1,80}$/

/** A key hint: the mask and at most four characters of the key (see `keyHint`). */
export const KEY_HINT_PATTERN = /^•{4}.{0,4}$/u
