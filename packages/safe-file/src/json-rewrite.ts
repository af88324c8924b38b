// Reading a JSON file in order to rewrite it, without losing what we do not own: duplicate keys, absurd nesting and
// numbers JSON cannot write are refused, and numbers that a double cannot hold keep their exact value. Only the write
// path pays for this.
import { SafeFileError } from "./errors.js";

/** Deeper than any real config or store; far below where JSON.stringify and our own recursion overflow the stack. */
export const MAX_DEPTH = 1000;

const exactJson = JSON as JSON & {
  rawJSON(text: string): unknown;
  isRawJSON(value: unknown): boolean;
};

/** A key (object) or index (array) on the way from the document's root to a value. */
export type Segment = string | number;

interface Frame {
  /** Keys seen so far; undefined for an array. */
  readonly keys: Set<string> | undefined;
  /** The object or array holding this one, and this one's key or index in it. */
  readonly parent: Frame | undefined;
  readonly segment: Segment | undefined;
  expectKey: boolean;
  lastKey: string;
  /** Values begun so far in an array. */
  count: number;
  /** Where the last key began (for spans). */
  keyStart: number;
  /** This object's or array's span, when spans are built. */
  readonly span: JsonSpan | undefined;
}

/** Where a value sits in the text, `[start, end)`; an object or array also has its entries, in text order. */
export interface JsonSpan {
  readonly start: number;
  end: number;
  readonly entries: EntrySpan[] | undefined;
  /** True for an object, false for an array; undefined for anything else. */
  readonly object: boolean | undefined;
}

/** One member of an object or item of an array. */
export interface EntrySpan {
  /** The member's key as json5 reads it; undefined in an array. */
  readonly key: string | undefined;
  /** Where the entry begins: its key, or its value in an array. */
  readonly start: number;
  readonly value: JsonSpan;
  /** Where the comma after it is, if there is one. */
  comma: number | undefined;
}

/** A number literal of the text and where its value sits. */
export interface NumberToken {
  readonly at: readonly Segment[];
  readonly source: string;
}

export interface ScanResult {
  /** Every number literal, in text order. */
  readonly numbers: readonly NumberToken[];
  /** The document's value and where everything in it sits, when asked for. */
  readonly root: JsonSpan | undefined;
}

/** Called when an object or array closes: its keys (undefined for an array) and how many values it held. */
export type CloseObserver = (
  at: readonly Segment[],
  keys: ReadonlySet<string> | undefined,
  count: number,
) => void;

