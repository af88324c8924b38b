// Text from a server, made safe to print: every secret we sent removed in whatever encoding it was echoed, key-like
// words removed, control and direction characters shown as escapes, cut to one short line.
//
// Providers echo keys back ("Incorrect API key provided: sk-pr***wxyz"), and a hostile or broken server can echo
// them encoded: percent-encoded, base64 (also `user:key` as in Basic auth, either alphabet, any alignment), hex,
// `\uXXXX` or HTML escapes of some or all characters, or one inside another. So the text is searched in several
// views: as it is, decoded (every escape form at once, repeatedly), and inside each run that could be base64; and
// for the stable middle of the secret's base64 and hex forms. A match marks the characters of the original text
// it came from; each marked word is replaced.

import { escapeForTerminal } from "@modelctl/model-ref";

const REDACTED = "[redacted]";
/** Characters of a secret that count as a piece of it, in the text or a decoded view. */
const FRAGMENT = 6;
/** Base64 characters of a secret's encoding that count as a piece of it (6 bytes). */
const BASE64_WINDOW = 8;
/** Hex digits of a secret's bytes that count as a piece of it (6 bytes). */
const HEX_WINDOW = 12;
/** Base64 inside base64 (inside percent-encoding, …) is looked into this deep. */
const NESTING = 2;
/** Decoding passes per view: `%255C` → `%5C` → `\`. */
const DECODE_PASSES = 3;
const MAX_LENGTH = 240;
// The output is one line of at most MAX_LENGTH characters; looking further only costs time on the event loop that
// keeps other probes' deadlines. Every detector works on a window of a few characters, so a secret cut at the end of
// the scanned part is still found in the part that remains.
const MAX_SCAN = 8192;

// Prefixes of well-known key formats: a word that starts with one of them is a key whoever it belongs to.
const KEY_PREFIX =
  /^(?:sk-|sk_|rk-|pk-|gsk_|xai-|AIza|ghp_|gho_|github_pat_|hf_|nvapi-|csk-|fw_|pplx-|Bearer\b)/i;

// Invisible in print (controls, format and default-ignorable characters): searched for secrets without them as well.
const IGNORABLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const IGNORABLE_ALL = new RegExp(IGNORABLE.source, "gu");
// The high surrogate of the Unicode tag characters U+E0000–U+E007F.
const TAG_HIGH = "\udb40";

/**
 * One line with blanks collapsed and every character that could drive a terminal shown as an escape (`\x1b`,
 * `\u202e`), by the same rule as the CLI's human output (model-ref's `escapeForTerminal`).
 */
export function oneLine(text: string): string {
  return escapeForTerminal(text.replace(/\s+/g, " ").trim());
}

/** Lower-cases ASCII letters only, so that every index still points at the same character. */
const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

interface Detector {
  /** Lower-cased FRAGMENT-long pieces of each secret, in each form a view may show it in (see `detectorOf`). */
  readonly fragments: ReadonlySet<string>;
  /** Lower-cased BASE64_WINDOW-long pieces of each secret's base64, at each of the 3 alignments. */
  readonly base64: ReadonlySet<string>;
  /** HEX_WINDOW-long pieces of each secret's hex. */
  readonly hex: ReadonlySet<string>;
}

function addWindows(into: Set<string>, text: string, width: number): void {
  for (let start = 0; start + width <= text.length; start += 1) into.add(text.slice(start, start + width));
}

/**
 * The base64 characters that encode only the secret's own bits when it starts `align` bytes into a 3-byte group:
 * the same whatever comes before or after it, so a search finds the secret inside the base64 of any text.
 */
function stableBase64(bytes: Buffer, align: number): string {
  const encoded = Buffer.concat([Buffer.alloc(align), bytes, Buffer.alloc(3)]).toString("base64");
  const first = Math.ceil((8 * align) / 6);
  const end = Math.floor((8 * (align + bytes.length)) / 6);
  return encoded.slice(first, end);
}

// The last detector built: a result's every string (a reply may carry hundreds of headers) is redacted against the
// same secrets, and building the detector costs about ten set insertions per character of a secret.
let lastDetector: { readonly key: string; readonly detector: Detector } | undefined;

function detectorOf(secrets: readonly string[]): Detector {
  const key = secrets.join("\u0000");
  if (lastDetector?.key === key) return lastDetector.detector;
  const detector = buildDetector(secrets);
  lastDetector = { key, detector };
  return detector;
}

