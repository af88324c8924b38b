// How many terminal columns text takes: a CJK character or an emoji takes two, a combining mark none. Columns are
// laid out by this, not by UTF-16 length, so a Chinese provider error or an emoji in a model id keeps them straight.
//
// fast-string-width (what @clack/prompts measures with) rather than string-width: string-width builds an
// Intl.Segmenter and an `\p{RGI_Emoji}` regex when it loads, ~30 ms on every run of a command that draws a table
// (`models list --all --json` went from 2.5× to 3.1× `node -e 0`); fast-string-width's regexes compile on first use.
import fastStringWidth from "fast-string-width";

/** The columns `text` takes on a terminal (East Asian Width, emoji sequences, combining marks none, ANSI codes none). */
export const displayWidth = (text: string): number => fastStringWidth(text);

// Printable ASCII is one column a character: the common case needs no segmenting.
const ASCII = /^[\x20-\x7e]*$/;

let segmenter: Intl.Segmenter | undefined;
/** The grapheme clusters of `text`: what a terminal draws as one character. */
function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(text), (each) => each.segment);
}

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
  if (ASCII.test(text)) return [text.slice(0, width), text.slice(width)];
  let used = 0;
  let taken = 0;
  const clusters = graphemes(text);
  for (const cluster of clusters) {
    const next = used + displayWidth(cluster);
    if (next > width && taken > 0) break;
    used = next;
    taken += 1;
    if (used >= width) break;
  }
  return [clusters.slice(0, taken).join(""), clusters.slice(taken).join("")];
}

/** `text` cut to `width` columns with `...` at the end when it is longer (OpenClaw's truncation, by columns). */
export function truncateDisplay(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return `${splitDisplay(text, Math.max(0, width - 3))[0]}...`;
}