/** `agents.list[2].x`, for messages. */
export function describeAt(at: readonly Segment[]): string {
  let text = "";
  for (const segment of at) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (text !== "" && /^[\w$-]+$/.test(segment)) text += `.${segment}`;
    else text += text === "" && /^[\w$-]+$/.test(segment) ? segment : `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * Where a value sits, from the frames holding it. Built only when asked (a message, a number to keep exact): copying
 * the path for every value would cost the depth each time.
 */
function pathOf(frame: Frame | undefined, last?: Segment): Segment[] {
  const at: Segment[] = last === undefined ? [] : [last];
  for (let f = frame; f?.segment !== undefined; f = f.parent) at.push(f.segment);
  return at.reverse();
}

function numberToken(source: string, frame: Frame | undefined, segment: Segment | undefined): NumberToken {
  let at: Segment[] | undefined;
  return {
    source,
    get at() {
      at ??= pathOf(frame, segment);
      return at;
    },
  };
}

/** Index just past the closing quote of the string starting at `start` (JSON5 also has single quotes). */
function stringEnd(text: string, start: number, quote: string): number {
  let from = start + 1;
  for (;;) {
    const at = text.indexOf(quote, from);
    if (at < 0) return text.length;
    let backslash = at - 1;
    while (backslash > start && text.charCodeAt(backslash) === 0x5c) backslash--;
    if ((at - 1 - backslash) % 2 === 0) return at + 1;
    from = at + 1;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "0": "\0",
  "\n": "",
  "\u2028": "",
  "\u2029": "",
};

/**
 * The value of a JSON5 string's inside, as json5 reads it: \uXXXX, \xHH, \0, the letters, a backslash before a
 * line terminator (`\r\n` counts as one) continues the line, and any other escaped character is itself.
 */
function unescapeString(inner: string): string {
  if (!inner.includes("\\")) return inner;
  return inner.replace(
    /\\(?:u([\da-fA-F]{4})|x([\da-fA-F]{2})|(\r\n?)|([\s\S]))/g,
    (
      _match,
      u: string | undefined,
      x: string | undefined,
      cr: string | undefined,
      other: string | undefined,
    ) => {
      if (u !== undefined || x !== undefined) return String.fromCharCode(Number.parseInt(u ?? x ?? "", 16));
      if (cr !== undefined || other === undefined) return "";
      return Object.hasOwn(SIMPLE_ESCAPES, other) ? (SIMPLE_ESCAPES[other] ?? "") : other;
    },
  );
}

/** A bare JSON5 key, its \uXXXX escapes read (`\u0061` is the key `a`). */
const unescapeIdentifier = (token: string) =>
  token.replace(/\\u([\da-fA-F]{4})/g, (_match, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );

/**
 * A bare token of valid JSON5: a key (identifier, with \uXXXX escapes) or a literal (number, true, false, null,
 * Infinity, NaN, with a sign). Whatever else json5 skips outside strings and comments is whitespace.
 */
const BARE_TOKEN = /(?:[\p{ID_Continue}$.+-]|\u200C|\u200D|\\u[\da-fA-F]{4})+/uy;

/** json5's line terminators: a `//` comment ends at the first of them. */
const LINE_END = /[\n\r\u2028\u2029]/g;

/**
 * Scans a JSON or JSON5 text in one pass, without recursion, reading keys, strings and comments as json5 does:
 * throws FILE_INVALID when it nests deeper than MAX_DEPTH, FILE_DUPLICATE_KEY when an object has the same key twice
 * (JSON.parse keeps only the last, so a rewrite would silently drop the first), and returns its number literals
 * and, with `spans`, where each value, key and comma sits (for edits in place). Call it on text that parsed.
 */
export function scanJson(text: string, path: string, onClose?: CloseObserver, spans = false): ScanResult {
  const stack: Frame[] = [];
  const numbers: NumberToken[] = [];
  const length = text.length;
  let root: JsonSpan | undefined;
  /** The key or index of a value beginning now in `top`; counts it when in an array. */
  const segmentIn = (top: Frame | undefined): Segment | undefined => {
    if (top === undefined) return undefined;
    if (top.keys) return top.lastKey;
    top.count++;
    return top.count - 1;
  };
  /** Records a value's span in `top` (or as the root). */
  const place = (top: Frame | undefined, span: JsonSpan): void => {
    if (top?.span?.entries === undefined) root = span;
    else
      top.span.entries.push({
        key: top.keys ? top.lastKey : undefined,
        start: top.keys ? top.keyStart : span.start,
        value: span,
        comma: undefined,
      });
  };
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (code === 0x7b || code === 0x5b) {
      if (stack.length >= MAX_DEPTH) {
        throw new SafeFileError(
          "FILE_INVALID",
          `${path} nests objects or arrays more than ${MAX_DEPTH} levels deep; modelctl does not rewrite such a file. Nothing was written; flatten it and run the command again.`,
          { path },
        );
      }
      let span: JsonSpan | undefined;
      if (spans) {
        span = { start: i, end: length, entries: [], object: code === 0x7b };
        place(top, span);
      }
      stack.push({
        keys: code === 0x7b ? new Set() : undefined,
        parent: top,
        segment: segmentIn(top),
        expectKey: code === 0x7b,
        lastKey: "",
        count: 0,
        keyStart: i,
        span,
      });
      i++;
    } else if (code === 0x7d || code === 0x5d) {
      const closed = stack.pop();
      if (closed?.span) closed.span.end = i + 1;
      if (closed && onClose) onClose(pathOf(closed), closed.keys, closed.count);
      i++;
    } else if (code === 0x2c) {
      if (top?.keys) top.expectKey = true;
      const last = top?.span?.entries?.at(-1);
      if (last !== undefined && last.comma === undefined) last.comma = i;
      i++;
    } else if (code === 0x3a) {
      if (top?.keys) top.expectKey = false;
      i++;
    } else if (code === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      LINE_END.lastIndex = i + 2;
      i = LINE_END.test(text) ? LINE_END.lastIndex : length;
    } else if (code === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? length : end + 2;
    } else if (code === 0x22 || code === 0x27) {
      const end = stringEnd(text, i, code === 0x22 ? '"' : "'");
      if (top?.keys && top.expectKey) {
        addKey(top, unescapeString(text.slice(i + 1, end - 1)), path);
        top.keyStart = i;
      } else {
        segmentIn(top);
        if (spans) place(top, { start: i, end, entries: undefined, object: undefined });
      }
      i = end;
    } else {
      BARE_TOKEN.lastIndex = i;
      if (!BARE_TOKEN.test(text)) {
        i++; // whitespace, as json5 sees it
        continue;
      }
      const token = text.slice(i, BARE_TOKEN.lastIndex);
      if (top?.keys && top.expectKey) {
        addKey(top, unescapeIdentifier(token), path);
        top.keyStart = i;
      } else {
        const segment = segmentIn(top);
        if (token !== "true" && token !== "false" && token !== "null")
          numbers.push(numberToken(token, top, segment));
        if (spans) place(top, { start: i, end: BARE_TOKEN.lastIndex, entries: undefined, object: undefined });
      }
      i = BARE_TOKEN.lastIndex;
    }
  }
  return { numbers, root };
}

