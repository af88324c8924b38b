// How many terminal columns text takes: a CJK character or an emoji takes two, a combining mark none. Columns are
// laid out by this, not by UTF-16 length, so a Chinese provider error or an emoji in a model id keeps them straight.
//
// fast-string-truncated-width (what @clack/prompts measures with, through fast-string-width) rather than
// string-width: string-width builds an Intl.Segmenter and a `\p{RGI_Emoji}` regex when it loads, ~30 ms on every
// run of a command that draws a table (`models list --all --json` went from 2.5× to 3.1× `node -e 0`); this one's
// regexes compile on first use. It also says where to cut for a width, so no Intl.Segmenter (13 ms to make) is needed.
import truncatedWidth from "fast-string-truncated-width";

const WHOLE = { limit: Number.POSITIVE_INFINITY, ellipsis: "" };

/** The columns `text` takes on a terminal (East Asian Width, emoji sequences, combining marks none, ANSI codes none). */
export const displayWidth = (text: string): number => truncatedWidth(text, WHOLE).width;

/** Where `text` is cut to take at most `width` columns: never inside a wide character or an emoji sequence. */
const cutAt = (text: string, width: number) => truncatedWidth(text, { limit: width, ellipsis: "" }).index;

/** `text` padded with spaces to `width` columns (as `padEnd` does for ASCII). */
export function padDisplay(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + " ".repeat(missing) : text;
}

/**
 * The longest start of `text` that takes at most `width` columns, and the rest. A wide character never straddles
 * the cut; at least one character is taken when `width` is at least one, so that a cell always advances.
 */
export function splitDisplay(text: string, width: number): [string, string] {
  if (width <= 0) return ["", text];
  let cut = cutAt(text, width);
  // The first character is wider than `width` (a CJK character in one column): it is taken whole. No character
  // is wider than two columns, so one or two more columns take it.
  for (let more = 1; cut === 0 && text !== "" && more <= 2; more++) cut = cutAt(text, width + more);
  return [text.slice(0, cut), text.slice(cut)];
}

/** `text` cut to `width` columns with `...` at the end when it is longer (OpenClaw's truncation, by columns). */
export function truncateDisplay(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return `${splitDisplay(text, Math.max(0, width - 3))[0]}...`;
}