function buildDetector(secrets: readonly string[]): Detector {
  const fragments = new Set<string>();
  const base64 = new Set<string>();
  const hex = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < FRAGMENT) continue;
    const bytes = Buffer.from(secret, "utf8");
    // Percent-escapes decode one byte to one character, form-encoding writes a space as `+`, the text is searched
    // as the one line it is shown as, and also with invisible characters dropped.
    const forms = [
      secret,
      bytes.toString("latin1"),
      secret.replaceAll(" ", "+"),
      secret.replaceAll("\\", "\\\\"),
      oneLine(secret),
      secret.replace(IGNORABLE_ALL, ""),
    ];
    for (const form of new Set(forms)) addWindows(fragments, asciiLower(form), FRAGMENT);
    for (const align of [0, 1, 2]) addWindows(base64, asciiLower(stableBase64(bytes, align)), BASE64_WINDOW);
    addWindows(hex, bytes.toString("hex"), HEX_WINDOW);
  }
  return { fragments, base64, hex };
}

/** Text with, for each of its characters, the span of the original text it was decoded from. */
interface View {
  readonly text: string;
  readonly from: ArrayLike<number>;
  readonly to: ArrayLike<number>;
}

function rawView(text: string): View {
  const from = new Uint32Array(text.length);
  const to = new Uint32Array(text.length);
  for (let index = 0; index < text.length; index += 1) {
    from[index] = index;
    to[index] = index + 1;
  }
  return { text, from, to };
}

// Every escape form a secret may be hidden in, decoded in one pass: percent, `\u{…}`, `\uXXXX`, `\xXX`, the
// backslash escapes, HTML character references. A backslash before a backslash stays: `\\u0041` is read as `\A`
// (a raw backslash next to an escape), and the secret is also searched for with its backslashes doubled.
const ESCAPE =
  /%([0-9a-f]{2})|\\u\{([0-9a-f]{1,6})\}|\\u([0-9a-f]{4})|\\x([0-9a-f]{2})|\\([^ux\\])|&#x0*([0-9a-f]{1,6});?|&#0*([0-9]{1,7});?|&(amp|lt|gt|quot|apos);/iy;
const ESCAPE_START = new Set(["%", "\\", "&"]);
const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const BACKSLASH: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v" };

function codePoint(hex: string, radix: number): string {
  const code = Number.parseInt(hex, radix);
  return code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

/** The view with every escape decoded, or undefined when there is nothing to decode. */
function decodeView(view: View): View | undefined {
  const { text } = view;
  if (!/[%\\&]/.test(text)) return undefined;
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  let changed = false;
  for (let index = 0; index < text.length; ) {
    ESCAPE.lastIndex = index;
    const match = ESCAPE_START.has(text[index] as string) ? ESCAPE.exec(text) : null;
    const length = match ? match[0].length : 1;
    let decoded = text[index] as string;
    if (match) {
      const [, percent, braced, unicode, hex, escaped, htmlHex, htmlDec, named] = match;
      decoded =
        percent !== undefined
          ? String.fromCharCode(Number.parseInt(percent, 16))
          : braced !== undefined
            ? codePoint(braced, 16)
            : unicode !== undefined
              ? String.fromCharCode(Number.parseInt(unicode, 16))
              : hex !== undefined
                ? String.fromCharCode(Number.parseInt(hex, 16))
                : escaped !== undefined
                  ? (BACKSLASH[escaped] ?? escaped)
                  : htmlHex !== undefined
                    ? codePoint(htmlHex, 16)
                    : htmlDec !== undefined
                      ? codePoint(htmlDec, 10)
                      : (NAMED[(named ?? "").toLowerCase()] ?? "");
      changed = true;
    }
    const start = view.from[index] as number;
    const end = view.to[index + length - 1] as number;
    for (let unit = 0; unit < decoded.length; unit += 1) {
      out += decoded[unit];
      from.push(start);
      to.push(end);
    }
    index += length;
  }
  return changed ? { text: out, from, to } : undefined;
}

/**
 * The view without invisible characters (`s\u200bk-…` is still the key), and with Unicode tag characters
 * (U+E0020–U+E007E, invisible copies of ASCII) read as the ASCII they copy; undefined when it has neither.
 */
function visibleView(view: View): View | undefined {
  if (!IGNORABLE.test(view.text) && !view.text.includes(TAG_HIGH)) return undefined;
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let index = 0; index < view.text.length; index += 1) {
    const char = view.text[index] as string;
    const low = view.text.charCodeAt(index + 1);
    if (char === TAG_HIGH && low >= 0xdc20 && low <= 0xdc7e) {
      text += String.fromCharCode(low - 0xdc00);
      from.push(view.from[index] as number);
      to.push(view.to[index + 1] as number);
      index += 1;
      continue;
    }
    if (IGNORABLE.test(char)) continue;
    text += char;
    from.push(view.from[index] as number);
    to.push(view.to[index] as number);
  }
  return { text, from, to };
}

