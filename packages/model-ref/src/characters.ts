// Characters no name may hold: invisible ones, direction changes, controls, and stand-ins for bytes that were not UTF-8.

export type UnsafeCharacterKind = "control" | "invisible" | "line-break" | "not-utf8";

export interface UnsafeCharacter {
  /** The character itself (one code point). */
  readonly char: string;
  /** `U+202E`. */
  readonly codePoint: string;
  /** Position in the text, in UTF-16 units. */
  readonly index: number;
  readonly kind: UnsafeCharacterKind;
  /** What it is, to follow "it contains": `an invisible or direction-changing character (U+202E)`. */
  readonly description: string;
}

// Cf: format characters (bidi overrides and isolates, zero-width space/joiners, BOM, word joiner, soft hyphen, ...);
// Default_Ignorable_Code_Point: the rest of what renders as nothing (combining grapheme joiner, variation selectors,
// Hangul fillers); Cs: a lone surrogate, and U+FFFD: what invalid UTF-8 decodes to; Zl/Zp: the Unicode line and
// paragraph separators.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}\p{Zl}\p{Zp}\uFFFD]/u;

export const codePointOf = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

function kindOf(char: string): UnsafeCharacterKind {
  if (/\p{Cc}/u.test(char)) return "control";
  if (/[\p{Cs}\uFFFD]/u.test(char)) return "not-utf8";
  if (/[\p{Zl}\p{Zp}]/u.test(char)) return "line-break";
  return "invisible";
}

const DESCRIPTION: Record<UnsafeCharacterKind, string> = {
  control: "a control character",
  "not-utf8": "bytes that are not valid UTF-8",
  "line-break": "a line break",
  invisible: "an invisible or direction-changing character",
};

/** The first character of `text` that does not belong in a name (a ref, an alias, an id), or undefined. */
export function unsafeCharacter(text: string): UnsafeCharacter | undefined {
  const match = UNSAFE.exec(text);
  if (!match) return undefined;
  const char = match[0];
  const codePoint = codePointOf(char);
  const kind = kindOf(char);
  const description = `${DESCRIPTION[kind]} (${codePoint})${kind === "invisible" ? ", which makes a name look like another" : ""}`;
  return { char, codePoint, index: match.index, kind, description };
}

// What must not reach a terminal raw from data: C0, DEL and C1 (Cc); format characters (Cf: bidi embeddings,
// overrides, isolates and marks, zero-width space and joiners, soft hyphen, BOM, tags); lone surrogates; line and
// paragraph separators; and every other character Unicode renders as nothing (Default_Ignorable_Code_Point).
const TERMINAL_UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `\x1b`, `\u202e`, `\u{e0100}`: a character as the escape that names it. */
function codeEscape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  return code < 0x10000 ? `\\u${code.toString(16).padStart(4, "0")}` : `\\u{${code.toString(16)}}`;
}

/** `text` with each character that must not reach a terminal raw (see above) replaced by `replace(char)`. */
export function replaceTerminalUnsafe(text: string, replace: (char: string) => string): string {
  return text.replace(TERMINAL_UNSAFE, replace);
}

/**
 * Text from files, servers and arguments made safe for a terminal: every character that could move the cursor,
 * rewrite the screen or clipboard, reorder text or hide in it is shown as an escape (`\n`, `\x1b`, `\u202e`). Two
 * names that would look alike then do not. Backslashes are left alone, so escaped text stays as it is.
 */
export function escapeForTerminal(text: string): string {
  return replaceTerminalUnsafe(text, (char) => SHORT_ESCAPES[char] ?? codeEscape(char));
}
