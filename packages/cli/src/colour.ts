// Colour in human output: whether to use it (a terminal, NO_COLOR, FORCE_COLOR), the tones statuses take, and text
// whose parts carry a tone. The codes are added after each part is escaped, so they are the only escapes we emit.
import type { Io } from "./io.js";

/** `ok` green, `warn` yellow (expiring, cooling down), `bad` red (expired, missing, a failed probe), `dim` (markers). */
export type Tone = "ok" | "warn" | "bad" | "dim";

/** A part of a line in a tone. */
export interface Toned {
  readonly text: string;
  readonly tone: Tone;
}

export type Part = string | Toned;

/**
 * A line of human output made of parts, some in a tone. Each part is escaped on its own before its colour is added
 * (`renderLine`); as a string (a template, a join) it is the plain text, so a line that loses its parts loses only
 * the colour.
 */
export class Styled {
  constructor(readonly parts: readonly Part[]) {}
  toString(): string {
    return this.parts.map((part) => (typeof part === "string" ? part : part.text)).join("");
  }
}

/** A line of human output: plain text, or parts with tones. */
export type Line = string | Styled;

export const toned = (tone: Tone, text: string): Toned => ({ text, tone });

/** The text of a line without its tones. */
export const plainText = (line: Line): string => (typeof line === "string" ? line : line.toString());

/** Adds a tone's colour codes to text that is already safe for the terminal. */
export type Paint = (tone: Tone, text: string) => string;

/** The line as it is written: every part made safe by `safe`, the toned ones coloured when `paint` is given. */
export function renderLine(line: Line, safe: (text: string) => string, paint?: Paint): string {
  if (typeof line === "string") return safe(line);
  return line.parts
    .map((part) =>
      typeof part === "string"
        ? safe(part)
        : paint && part.text !== ""
          ? paint(part.tone, safe(part.text))
          : safe(part.text),
    )
    .join("");
}

/** A credential status as auth-profiles and status name it (`ok`, `expiring`, `expired`, `missing`, `static`). */
export function statusTone(status: string): Tone | undefined {
  switch (status) {
    case "ok":
      return "ok";
    case "expiring":
      return "warn";
    case "expired":
    case "missing":
    case "unknown":
      return "bad";
    default:
      return undefined;
  }
}

/** A status word in its tone, or plain when it has none. */
export const status = (word: string, tone: Tone | undefined = statusTone(word)): Part =>
  tone === undefined ? word : toned(tone, word);

// Labels auth-profiles writes into text (`credentialLabel`, `unusableSuffix`): a marker says where a credential is
// and is not one (dim); a cooldown passes (yellow); a disabled profile is out until it is fixed (red).
const LABELS = /marker\([^)]*\)|\[cooldown [^\]]*\]|\[disabled[^\]]*\]/g;

/** Text with its `marker(…)` labels dimmed and its `[cooldown …]` and `[disabled:… …]` notes in their tones. */
export function labelParts(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(LABELS)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const tone = match[0].startsWith("marker(") ? "dim" : match[0].startsWith("[cooldown") ? "warn" : "bad";
    parts.push(toned(tone, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** `text` as a line with its labels in their tones (`labelParts`), or as it is when it has none. */
export function labelled(text: string): Line {
  const parts = labelParts(text);
  return parts.every((part) => typeof part === "string") ? text : new Styled(parts);
}

/** Whether an env var is set to something (an empty value counts as unset, as no-color.org says). */
const isSet = (value: string | undefined) => value !== undefined && value !== "";

/**
 * Whether to colour what goes to `stream`: never with NO_COLOR set (it wins over FORCE_COLOR: a user's "no" is not
 * overridden by a FORCE_COLOR inherited from a CI runner or a parent tool); always with FORCE_COLOR set to anything
 * but `0` or `false` (which turn colour off, as in Node and supports-color); else only on a terminal that is not
 * `TERM=dumb`. The terminal is asked last: for the bin that is a system call, and building Node's stream is avoided.
 */
export function colourWanted(env: Io["env"], stream: { readonly isTTY?: boolean | undefined }): boolean {
  if (isSet(env.NO_COLOR)) return false;
  const force = env.FORCE_COLOR;
  if (isSet(force)) return force !== "0" && force?.toLowerCase() !== "false";
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

// Node's names of the SGR styles (util.inspect.colors): each is an exact pair of codes, e.g. `\x1b[32m…\x1b[39m`.
const FORMAT = { ok: "green", warn: "yellow", bad: "red", dim: "dim" } as const;

/**
 * The painter for human output to `stream`, or undefined when it is not to be coloured. Node's own `util.styleText`
 * adds the codes (node:util is loaded by every Node start anyway); the decision is ours, from `io.env`, so a host
 * program's io and the tests' env are obeyed: styleText is told not to judge the stream itself.
 */
export function painterFor(io: Io, stream: Io["stdout"] | Io["stderr"]): Paint | undefined {
  if (!colourWanted(io.env, stream)) return undefined;
  const { styleText } = process.getBuiltinModule("node:util");
  // `stream` is given only so that styleText does not make process.stdout for its default; it is not validated.
  const options = { validateStream: false, stream } as unknown as Parameters<typeof styleText>[2];
  return (tone, text) => styleText(FORMAT[tone], text, options);
}
