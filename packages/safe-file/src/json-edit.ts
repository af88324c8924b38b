// Edits a JSON or JSON5 text in place: only the values that differ between the old document and the new one are
// rewritten; comments, key order, quoting, trailing commas and indentation everywhere else are kept byte for byte.
import { type EntrySpan, type JsonSpan, scanJson } from "./json-rewrite.js";

const exactJson = JSON as JSON & { isRawJSON(value: unknown): boolean };

/** A number kept exact by `parseExact` (`JSON.rawJSON`): equal to another only by its text. */
const isRaw = (value: unknown): value is { readonly rawJSON: string } =>
  typeof exactJson.isRawJSON === "function" && exactJson.isRawJSON(value);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !isRaw(value);

/** A member JSON would write: own, and not undefined (JSON.stringify leaves those out). */
const has = (object: Json, key: string) => Object.hasOwn(object, key) && object[key] !== undefined;

const keysOf = (object: Json) => Object.keys(object).filter((key) => object[key] !== undefined);

/**
 * Whether two documents hold the same data as JSON sees it: members in any order, an undefined member absent, an
 * exact number equal to another only with the same text, -0 not 0, NaN equal to NaN.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (isRaw(a) || isRaw(b)) return isRaw(a) && isRaw(b) && a.rawJSON === b.rawJSON;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameJson(item ?? null, b[index] ?? null));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = keysOf(a);
  return keys.length === keysOf(b).length && keys.every((key) => has(b, key) && sameJson(a[key], b[key]));
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** How the document writes what we add: learnt from the document itself. */
interface Style {
  readonly eol: string;
  /** One level of indentation. */
  readonly unit: string;
  /** How keys are quoted: `"`, `'`, or "" for bare keys where a key allows it. */
  readonly key: string;
  /** How strings are quoted. */
  readonly quote: string;
  /** Whether multi-line objects and arrays end with a comma. */
  readonly trailing: boolean;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The text with `after` in place of `before`, which it holds: values that differ are replaced, members and items that
 * went are removed with their line, new ones are added after the last one, in the layout of their neighbours. New
 * text follows the document's indentation, line ends, quotes and trailing commas. `text` must parse (as JSON or
 * JSON5) to `before`, with no key twice (see `checkRewritable`).
 */
export function editJsonText(text: string, before: unknown, after: unknown, path = "The file"): string {
  const root = scanJson(text, path, undefined, true).root;
  if (root === undefined) return text;
  const editor = new Editor(text, learnStyle(text, root));
  editor.value(root, before, after, false);
  return editor.apply();
}

function learnStyle(text: string, root: JsonSpan): Style {
  let unit: string | undefined;
  let key: string | undefined;
  let quote: string | undefined;
  let trailing = false;
  const stack = [root];
  for (let span = stack.pop(); span !== undefined; span = stack.pop()) {
    const entries = span.entries;
    if (entries === undefined) {
      const first = text[span.start];
      if (quote === undefined && (first === '"' || first === "'")) quote = first;
      continue;
    }
    const last = entries.at(-1);
    if (last?.comma !== undefined && multiLine(text, span)) trailing = true;
    const first = entries[0];
    if (first?.key !== undefined && key === undefined) {
      const char = text[first.start] ?? "";
      key = char === '"' || char === "'" ? char : "";
    }
    if (unit === undefined && first !== undefined && startsLine(text, first.start)) {
      const outer = indentOf(text, span.start);
      const inner = indentOf(text, first.start);
      if (inner.length > outer.length && inner.startsWith(outer)) unit = inner.slice(outer.length);
    }
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index];
      if (entry) stack.push(entry.value);
    }
  }
  return {
    eol: text.includes("\r\n") ? "\r\n" : "\n",
    unit: unit ?? "  ",
    key: key ?? '"',
    quote: quote ?? '"',
    trailing,
  };
}

function lineStart(text: string, at: number): number {
  let index = at;
  while (index > 0 && !LINE_BREAK.test(text[index - 1] ?? "")) index--;
  return index;
}

/** Whether only blanks stand before `at` on its line. Asked of every entry: it looks back over the blanks only. */
function startsLine(text: string, at: number): boolean {
  let index = at;
  while (index > 0 && (text[index - 1] === " " || text[index - 1] === "\t")) index--;
  return index === 0 || LINE_BREAK.test(text[index - 1] ?? "");
}

