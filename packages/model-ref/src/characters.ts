// Characters no name may hold: invisible ones, direction changes, controls, and stand-ins for bytes that were not UTF-8.

export interface UnsafeCharacter {
  /** The character itself (one code point). */
  readonly char: string;
  /** `U+202E`. */
  readonly codePoint: string;
  /** Position in the text, in UTF-16 units. */
  readonly index: number;
  /** What it is, to follow "it contains": `an invisible or direction-changing character (U+202E)`. */
  readonly description: string;
}

// Cf: format characters (bidi overrides and isolates, zero-width space/joiners, BOM, word joiner, soft hyphen, ...);
// Cs: a lone surrogate, and U+FFFD: what invalid UTF-8 decodes to; Zl/Zp: the Unicode line and paragraph separators.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFD]/u;

export const codePointOf = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

function describe(char: string, codePoint: string): string {
  if (/\p{Cc}/u.test(char)) return `a control character (${codePoint})`;
  if (/[\p{Cs}\uFFFD]/u.test(char)) return `bytes that are not valid UTF-8 (${codePoint})`;
  if (/[\p{Zl}\p{Zp}]/u.test(char)) return `a line break (${codePoint})`;
  return `an invisible or direction-changing character (${codePoint}), which makes a name look like another`;
}

/** The first character of `text` that does not belong in a name (a ref, an alias, an id), or undefined. */
export function unsafeCharacter(text: string): UnsafeCharacter | undefined {
  const match = UNSAFE.exec(text);
  if (!match) return undefined;
  const char = match[0];
  const codePoint = codePointOf(char);
  return { char, codePoint, index: match.index, description: describe(char, codePoint) };
}