const BASE64_RUN = /[A-Za-z0-9+/_-]{11,}/g;
const NOT_TEXT = /[\ufffd\p{Cc}]/gu;

/** At least 3 in 4 characters are text: neither a control character nor an invalid UTF-8 sequence. */
function mostlyText(text: string): boolean {
  const noise = text.match(NOT_TEXT)?.length ?? 0;
  return noise * 4 <= text.length;
}

/** Marks (in `marks`, indexed like the original text) what of `view` holds a piece of a secret. */
function scanView(view: View, detector: Detector, marks: Uint8Array, depth: number): void {
  const mark = (start: number, end: number) => marks.fill(1, view.from[start], view.to[end - 1]);
  const lower = asciiLower(view.text);
  const base64 = lower.replace(/-/g, "+").replace(/_/g, "/");
  for (let start = 0; start + FRAGMENT <= lower.length; start += 1) {
    if (detector.fragments.has(lower.slice(start, start + FRAGMENT))) mark(start, start + FRAGMENT);
    if (detector.base64.has(base64.slice(start, start + BASE64_WINDOW)))
      mark(start, Math.min(start + BASE64_WINDOW, lower.length));
    if (detector.hex.has(lower.slice(start, start + HEX_WINDOW)))
      mark(start, Math.min(start + HEX_WINDOW, lower.length));
  }
  if (depth === 0) return;
  // A run that may be base64 of something else that holds the secret (percent-encoded, escaped, base64 again):
  // decoded from each of the 4 starting characters, since the run may begin inside a group.
  for (const run of view.text.matchAll(BASE64_RUN)) {
    for (let skip = 0; skip < 4; skip += 1) {
      const bytes = Buffer.from(run[0].slice(skip).replace(/-/g, "+").replace(/_/g, "/"), "base64");
      const decoded = bytes.toString("utf8");
      // Decoded from the wrong character, or not base64 at all, it is noise: not worth a search.
      if (!mostlyText(decoded)) continue;
      if (scan(decoded, detector, depth - 1).includes(1)) {
        mark(run.index, run.index + run[0].length);
        break;
      }
    }
  }
}

/** Which characters of `text` belong to a piece of a secret, in any of the views. */
function scan(text: string, detector: Detector, depth: number): Uint8Array {
  const marks = new Uint8Array(text.length);
  let view: View | undefined = rawView(text);
  for (let pass = 0; view && pass <= DECODE_PASSES; pass += 1) {
    scanView(view, detector, marks, depth);
    const visible = visibleView(view);
    if (visible) scanView(visible, detector, marks, depth);
    view = decodeView(view);
  }
  return marks;
}

// A marked piece takes the word around it along: what is left of an encoded key next to it is no use to show.
const WORD = /[^\s"'`<>()[\]{},;]/;

function replaceMarked(text: string, marks: Uint8Array): string {
  let out = "";
  for (let index = 0; index < text.length; ) {
    if (!marks[index]) {
      out += text[index];
      index += 1;
      continue;
    }
    let end = index;
    while (end < text.length && (marks[end] || WORD.test(text[end] as string))) end += 1;
    // The word's start was already copied: take it back.
    let start = out.length;
    while (start > 0 && WORD.test(out[start - 1] as string)) start -= 1;
    out = `${out.slice(0, start)}${REDACTED}`;
    index = end;
  }
  return out;
}

/**
 * Makes text from a server safe to print: removes each secret (whole, or any piece of 6 characters, also
 * percent-encoded, escaped, in base64 or hex), masked keys (`sk-ab***yz`) and words shaped like known key formats;
 * shows control characters as escapes, collapses blanks and shortens the text to one line.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = oneLine(text.slice(0, MAX_SCAN));
  // Pieces of a secret shorter than a fragment are no use to anyone; the whole of a short one still goes.
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  const detector = detectorOf(secrets);
  if (detector.fragments.size > 0) out = replaceMarked(out, scan(out, detector, NESTING));
  out = out.replace(/[\w\-.*+/=:~]{6,}/g, (word) =>
    word.includes("**") || KEY_PREFIX.test(word) ? REDACTED : word,
  );
  return out.length > MAX_LENGTH ? `${out.slice(0, MAX_LENGTH - 1)}…` : out;
}

/**
 * Whether `text` holds a secret or a piece of one that `redactSecrets` would remove (raw, encoded, escaped), looked
 * for in all of it rather than in the first 8 KiB: for strings that are kept as they are, such as model ids from a
 * model list that was sent the key.
 */
export function holdsSecret(text: string, secrets: readonly string[]): boolean {
  if (secrets.some((secret) => secret.length >= 4 && text.includes(secret))) return true;
  const detector = detectorOf(secrets);
  return detector.fragments.size > 0 && scan(text, detector, NESTING).includes(1);
}
