// Text from outside the page (a device's or a directory's name, a sentence quoting one) as the page shows it.

// Control characters (line breaks among them), line and paragraph separators, the bidirectional embeddings, overrides
// and isolates, and the invisible marks that make one name look like another (zero-width space, word joiner, byte
// order mark, soft hyphen). The joiners that Persian and Indic names and emoji need (U+200C, U+200D) and the
// left-to-right and right-to-left marks are not among them.
const HIDDEN = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF\u00AD]/gu;

/**
 * {@code text} with each of those characters as "?", as the console shows outside text (PlainText.line): a name with a
 * right-to-left override reads reversed, and one with a zero-width space looks like another device's. Null stays null.
 */
export function shown(text) {
  return text == null ? text : String(text).replace(HIDDEN, '?');
}
