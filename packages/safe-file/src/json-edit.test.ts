import fc from "fast-check";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { doc, gap } from "../test/json5-docs.js";
import { editJsonText, sameJson } from "./json-edit.js";
import { parseExact, scanJson } from "./json-rewrite.js";

type Json = Record<string, unknown>;

/** The object at `keys` inside `doc`. */
const dig = (doc: Json, ...keys: string[]) => keys.reduce<Json>((object, key) => object[key] as Json, doc);

/** Edits `text` to what `change` makes of its document. */
function edit(text: string, change: (doc: Json) => unknown): string {
  const before = JSON5.parse(text);
  return editJsonText(text, before, change(structuredClone(before)));
}

const config = `// written by hand
{
  agents: {
    defaults: {
      /* the default model */
      model: { primary: 'anthropic/claude-opus-4-6', /* keep */ },
      models: {
        'anthropic/claude-opus-4-6': { alias: 'opus' }, // the best
        "openai/gpt-5.2": {},
      },
    },
  },
  gateway: { port: 0x1F90, timeout: Infinity, ratio: +.5, },
}
`;

describe("editJsonText", () => {
  it("changes only the value that changed: comments, quotes, numbers and layout elsewhere stay byte for byte", () => {
    const next = edit(config, (doc) => {
      dig(doc, "agents", "defaults", "model").primary = "openai/gpt-5.2";
      return doc;
    });
    expect(next).toBe(config.replace("'anthropic/claude-opus-4-6', /*", "'openai/gpt-5.2', /*"));
  });

  it("returns the text itself when nothing changed", () => {
    expect(edit(config, (doc) => doc)).toBe(config);
  });

  it("adds a member after the last one, on its own line at its indentation, with the list's trailing comma and the document's quotes", () => {
    const next = edit(config, (doc) => {
      dig(doc, "agents", "defaults", "models")["google/gemini-2.5-pro"] = {};
      return doc;
    });
    expect(next).toBe(
      config.replace(
        `"openai/gpt-5.2": {},\n`,
        `"openai/gpt-5.2": {},\n        'google/gemini-2.5-pro': {},\n`,
      ),
    );
  });

  it("adds a comma to the last member, before its comment, when the list had no trailing one", () => {
    const text = '{\n    "a": 1, // one\n    "b": 2 // two\n}\n';
    expect(editJsonText(text, { a: 1, b: 2 }, { a: 1, b: 2, c: { d: [3] } })).toBe(
      '{\n    "a": 1, // one\n    "b": 2, // two\n    "c": {\n        "d": [\n            3\n        ]\n    }\n}\n',
    );
  });

  it("adds to an object or array written on one line on that line", () => {
    const text = "{ model: { primary: 'a/b' }, list: ['x', 'y',] }";
    const before = JSON5.parse(text);
    const after = { model: { primary: "a/b", fallbacks: ["c/d"] }, list: ["x", "y", "z"] };
    expect(editJsonText(text, before, after)).toBe(
      "{ model: { primary: 'a/b', fallbacks: ['c/d'] }, list: ['x', 'y', 'z',] }",
    );
  });

  it("fills an empty object on new lines at the document's indentation and line ends", () => {
    const text = '{\r\n\t"models": {}\r\n}\r\n';
    expect(editJsonText(text, { models: {} }, { models: { "a/b": { alias: "x" } } })).toBe(
      '{\r\n\t"models": {\r\n\t\t"a/b": {\r\n\t\t\t"alias": "x"\r\n\t\t}\r\n\t}\r\n}\r\n',
    );
  });

  it("writes a new key bare where the document's keys are bare and the key allows it, else in its quotes", () => {
    const text = "{\n  a: 'x',\n}\n";
    expect(editJsonText(text, { a: "x" }, { a: "x", model: "m", "a/b": "n" })).toBe(
      "{\n  a: 'x',\n  model: 'm',\n  'a/b': 'n',\n}\n",
    );
  });

  it("removes a member with its line and the comment on it; comments on other lines stay", () => {
    const text = '{\n  "a": 1, // about a\n  // about b\n  "b": 2,\n  "c": 3\n}\n';
    expect(editJsonText(text, { a: 1, b: 2, c: 3 }, { b: 2, c: 3 })).toBe(
      '{\n  // about b\n  "b": 2,\n  "c": 3\n}\n',
    );
    expect(editJsonText(text, { a: 1, b: 2, c: 3 }, { a: 1, b: 2 })).toBe(
      '{\n  "a": 1, // about a\n  // about b\n  "b": 2\n}\n',
    );
  });

  it("removes from a line of several, and empties an object with nothing else in it to {}", () => {
    expect(editJsonText('{"a": 1, "b": 2}', { a: 1, b: 2 }, { a: 1 })).toBe('{"a": 1}');
    expect(editJsonText('{"a": 1, "b": 2}', { a: 1, b: 2 }, { b: 2 })).toBe('{"b": 2}');
    expect(editJsonText('{\n  "m": {\n    "alias": "x"\n  }\n}', { m: { alias: "x" } }, { m: {} })).toBe(
      '{\n  "m": {}\n}',
    );
    expect(editJsonText("[1, /* keep */ 2]", [1, 2], [])).toBe("[/* keep */]");
  });

  it("edits an array at the item that changed, keeping the others and their comments", () => {
    const text = "{\n  fallbacks: [\n    'a', // first\n    'b', // second\n    'c', // third\n  ],\n}\n";
    const before = JSON5.parse(text);
    expect(editJsonText(text, before, { fallbacks: ["a", "c"] })).toBe(
      "{\n  fallbacks: [\n    'a', // first\n    'c', // third\n  ],\n}\n",
    );
    expect(editJsonText(text, before, { fallbacks: ["a", "x", "c"] })).toBe(text.replace("'b'", "'x'"));
    expect(editJsonText(text, before, { fallbacks: ["a", "b", "c", "d"] })).toBe(
      text.replace("'c', // third\n", "'c', // third\n    'd',\n"),
    );
  });

  it("replaces a value of another kind in the layout of where it stands", () => {
    const text = '{\n  "agents": {\n    "defaults": { "model": "a/b" }\n  }\n}\n';
    const before = JSON5.parse(text);
    expect(editJsonText(text, before, { agents: { defaults: { model: { primary: "c/d" } } } })).toBe(
      '{\n  "agents": {\n    "defaults": { "model": { "primary": "c/d" } }\n  }\n}\n',
    );
  });

  it("keeps a document that was plain JSON plain JSON", () => {
    const text = '{\n  "a": [],\n  "b": {}\n}\n';
    const next = editJsonText(text, { a: [], b: {} }, { a: ["x"], b: { c: 1 }, d: "e" });
    expect(JSON.parse(next)).toEqual({ a: ["x"], b: { c: 1 }, d: "e" });
  });

  it("writes a number kept exact as its text, and Infinity, NaN and -0 of a JSON5 document as JSON5 writes them", () => {
    const text = '{"big": 12345678901234567890, "n": [Infinity, NaN, -0]}';
    const before = parseExact(text, JSON5.parse(text));
    const after = { moved: (before as Json).n, copy: (before as Json).big };
    expect(editJsonText(text, before, after)).toBe(
      '{\n  "moved": [\n    Infinity,\n    NaN,\n    -0\n  ],\n  "copy": 12345678901234567890\n}',
    );
  });

  it("keeps a byte-order mark", () => {
    expect(editJsonText('\uFEFF{"a": 1}', { a: 1 }, { a: 2 })).toBe('\uFEFF{"a": 2}');
  });
});

