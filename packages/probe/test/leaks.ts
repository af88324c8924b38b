// For tests: the ways a secret can be echoed, and a search for any 8-character run of it in output, written apart
// from the redaction code (other decoders, another way to find stable base64) so that it checks rather than repeats.

const RUN = 8;

const bytesOf = (text: string) => Buffer.from(text, "utf8");
const hex2 = (byte: number) => byte.toString(16).padStart(2, "0");
const hex4 = (unit: number) => unit.toString(16).padStart(4, "0");
// Case is ignored for ASCII letters only: other scripts' case rules depend on context (Greek final sigma).
const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
const units = (text: string) => Array.from({ length: text.length }, (_, index) => text.charCodeAt(index));

/** Encodings a server might echo a secret in, each a function of the text that holds it. */
export const ENCODINGS: Readonly<Record<string, (text: string) => string>> = {
  raw: (text) => text,
  "upper-cased": (text) => text.replace(/[a-z]+/g, (letters) => letters.toUpperCase()),
  encodeURIComponent: (text) => encodeURIComponent(text),
  "percent, every byte, upper hex": (text) =>
    [...bytesOf(text)].map((b) => `%${hex2(b).toUpperCase()}`).join(""),
  "percent, every byte, lower hex": (text) => [...bytesOf(text)].map((b) => `%${hex2(b)}`).join(""),
  "form-encoded": (text) => new URLSearchParams({ q: text }).toString(),
  "percent, twice": (text) => encodeURIComponent([...bytesOf(text)].map((b) => `%${hex2(b)}`).join("")),
  base64: (text) => bytesOf(text).toString("base64"),
  "base64 unpadded": (text) => bytesOf(text).toString("base64").replace(/=+$/, ""),
  base64url: (text) => bytesOf(text).toString("base64url"),
  "base64, 1 byte before": (text) => bytesOf(`x${text}`).toString("base64"),
  "base64, 2 bytes before": (text) => bytesOf(`xy${text}`).toString("base64"),
  "base64url, 1 byte before": (text) => bytesOf(`:${text}`).toString("base64url"),
  "Basic auth": (text) => `Basic ${bytesOf(`user:${text}`).toString("base64")}`,
  "base64 of base64": (text) => bytesOf(bytesOf(text).toString("base64")).toString("base64"),
  "base64 of percent": (text) => bytesOf(encodeURIComponent(`a b ${text}`)).toString("base64"),
  "percent of base64": (text) => encodeURIComponent(bytesOf(`ab${text}`).toString("base64")),
  "base64 of \\u escapes": (text) =>
    bytesOf(
      units(text)
        .map((unit) => `\\u${hex4(unit)}`)
        .join(""),
    ).toString("base64"),
  "\\u every character": (text) =>
    units(text)
      .map((unit) => `\\u${hex4(unit)}`)
      .join(""),
  "\\u every character, upper hex": (text) =>
    units(text)
      .map((unit) => `\\u${hex4(unit).toUpperCase()}`)
      .join(""),
  "\\u every other character": (text) =>
    units(text)
      .map((unit, index) => (index % 2 === 0 ? `\\u${hex4(unit)}` : String.fromCharCode(unit)))
      .join(""),
  "\\x escapes": (text) => [...bytesOf(text)].map((b) => `\\x${hex2(b)}`).join(""),
  "JSON string": (text) => JSON.stringify(text),
  "HTML decimal references": (text) =>
    units(text)
      .map((unit) => `&#${unit};`)
      .join(""),
  "HTML hex references": (text) =>
    units(text)
      .map((unit) => `&#x${unit.toString(16)};`)
      .join(""),
  hex: (text) => bytesOf(text).toString("hex"),
  "hex, upper": (text) => bytesOf(text).toString("hex").toUpperCase(),
  "zero-width joiners between characters": (text) => [...text].join("\u200b"),
};

// Decoders for the search, deliberately plain: one regex each, applied until nothing changes.
function decodeOnce(text: string): string {
  return text
    .replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return Buffer.from(run.replace(/%/g, ""), "hex").toString("latin1");
      }
    })
    .replace(/\+/g, " ")
    .replace(/\\u([0-9a-f]{4})/gi, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&#([0-9]+);/g, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 10)))
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "");
}

/** The output itself, decoded step by step, and what every base64-looking run in those decodes to. */
function views(output: string, depth = 2): string[] {
  const found = [output];
  for (let current = output, step = 0; step < 4; step += 1) {
    const next = decodeOnce(current);
    if (next === current) break;
    found.push(next);
    current = next;
  }
  if (depth === 0) return found;
  const nested: string[] = [];
  for (const view of found)
    for (const [run] of view.matchAll(/[A-Za-z0-9+/_-]{11,}/g))
      for (let skip = 0; skip < 4; skip += 1) {
        const standard = run.slice(skip).replace(/-/g, "+").replace(/_/g, "/");
        nested.push(...views(Buffer.from(standard, "base64").toString("utf8"), depth - 1));
      }
  return [...found, ...nested];
}

/**
 * The base64 characters that depend only on `bytes` when they start `align` bytes into a group: encode them between
 * all-zero and all-one fillers and keep the positions where both encodings agree.
 */
function invariantBase64(bytes: Buffer, align: number): string {
  const encode = (fill: number) =>
    Buffer.concat([Buffer.alloc(align, fill), bytes, Buffer.alloc(3, fill)]).toString("base64");
  const zeros = encode(0);
  const ones = encode(0xff);
  let stable = "";
  for (let index = 0; index < zeros.length; index += 1)
    if (zeros[index] === ones[index]) stable += zeros[index];
  return stable;
}

/**
 * Every form (raw in any case, decoded, base64 in either alphabet at any alignment, hex) in which some run of 8
 * consecutive characters of `secret` appears in `output`; empty when none does.
 */
export function leaksOf(output: string, secret: string): string[] {
  const leaks = new Set<string>();
  const runs = Array.from({ length: Math.max(0, secret.length - RUN + 1) }, (_, start) =>
    secret.slice(start, start + RUN),
  );
  for (const view of views(output)) {
    const lower = asciiLower(view);
    const base64 = asciiLower(view.replace(/-/g, "+").replace(/_/g, "/"));
    for (const run of runs) {
      if (lower.includes(asciiLower(run))) leaks.add(`raw ${JSON.stringify(run)}`);
      const bytes = bytesOf(run);
      for (const align of [0, 1, 2]) {
        const stable = asciiLower(invariantBase64(bytes, align));
        if (base64.includes(stable)) leaks.add(`base64 of ${JSON.stringify(run)}`);
      }
      if (lower.includes(bytes.toString("hex"))) leaks.add(`hex of ${JSON.stringify(run)}`);
    }
  }
  return [...leaks];
}