function addKey(frame: Frame, key: string, path: string): void {
  if (frame.keys?.has(key)) {
    const where = frame.parent === undefined ? "" : ` in ${describeAt(pathOf(frame))}`;
    throw new SafeFileError(
      "FILE_DUPLICATE_KEY",
      `${path} has the key ${JSON.stringify(key)} twice${where}; a rewrite would keep only the last one. Nothing was written; remove or rename one of them and run the command again.`,
      { path, key },
    );
  }
  frame.keys?.add(key);
  frame.lastKey = key;
  frame.expectKey = false;
}

/** `-12.50e3` → `-125e2`: equal for equal values, whatever the notation. */
function canonicalNumber(text: string): string | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole = "", fraction = "", exponent = "0"] = match;
  const digits = `${whole}${fraction}`.replace(/^0+/, "");
  if (digits === "") return "0";
  const significant = digits.replace(/0+$/, "");
  return `${sign}${significant}e${Number(exponent) - fraction.length + (digits.length - significant.length)}`;
}

/**
 * A JSON spelling of a JSON5 number literal with exactly its value: `+1` → `1`, `.5` → `0.5`, `5.` → `5`,
 * `0x10` → `16` (hex is written in decimal: JSON has no hex). Undefined for Infinity and NaN, which JSON cannot write.
 */
export function jsonSpelling(source: string): string | undefined {
  const match = /^([+-]?)(?:0[xX]([\da-fA-F]+)|(\d*)(?:\.(\d*))?([eE][+-]?\d+)?)$/.exec(source);
  if (!match) return undefined;
  const [, sign = "", hex, whole = "", fraction = "", exponent = ""] = match;
  const minus = sign === "-" ? "-" : "";
  if (hex !== undefined) return `${minus}${BigInt(`0x${hex}`).toString()}`;
  if (whole === "" && fraction === "") return undefined;
  return `${minus}${whole === "" ? "0" : whole}${fraction === "" ? "" : `.${fraction}`}${exponent}`;
}

/**
 * Whether a number, written by JSON.stringify from the double it parses to, would not have its value: beyond 2^53,
 * more digits than a double holds, 1e400 (Infinity, written as null), -0 (written as 0).
 */
function losesPrecision(spelling: string, value: number): boolean {
  return (
    !Number.isFinite(value) ||
    Object.is(value, -0) ||
    canonicalNumber(spelling) !== canonicalNumber(String(value))
  );
}

/**
 * Refuses (FILE_INVALID, naming where) a number literal that JSON cannot write at all: Infinity, NaN. A rewrite
 * would turn it into null.
 */
function refuseUnwritable(token: NumberToken, path: string): void {
  if (jsonSpelling(token.source) !== undefined) return;
  const where = token.at.length === 0 ? "at the top level" : `at ${describeAt(token.at)}`;
  throw new SafeFileError(
    "FILE_INVALID",
    `${path} has the number ${token.source} ${where}, which JSON cannot hold; a rewrite would write it as null. Nothing was written; replace it with a finite number or a string (such as "${token.source}") and run the command again.`,
    { path, key: describeAt(token.at) },
  );
}

/**
 * Refuses what a rewrite of the text would lose: the same key twice in an object (FILE_DUPLICATE_KEY), nesting
 * deeper than MAX_DEPTH, Infinity or NaN (FILE_INVALID). Call it on text that parsed.
 */
export function checkRewritable(text: string, path: string): void {
  for (const token of scanJson(text, path).numbers) refuseUnwritable(token, path);
}

/**
 * Only texts with a run of 16+ digits (dots allowed), a 3-digit exponent, 14+ hex digits or a minus zero
 * (`-0`, `-0.0`, `-.0`, `-0x0`) can hold a number that a rewrite would change.
 */