describe("sameJson", () => {
  it("compares as JSON does: member order and undefined members do not count, -0 and NaN do", () => {
    expect(sameJson({ a: 1, b: [1, 2], c: undefined }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson({ a: -0 }, { a: 0 })).toBe(false);
    expect(sameJson([Number.NaN], [Number.NaN])).toBe(true);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
  });
});

// A change to a document: each object may lose and gain members, each array may lose or gain an item, any value
// may become another.
const NEW_VALUES: unknown[] = ["new", 42, -0, null, true, { x: 1 }, ["a", { y: [] }], {}, [], 'it\'s "q"'];
const NEW_KEYS = ["a", "new", "a b", "$x", "'", "\u00e4"];

function change(value: unknown, pick: () => number): unknown {
  const roll = pick() % 10;
  if (roll === 0) return NEW_VALUES[pick() % NEW_VALUES.length];
  if (Array.isArray(value)) {
    const items = value.map((item) => change(item, pick));
    if (roll === 1 && items.length > 0) items.splice(pick() % items.length, 1);
    if (roll === 2) items.splice(pick() % (items.length + 1), 0, NEW_VALUES[pick() % NEW_VALUES.length]);
    return items;
  }
  if (typeof value === "object" && value !== null) {
    const out: Json = {};
    for (const [key, item] of Object.entries(value)) {
      if (pick() % 6 !== 0) out[key] = change(item, pick);
    }
    if (roll <= 3) out[NEW_KEYS[pick() % NEW_KEYS.length] as string] = NEW_VALUES[pick() % NEW_VALUES.length];
    return out;
  }
  return value;
}

const picks = fc.array(fc.nat(), { minLength: 64, maxLength: 64 }).map((numbers) => {
  let at = 0;
  return () => numbers[at++ % numbers.length] as number;
});

describe("editJsonText on any document and any change", () => {
  // json5 warns on stderr about each raw U+2028 in a string; the generated documents hold many.
  beforeAll(() => vi.spyOn(console, "warn").mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it("reads back as the new document, through json5, from any JSON5 text", () => {
    fc.assert(
      fc.property(gap, doc, gap, picks, (before, { text: body, duplicate }, after, pick) => {
        fc.pre(!duplicate);
        const text = `${before}${body}${after}`;
        const old = JSON5.parse(text);
        const next = change(old, pick);
        const edited = editJsonText(text, old, next);
        expect(sameJson(JSON5.parse(edited), next)).toBe(true);
        if (sameJson(old, next)) expect(edited).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("leaves every byte outside a replaced value as it was", () => {
    fc.assert(
      fc.property(gap, doc, gap, fc.nat(), (before, { text: body, duplicate }, after, pick) => {
        fc.pre(!duplicate);
        const text = `${before}${body}${after}`;
        const entries = scanJson(text, "f", undefined, true).root?.entries ?? [];
        const entry = entries[pick % Math.max(entries.length, 1)];
        fc.pre(entry !== undefined);
        const old = JSON5.parse(text);
        const next = { ...old, [entry.key as string]: NEW_VALUES[pick % NEW_VALUES.length] };
        fc.pre(!sameJson(old[entry.key as string], next[entry.key as string]));
        const edited = editJsonText(text, old, next);
        const { start, end } = entry.value;
        expect(edited.slice(0, start)).toBe(text.slice(0, start));
        expect(edited.slice(edited.length - (text.length - end))).toBe(text.slice(end));
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps plain JSON plain JSON, at any indentation", () => {
    const json = fc.jsonValue({ maxDepth: 4 }).filter((value) => !Object.is(value, -0));
    fc.assert(
      fc.property(json, fc.constantFrom(0, 2, 4, "\t"), picks, (value, indent, pick) => {
        const text = JSON.stringify(value, null, indent);
        const old = JSON.parse(text);
        const next = change(old, pick);
        const edited = editJsonText(text, old, next);
        expect(sameJson(JSON.parse(edited), next)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
