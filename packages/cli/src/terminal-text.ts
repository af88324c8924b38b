// Text from files, servers and arguments made safe for a terminal: what could move the cursor, rewrite the screen,
// write the clipboard (ESC, CSI, OSC 52) or reorder and hide text (bidi controls, zero-width) is shown as an escape.

// C0, DEL and C1 (Cc); format characters (Cf: bidi embeddings, overrides, isolates and marks, zero-width space and
// joiners, soft hyphen, BOM, tags); line and paragraph separators; lone surrogates; and every other character Unicode
// says to render as nothing (Default_Ignorable_Code_Point: combining grapheme joiner, variation selectors, Hangul
// fillers), with which two names look alike.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

const hexEscape = (char: string): string => {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  return code < 0x10000 ? `\\u${code.toString(16).padStart(4, "0")}` : `\\u{${code.toString(16)}}`;
};

/** `\uXXXX` for each UTF-16 unit: JSON writes a character beyond U+FFFF as its surrogate pair. */
function jsonEscape(char: string): string {
  let escaped = "";
  for (let index = 0; index < char.length; index++)
    escaped += `\\u${char.charCodeAt(index).toString(16).padStart(4, "0")}`;
  return escaped;
}

/**
 * One line of human output with every unsafe character shown as `\n`, `\x1b`, `\x9b`, `\u202e`, …: a name that
 * holds them reads as what it is, and two names that would look alike do not. Backslashes are left alone, so text
 * already made visible stays as it is.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, (char) => SHORT[char] ?? hexEscape(char));
}

/**
 * JSON text with every unsafe character that JSON.stringify leaves raw (DEL, C1, the bidi and invisible ones) written
 * as a `\uXXXX` escape: it parses to exactly the same data, and nothing in it can drive the terminal it is printed
 * on. Those characters only occur inside strings, where the escape means the same character; C0 is escaped by
 * JSON.stringify already, and its newlines between lines are the layout.
 */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE, (char) => (char < " " ? char : jsonEscape(char)));
}