const MAY_LOSE = /\d[\d.]{15}|[eE][+-]?\d{3}|0[xX][\da-fA-F]{14}|-\.?0(?![1-9])/;

const BOM = "\uFEFF";

/** `root` with the value at `at` replaced; false when there is no such value. */
function replaceAt(root: unknown, at: readonly Segment[], value: unknown): boolean {
  let parent = root;
  for (const [index, segment] of at.entries()) {
    if (typeof parent !== "object" || parent === null || !Object.hasOwn(parent, segment)) return false;
    if (index === at.length - 1) (parent as Record<Segment, unknown>)[segment] = value;
    else parent = (parent as Record<Segment, unknown>)[segment];
  }
  return true;
}

/**
 * Before Node 22 there is no JSON.rawJSON (nor the reviver's source text): a number a rewrite would change cannot be
 * kept, so the rewrite is refused rather than rounding it.
 */
function refuseLossyWithoutRawJson(body: string, fallback: unknown, path: string): unknown {
  for (const token of scanJson(body, path).numbers) {
    const spelling = jsonSpelling(token.source);
    if (spelling === undefined || !losesPrecision(spelling, Number(spelling))) continue;
    throw new SafeFileError(
      "FILE_WRITE_FAILED",
      `${path} has the number ${token.source} at ${describeAt(token.at)}, which Node.js ${process.version} cannot write back exactly. Nothing was written; run modelctl on Node.js 22 or newer.`,
      { path, key: describeAt(token.at) },
    );
  }
  return fallback;
}

/**
 * The document of a JSON or JSON5 text with every number that a rewrite would change (see losesPrecision) kept as
 * its exact value (`JSON.rawJSON`, written back as is by JSON.stringify): the literal's own text for JSON, its JSON
 * spelling for JSON5 (`+1e400` → `1e400`, a big hex in decimal). A UTF-8 BOM is skipped; the rewrite does not write
 * one (RFC 8259 forbids it). Returns `fallback` (the document as parsed) when no number would change. Call
 * `checkRewritable` first: it refuses what cannot be kept.
 */
export function parseExact(text: string, fallback: unknown, path = "The file"): unknown {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (!MAY_LOSE.test(body)) return fallback;
  if (typeof exactJson.rawJSON !== "function") return refuseLossyWithoutRawJson(body, fallback, path);
  let exact: unknown;
  try {
    exact = JSON.parse(body, (_key, value: unknown, context?: { source?: string }) =>
      typeof value === "number" && context?.source !== undefined && losesPrecision(context.source, value)
        ? exactJson.rawJSON(context.source)
        : value,
    );
  } catch {
    exact = undefined;
  }
  if (exact !== undefined) return exact;
  // JSON5: the scanner knows where each literal sits, json5 has parsed the rest.
  let copy: unknown;
  for (const token of scanJson(body, path).numbers) {
    const spelling = jsonSpelling(token.source);
    if (spelling === undefined || !losesPrecision(spelling, Number(spelling))) continue;
    copy ??= cloneJson(fallback);
    const raw = exactJson.rawJSON(spelling);
    if (token.at.length === 0) return raw;
    if (!replaceAt(copy, token.at, raw)) {
      throw new SafeFileError(
        "FILE_INVALID",
        `${path} has the number ${token.source} at ${describeAt(token.at)}, which modelctl could not keep exact. Nothing was written; write it as a string and run the command again.`,
        { path, key: describeAt(token.at) },
      );
    }
  }
  return copy ?? fallback;
}

/** A deep copy of a parsed document; exact numbers (frozen raw JSON) are shared, not turned into objects. */
export function cloneJson<T>(value: T): T {
  if (typeof value !== "object" || value === null || exactJson.isRawJSON(value)) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneJson(item)])) as T;
}

/**
 * Runs a rewrite of `what`; a stack overflow on the way (a document nested past what our own code can walk) is
 * FILE_INVALID, like any file modelctl refuses to rewrite, not a crash. Defence in depth: `checkRewritable` caps
 * nesting before anything recursive runs.
 */
export async function refuseStackOverflow<T>(what: string, rewrite: () => Promise<T>): Promise<T> {
  try {
    return await rewrite();
  } catch (error) {
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) throw error;
    throw new SafeFileError(
      "FILE_INVALID",
      `${what} nests too deeply for modelctl to rewrite (${error.message}). Nothing was written; flatten it and run the command again.`,
      { path: what, cause: error },
    );
  }
}
