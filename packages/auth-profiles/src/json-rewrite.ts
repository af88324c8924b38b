// Reading a JSON file in order to rewrite it, without losing what we do not own: duplicate keys and absurd nesting
// are refused, and numbers that a double cannot hold keep their exact text. Only the write path pays for this.
import { AuthStoreError } from "./errors.js";

/** Deeper than any real config or store; far below where JSON.stringify and our own recursion overflow the stack. */
export const MAX_DEPTH = 1000;

const exactJson = JSON as JSON & {
  rawJSON(text: string): unknown;
  isRawJSON(value: unknown): boolean;
};

interface Frame {
  /** Keys seen so far; undefined for an array. */
  readonly keys: Set<string> | undefined;
  /** Where this object or array is, for messages (`profiles`, `agents.list[]`). */
  readonly where: string;
  expectKey: boolean;
  lastKey: string;
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

function keyOf(token: string): string {
  const inner = token.slice(1, -1);
  if (!inner.includes("\\")) return inner;
  try {
    return JSON.parse(token[0] === '"' ? token : `"${inner.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`);
  } catch {
    return inner;
  }
}

const isTokenEnd = (code: number) =>
  code === 0x2c ||
  code === 0x3a ||
  code === 0x7b ||
  code === 0x7d ||
  code === 0x5b ||
  code === 0x5d ||
  code === 0x22 ||
  code === 0x27 ||
  code === 0x2f ||
  code <= 0x20;

/**
 * Scans a JSON or JSON5 text (comments, single quotes, bare keys) in one pass, without recursion: throws
 * FILE_INVALID when it nests deeper than MAX_DEPTH, and FILE_DUPLICATE_KEY when an object has the same key twice
 * (JSON.parse keeps only the last, so a rewrite would silently drop the first). Call it on text that parsed.
 */
export function checkRewritable(text: string, path: string): void {
  const stack: Frame[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (code === 0x7b || code === 0x5b) {
      if (stack.length >= MAX_DEPTH) {
        throw new AuthStoreError(
          "FILE_INVALID",
          `${path} nests objects or arrays more than ${MAX_DEPTH} levels deep; modelctl does not rewrite such a file. Nothing was written; flatten it and run the command again.`,
          { path },
        );
      }
      const where = top === undefined ? "" : top.keys ? joinKey(top.where, top.lastKey) : `${top.where}[]`;
      stack.push({
        keys: code === 0x7b ? new Set() : undefined,
        where,
        expectKey: code === 0x7b,
        lastKey: "",
      });
      i++;
    } else if (code === 0x7d || code === 0x5d) {
      stack.pop();
      i++;
    } else if (code === 0x2c) {
      if (top?.keys) top.expectKey = true;
      i++;
    } else if (code === 0x3a) {
      if (top?.keys) top.expectKey = false;
      i++;
    } else if (code === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? length : end + 1;
    } else if (code === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? length : end + 2;
    } else if (code <= 0x20) {
      i++;
    } else {
      let end: number;
      if (code === 0x22 || code === 0x27) end = stringEnd(text, i, code === 0x22 ? '"' : "'");
      else {
        end = i + 1;
        while (end < length && !isTokenEnd(text.charCodeAt(end))) end++;
      }
      if (top?.keys && top.expectKey) {
        const token = text.slice(i, end);
        const key = code === 0x22 || code === 0x27 ? keyOf(token) : token;
        if (top.keys.has(key)) {
          const where = top.where === "" ? "" : ` in ${top.where}`;
          throw new AuthStoreError(
            "FILE_DUPLICATE_KEY",
            `${path} has the key ${JSON.stringify(key)} twice${where}; a rewrite would keep only the last one. Nothing was written; remove or rename one of them and run the command again.`,
            { path, key },
          );
        }
        top.keys.add(key);
        top.lastKey = key;
        top.expectKey = false;
      }
      i = end;
    }
  }
}

const joinKey = (where: string, key: string) =>
  where === "" ? key : /^[\w$-]+$/.test(key) ? `${where}.${key}` : `${where}[${JSON.stringify(key)}]`;

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

/** Whether a number literal's value is not exactly the double it parses to (`12345678901234567890`, `1e400`). */
function losesPrecision(source: string, value: number): boolean {
  return !Number.isFinite(value) || canonicalNumber(source) !== canonicalNumber(String(value));
}

/** Only texts with a run of 16+ digits (dots allowed) or a 3-digit exponent can hold such a number. */
const MAY_LOSE = /\d[\d.]{15}|[eE][+-]?\d{3}/;

/**
 * The document of a JSON text with every number that a double cannot hold kept as its exact text
 * (`JSON.rawJSON`, written back byte for byte by JSON.stringify). Returns `fallback` when the text is not plain
 * JSON (JSON5 keeps its parsed numbers) or holds no such number.
 */
export function parseExact(text: string, fallback: unknown): unknown {
  if (!MAY_LOSE.test(text)) return fallback;
  try {
    return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
      typeof value === "number" && context?.source !== undefined && losesPrecision(context.source, value)
        ? exactJson.rawJSON(context.source)
        : value,
    );
  } catch {
    return fallback;
  }
}

/** A deep copy of a parsed document; exact numbers (frozen raw JSON) are shared, not turned into objects. */
export function cloneJson<T>(value: T): T {
  if (typeof value !== "object" || value === null || exactJson.isRawJSON(value)) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  // fromEntries defines own properties, so a "__proto__" key stays a key.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cloneJson(item)])) as T;
}
