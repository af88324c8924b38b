// Text from files, servers and arguments made safe for a terminal: what could move the cursor, rewrite the screen,
// write the clipboard (ESC, CSI, OSC 52) or reorder and hide text (bidi controls, zero-width) is shown as an escape.
import { escapeForTerminal, replaceTerminalUnsafe } from "@modelctl/model-ref";

/** One line of human output with every unsafe character shown as an escape (model-ref's `escapeForTerminal`). */
export const visible = escapeForTerminal;

/** `\uXXXX` for each UTF-16 unit: JSON writes a character beyond U+FFFF as its surrogate pair. */
function jsonEscape(char: string): string {
  let escaped = "";
  for (let index = 0; index < char.length; index++)
    escaped += `\\u${char.charCodeAt(index).toString(16).padStart(4, "0")}`;
  return escaped;
}

/**
 * JSON text with every unsafe character that JSON.stringify leaves raw (DEL, C1, the bidi and invisible ones) written
 * as a `\uXXXX` escape: it parses to exactly the same data, and nothing in it can drive the terminal it is printed
 * on. Those characters only occur inside strings, where the escape means the same character; C0 is escaped by
 * JSON.stringify already, and its newlines between lines are the layout.
 */
export function escapeJsonText(json: string): string {
  // Printable ASCII and newlines (most documents, a 1 MB catalog listing among them) hold nothing to escape: one scan
  // instead of a replacement call per line break.
  if (PLAIN_JSON.test(json)) return json;
  return replaceTerminalUnsafe(json, (char) => (char < " " ? char : jsonEscape(char)));
}

const PLAIN_JSON = /^[\x20-\x7e\n]*$/;