/** The blanks that begin the line holding `at`. */
function indentOf(text: string, at: number): string {
  const from = lineStart(text, at);
  let index = from;
  while (text[index] === " " || text[index] === "\t") index++;
  return text.slice(from, index);
}

/** An object or array whose entries are on lines of their own (or that spans lines when it has none). */
function multiLine(text: string, span: JsonSpan): boolean {
  const entries = span.entries ?? [];
  if (entries.length === 0) return LINE_BREAK.test(text.slice(span.start, span.end));
  return entries.some((entry) => startsLine(text, entry.start));
}

/**
 * Where the line goes on after `at`: past blanks and comments that end on this line, the index after the line
 * break; undefined when something else follows on the line (another entry, a closing bracket, a comment that
 * goes on to the next line).
 */
function restOfLine(text: string, at: number): number | undefined {
  let index = at;
  for (;;) {
    while (text[index] === " " || text[index] === "\t") index++;
    if (text.startsWith("/*", index)) {
      const end = text.indexOf("*/", index + 2);
      if (end < 0 || LINE_BREAK.test(text.slice(index, end))) return undefined;
      index = end + 2;
      continue;
    }
    if (text.startsWith("//", index)) {
      while (index < text.length && !LINE_BREAK.test(text[index] ?? "")) index++;
    }
    break;
  }
  if (index >= text.length) return index;
  if (text.startsWith("\r\n", index)) return index + 2;
  return LINE_BREAK.test(text[index] ?? "") ? index + 1 : undefined;
}

/** The end of what an entry owns on its line: its comma, or its value. */
const tail = (entry: EntrySpan) => (entry.comma === undefined ? entry.value.end : entry.comma + 1);

/**
 * Whether nothing but blanks and commas would be left inside the brackets once `gone` (removals, each within them)
 * are made: no comment of the user's stays there.
 */
function emptyAfter(text: string, span: JsonSpan, gone: readonly Edit[]): boolean {
  let from = span.start + 1;
  let left = "";
  for (const edit of [...gone].sort((x, y) => x.start - y.start)) {
    if (edit.start > from) left += text.slice(from, edit.start);
    from = Math.max(from, edit.end);
  }
  if (span.end - 1 > from) left += text.slice(from, span.end - 1);
  return /^[\s,]*$/u.test(left);
}

class Editor {
  private readonly edits: Edit[] = [];

  constructor(
    private readonly text: string,
    private readonly style: Style,
  ) {}

  /** Edits `span` (holding `before`) to hold `after`. `compact`: it sits in an object or array on one line. */
  value(span: JsonSpan, before: unknown, after: unknown, compact: boolean): void {
    if (sameJson(before, after)) return;
    if (span.entries !== undefined && span.object === true && isObject(before) && isObject(after)) {
      this.object(span, span.entries, before, after, compact);
      return;
    }
    if (
      span.entries !== undefined &&
      span.object === false &&
      Array.isArray(before) &&
      Array.isArray(after)
    ) {
      this.array(span, span.entries, before, after, compact);
      return;
    }
    const quote = this.text[span.start];
    const text =
      typeof after === "string" && (quote === '"' || quote === "'")
        ? quoteString(after, quote)
        : this.render(after, indentOf(this.text, span.start), compact);
    this.edits.push({ start: span.start, end: span.end, text });
  }

  private object(span: JsonSpan, entries: EntrySpan[], before: Json, after: Json, within: boolean): void {
    const compact = !multiLine(this.text, span);
    const removed = new Set<number>();
    const present = new Set<string>();
    entries.forEach((entry, index) => {
      const key = entry.key ?? "";
      present.add(key);
      if (has(after, key)) this.value(entry.value, before[key], after[key], compact);
      else removed.add(index);
    });
    const added = keysOf(after)
      .filter((key) => !present.has(key))
      .map((key) => ({ key, value: after[key] }));
    this.restructure(span, entries, removed, added, entries.length, within);
  }

