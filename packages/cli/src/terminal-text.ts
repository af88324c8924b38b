// Text from files, servers and arguments made safe for a terminal: what could move the cursor, rewrite the screen,
// write the clipboard (ESC, CSI, OSC 52) or reorder and hide text (bidi controls, zero-width) is shown as an escape.

// C0, DEL and C1 (\p{Cc}); soft hyphen, Arabic letter mark, Mongolian vowel separator; zero-width space to
// right-to-left mark; line and paragraph separators and the bidi embeddings and overrides; word joiner to the bidi
// isolates and deprecated format characters; BOM; interlinear annotation characters.
const UNSAFE = /[\p{Cc}\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu;

const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

const hexEscape = (char: string): string => {
  const code = char.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
};

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
  return json.replace(UNSAFE, (char) =>
    char < " " ? char : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
