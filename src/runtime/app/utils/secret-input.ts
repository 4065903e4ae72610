/**
 * The attributes of a field that takes an API Key: no autofill, autocorrect, autocapitalisation or spellcheck (a
 * spellchecker may send the text to a service), and the common password managers told to leave it alone.
 */
export const SECRET_INPUT_ATTRS = {
  'autocomplete': 'off',
  'spellcheck': 'false',
  'autocapitalize': 'off',
  'autocorrect': 'off',
  'data-1p-ignore': '',
  'data-lpignore': 'true',
  'data-bwignore': '',
  'data-form-type': 'other',
} as const