  /** Items that stay alike at both ends are kept; those between are edited in place, removed or added. */
  private array(
    span: JsonSpan,
    entries: EntrySpan[],
    before: unknown[],
    after: unknown[],
    within: boolean,
  ): void {
    const compact = !multiLine(this.text, span);
    let head = 0;
    while (head < before.length && head < after.length && sameJson(before[head], after[head])) head++;
    let end = 0;
    while (
      end < before.length - head &&
      end < after.length - head &&
      sameJson(before[before.length - 1 - end], after[after.length - 1 - end])
    )
      end++;
    const oldMiddle = before.length - head - end;
    const newMiddle = after.length - head - end;
    const paired = Math.min(oldMiddle, newMiddle);
    for (let index = head; index < head + paired; index++) {
      const entry = entries[index];
      if (entry) this.value(entry.value, before[index], after[index], compact);
    }
    const removed = new Set<number>();
    for (let index = head + paired; index < head + oldMiddle; index++) removed.add(index);
    const added = after.slice(head + paired, head + newMiddle).map((value) => ({ key: undefined, value }));
    this.restructure(span, entries, removed, added, head + oldMiddle, within);
  }

  /**
   * Removes entries and adds new ones before entry `at` (or at the end), keeping the commas right. `within`: the
   * object or array sits in one written on one line, so an empty one filled stays on one line.
   */
  private restructure(
    span: JsonSpan,
    entries: EntrySpan[],
    removed: ReadonlySet<number>,
    added: readonly { key: string | undefined; value: unknown }[],
    at: number,
    within: boolean,
  ): void {
    if (removed.size === 0 && added.length === 0) return;
    const { text, style } = this;
    const kept = entries.filter((_entry, index) => !removed.has(index));
    const trailing = entries.at(-1)?.comma !== undefined;
    const indent = indentOf(text, span.start);
    const gone = [...removed].map((index) => this.removal(entries[index] as EntrySpan));
    if (kept.length === 0 && emptyAfter(text, span, gone)) {
      // Nothing of the user's is left inside: write the brackets' inside anew.
      const inner = `${indent}${style.unit}`;
      let body = "";
      if (added.length > 0 && within) {
        const items = this.items(added, "", true).join(", ");
        body = span.object ? ` ${items} ` : items;
      } else if (added.length > 0) {
        const items = this.items(added, inner, false).join(`,${style.eol}`);
        body = `${style.eol}${items}${style.trailing ? "," : ""}${style.eol}${indent}`;
      }
      this.edits.push({ start: span.start + 1, end: span.end - 1, text: body });
      return;
    }
    this.edits.push(...gone);
    if (added.length === 0) {
      // The last entry left keeps a comma only where the list had a trailing one.
      const last = kept.at(-1);
      if (last?.comma !== undefined && last !== entries.at(-1) && !trailing)
        this.edits.push({ start: last.comma, end: last.comma + 1, text: "" });
      return;
    }
    if (kept.length === 0) {
      const inner = `${indent}${style.unit}`;
      const items = this.items(added, inner, false).map((item) => `${style.eol}${item}`);
      const text = `${items.join(",")}${style.trailing ? "," : ""}`;
      this.edits.push({ start: span.start + 1, end: span.start + 1, text });
      return;
    }
    const next = entries[at];
    if (next !== undefined) {
      // Before an entry that stays (arrays only): in its layout.
      const own = startsLine(text, next.start);
      const items = this.items(added, indentOf(text, next.start), !own);
      this.edits.push(
        own
          ? {
              start: lineStart(text, next.start),
              end: lineStart(text, next.start),
              text: items.map((item) => `${item},${style.eol}`).join(""),
            }
          : { start: next.start, end: next.start, text: items.map((item) => `${item}, `).join("") },
      );
      return;
    }
    const last = kept.at(-1) as EntrySpan;
    if (last.comma === undefined) this.edits.push({ start: last.value.end, end: last.value.end, text: "," });
    const comma = trailing ? "," : "";
    if (multiLine(text, span)) {
      const own = indentOf(text, last.start);
      const lineIndent = startsLine(text, last.start) ? own : `${indent}${style.unit}`;
      const after = restOfLine(text, tail(last));
      const where = after === undefined ? tail(last) : lineEnd(text, after);
      const items = this.items(added, lineIndent, false).map((item) => `${style.eol}${item}`);
      this.edits.push({ start: where, end: where, text: `${items.join(",")}${comma}` });
    } else {
      const items = this.items(added, "", true).map((item) => ` ${item}`);
      this.edits.push({ start: tail(last), end: tail(last), text: `${items.join(",")}${comma}` });
    }
  }

  /** New entries, each on `indent` (multi-line ones) or compact. */
  private items(
    added: readonly { key: string | undefined; value: unknown }[],
    indent: string,
    compact: boolean,
  ): string[] {
    return added.map(({ key, value }) => {
      const rendered = this.render(value, indent, compact);
      return `${compact ? "" : indent}${key === undefined ? "" : `${this.key(key)}: `}${rendered}`;
    });
  }

  /** The removal of an entry: with its line when it has one of its own, else with its comma and the blanks after. */
  private removal(entry: EntrySpan): Edit {
    const { text } = this;
    const end = tail(entry);
    const after = startsLine(text, entry.start) ? restOfLine(text, end) : undefined;
    if (after !== undefined) return { start: lineStart(text, entry.start), end: after, text: "" };
    if (entry.comma !== undefined) {
      let stop = end;
      while (text[stop] === " " || text[stop] === "\t") stop++;
      return { start: entry.start, end: stop, text: "" };
    }
    // The last entry, without a comma: also the blanks before it (the comma before goes with the one before).
    let start = entry.start;
    while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
    return { start, end, text: "" };
  }

  private key(key: string): string {
    if (this.style.key === "" && IDENTIFIER.test(key)) return key;
    return quoteString(key, this.style.key || this.style.quote);
  }

  /** A new value as text: multi-line objects and arrays at `indent`, or on one line when `compact`. */
  private render(value: unknown, indent: string, compact: boolean): string {
    if (value === null || value === undefined || typeof value === "function" || typeof value === "symbol")
      return "null";
    if (typeof value === "string") return quoteString(value, this.style.quote);
    if (typeof value === "number") return numberText(value);
    if (typeof value === "boolean") return String(value);
    if (isRaw(value)) return value.rawJSON;
    if (typeof value !== "object") return JSON.stringify(value) ?? "null";
    const { eol, unit, trailing } = this.style;
    const inner = `${indent}${unit}`;
    const items = Array.isArray(value)
      ? value.map((item) => this.render(item, inner, compact))
      : keysOf(value as Json).map(
          (key) => `${this.key(key)}: ${this.render((value as Json)[key], inner, compact)}`,
        );
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    if (items.length === 0) return `${open}${close}`;
    if (compact) return Array.isArray(value) ? `[${items.join(", ")}]` : `{ ${items.join(", ")} }`;
    return `${open}${eol}${items.map((item) => `${inner}${item}`).join(`,${eol}`)}${trailing ? "," : ""}${eol}${indent}${close}`;
  }

  /** The text with every edit made; deletions that overlap are merged. */
  apply(): string {
    const edits = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    let out = "";
    let at = 0;
    for (const edit of edits) {
      if (edit.start < at) {
        // Only two deletions may overlap (an entry and the blanks before the next one's removal).
        if (edit.text !== "") throw new Error(`overlapping edits at ${edit.start}`);
        at = Math.max(at, edit.end);
        continue;
      }
      out += this.text.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    return out + this.text.slice(at);
  }
}

/** The index of the line break that ends the line before `next` (the index after it), or `next` at the text's end. */
function lineEnd(text: string, next: number): number {
  if (next >= text.length && !LINE_BREAK.test(text[next - 1] ?? "")) return next;
  return text[next - 2] === "\r" && text[next - 1] === "\n" ? next - 2 : next - 1;
}

function numberText(value: number): string {
  if (Object.is(value, -0)) return "-0";
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return String(value);
}

/**
 * A string in JSON's escapes, between `"` or (JSON5) `'`. U+2028 and U+2029 are escaped too: json5 warns about them
 * raw (they end a line in older JavaScript).
 */
function quoteString(value: string, quote: string): string {
  const json = JSON.stringify(value).replace(
    /[\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16)}`,
  );
  if (quote === '"') return json;
  const inner = json
    .slice(1, -1)
    .replace(/\\(.)|'/g, (match, escaped: string | undefined) =>
      escaped === '"' ? '"' : match === "'" ? "\\'" : match,
    );
  return `'${inner}'`;
}
