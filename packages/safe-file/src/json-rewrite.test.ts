import fc from "fast-check";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { doc, gap } from "../test/json5-docs.js";
import { SafeFileError } from "./errors.js";
import {
  checkRewritable,
  cloneJson,
  jsonSpelling,
  MAX_DEPTH,
  parseExact,
  refuseStackOverflow,
  type Segment,
  scanJson,
} from "./json-rewrite.js";

function errorOf(fn: () => unknown): SafeFileError {
  try {
    fn();
  } catch (error) {
    if (SafeFileError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an SafeFileError");
}

describe("checkRewritable", () => {
  it("refuses an object with the same key twice, naming the key and where it is", () => {
    const text =
      '{ "version": 1, "profiles": { "openai:default": { "key": "a" }, "openai:default": { "key": "b" } } }';
    const error = errorOf(() => checkRewritable(text, "/s/auth-profiles.json"));
    expect(error).toMatchObject({
      code: "FILE_DUPLICATE_KEY",
      key: "openai:default",
      path: "/s/auth-profiles.json",
    });
    expect(error.message).toBe(
      '/s/auth-profiles.json has the key "openai:default" twice in profiles; a rewrite would keep only the last one. Nothing was written; remove or rename one of them and run the command again.',
    );
  });

  it("sees keys spelled differently but equal once unescaped", () => {
    expect(errorOf(() => checkRewritable('{"a\\u0062": 1, "ab": 2}', "f")).key).toBe("ab");
  });

  it("finds duplicates in JSON5: bare and single-quoted keys, comments", () => {
    const text = "// hand-written\n{ agents: { /* x */ 'list': [], list: [] }, }";
    expect(errorOf(() => checkRewritable(text, "f"))).toMatchObject({ key: "list" });
    expect(errorOf(() => checkRewritable(text, "f")).message).toContain("twice in agents;");
  });

  it("accepts the same key in different objects, and braces, quotes and colons inside strings", () => {
    expect(() =>
      checkRewritable(
        '{"a": {"x": 1}, "b": {"x": 2}, "s": "}{\\": \\"x\\", ", "list": [{"x": 1}, {"x": 2}], "x": "// not a comment"}',
        "f",
      ),
    ).not.toThrow();
  });

  it.each([
    ["\\n", "\n"],
    ["\\r", "\r"],
    ["U+2028", "\u2028"],
    ["U+2029", "\u2029"],
  ])("ends a // comment at %s, a JSON5 line terminator", (_name, end) => {
    const text = `{"version":1,"profiles":{\n"openai:work":{"key":"sk-FIRST"}, // c${end}"openai:work":{"key":"sk-SECOND"}\n}}`;
    expect(JSON5.parse(text).profiles["openai:work"].key).toBe("sk-SECOND");
    expect(errorOf(() => checkRewritable(text, "f"))).toMatchObject({
      code: "FILE_DUPLICATE_KEY",
      key: "openai:work",
    });
  });

  it("reads escapes in bare and quoted JSON5 keys as json5 does", () => {
    expect(errorOf(() => checkRewritable("{a: 1, \\u0061: 2}", "f")).key).toBe("a");
    expect(errorOf(() => checkRewritable("{'\\x61b': 1, ab: 2}", "f")).key).toBe("ab");
    expect(errorOf(() => checkRewritable("{'a\\\r\nb': 1, \"\\ab\": 2}", "f")).key).toBe("ab");
  });

  it("skips JSON5 whitespace beyond ASCII (no-break space, BOM, U+3000) without taking it for a key", () => {
    const text = '\uFEFF{"a":1,\u00A0"b":2,\u3000"b":3}';
    expect(errorOf(() => checkRewritable(text, "f")).key).toBe("b");
  });

  it("finds nesting hidden after a comment that ends at U+2028", () => {
    const text = `{"a":1, // c\u2028"deep": ${"[".repeat(5000)}${"]".repeat(5000)}}`;
    expect(errorOf(() => checkRewritable(text, "f")).code).toBe("FILE_INVALID");
  });

  it.each(["Infinity", "-Infinity", "+NaN"])(
    "refuses %s, which JSON cannot write, naming where it is",
    (literal) => {
      const text = `// c\n{ x: 1, agents: { list: [{}, { n: ${literal} }] } }`;
      const error = errorOf(() => checkRewritable(text, "/c/modelctl.json"));
      expect(error).toMatchObject({ code: "FILE_INVALID", key: "agents.list[1].n" });
      expect(error.message).toBe(
        `/c/modelctl.json has the number ${literal} at agents.list[1].n, which JSON cannot hold; a rewrite would write it as null. Nothing was written; replace it with a finite number or a string (such as "${literal}") and run the command again.`,
      );
    },
  );

  it("refuses nesting deeper than MAX_DEPTH without overflowing the stack", () => {
    const deep = `{"x":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    const error = errorOf(() => checkRewritable(deep, "/c/modelctl.json"));
    expect(error.code).toBe("FILE_INVALID");
    expect(error.message).toMatch(/^\/c\/modelctl\.json nests objects or arrays more than 1000 levels deep/);
    const fine = `${"[".repeat(MAX_DEPTH)}${"]".repeat(MAX_DEPTH)}`;
    expect(() => checkRewritable(fine, "f")).not.toThrow();
  });
});

describe("parseExact", () => {
  it("keeps integers beyond 2^53 and other numbers a double cannot hold as their exact text", () => {
    const text = '{"id":12345678901234567890,"tiny":1e-400,"pi":3.14159265358979323846,"ok":1796294219982}';
    const value = parseExact(text, JSON.parse(text));
    expect(JSON.stringify(value)).toBe(text);
    expect((value as { ok: unknown }).ok).toBe(1796294219982);
  });

  it("leaves numbers that a double holds as numbers, whatever their spelling", () => {
    const text = '{"a":1.0,"b":1.7e12,"c":-0.50,"d":"12345678901234567890"}';
    const parsed = JSON.parse(text);
    expect(parseExact(text, parsed)).toEqual({ a: 1, b: 1.7e12, c: -0.5, d: "12345678901234567890" });
  });

  it("without JSON.rawJSON (Node before 22) refuses a number it cannot keep, rather than rounding it", () => {
    const rawJSON = Object.getOwnPropertyDescriptor(JSON, "rawJSON");
    Reflect.deleteProperty(JSON, "rawJSON");
    try {
      const text = '{"keep":{"id":12345678901234567890},"ok":1796294219982}';
      expect(() => parseExact(text, JSON.parse(text), "/x/auth-profiles.json")).toThrow(
        /\/x\/auth-profiles\.json has the number 12345678901234567890 at keep\.id, which Node\.js .* cannot write back exactly/,
      );
      const plain = '{"id":"12345678901234567890","ok":1796294219982}';
      const parsed = JSON.parse(plain);
      expect(parseExact(plain, parsed)).toBe(parsed);
    } finally {
      if (rawJSON) Object.defineProperty(JSON, "rawJSON", rawJSON);
    }
  });

  it("returns what it was given when no number would change", () => {
    const text = "// c\n{ id: 1, h: 0x10, s: '12345678901234567890', d: '2024-01-05' }";
    const fallback = JSON5.parse(text);
    expect(parseExact(text, fallback)).toBe(fallback);
  });

  it("keeps numbers of a JSON5 text exact, by their JSON spelling", () => {
    const text =
      "// hand-written\n{ id: 12345678901234567890, list: [1, +1e400, 0x1FFFFFFFFFFFFFFFF,], 'z': -0, h: 0x10, }";
    const exact = parseExact(text, JSON5.parse(text));
    expect(JSON.stringify(exact)).toBe(
      '{"id":12345678901234567890,"list":[1,1e400,36893488147419103231],"z":-0,"h":16}',
    );
  });

  it("keeps numbers exact in a file that starts with a BOM (and does not write the BOM back)", () => {
    const text = '\uFEFF{"big": 12345678901234567890, "a": [-0.0]}';
    const exact = parseExact(text, JSON5.parse(text));
    expect(JSON.stringify(exact)).toBe('{"big":12345678901234567890,"a":[-0.0]}');
  });

  it("keeps -0 in plain JSON (JSON.stringify writes 0)", () => {
    expect(JSON.stringify(parseExact('{"a":-0,"b":"2024-01-05"}', { a: -0, b: "2024-01-05" }))).toBe(
      '{"a":-0,"b":"2024-01-05"}',
    );
  });

  it("survives a deep copy with cloneJson (structuredClone would turn it into an object)", () => {
    const text = '{"p":{"id":12345678901234567890,"__proto__":{"x":1}}}';
    const copy = cloneJson(parseExact(text, JSON.parse(text)));
    expect(JSON.stringify(copy)).toBe(text);
    expect(Object.keys((copy as { p: object }).p)).toEqual(["id", "__proto__"]);
  });
});

describe("jsonSpelling", () => {
  it("spells a JSON5 number in JSON with the same value; none for Infinity and NaN", () => {
    expect(
      ["+1", ".5", "-5.", "5.e3", "0x10", "-0XfF", "1e400", "-0", "Infinity", "-NaN"].map(jsonSpelling),
    ).toEqual(["1", "0.5", "-5", "5e3", "16", "-255", "1e400", "-0", undefined, undefined]);
  });
});

describe("refuseStackOverflow", () => {
  it("turns a stack overflow into FILE_INVALID naming the file, and lets other errors through", async () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const error = await refuseStackOverflow("/c/modelctl.json", async () => recurse(0)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "FILE_INVALID", path: "/c/modelctl.json" });
    expect((error as Error).message).toMatch(/^\/c\/modelctl\.json nests too deeply for modelctl to rewrite/);
    const other = new RangeError("Invalid time value");
    await expect(refuseStackOverflow("f", () => Promise.reject(other))).rejects.toBe(other);
  });
});

/** Each object's keys and each array's length, by where it sits, as json5 parsed them. */
function json5View(
  value: unknown,
  at: Segment[] = [],
  view = new Map<string, string>(),
): Map<string, string> {
  if (typeof value !== "object" || value === null) return view;
  if (Array.isArray(value)) {
    view.set(JSON.stringify(at), `array ${value.length}`);
    for (const [index, item] of value.entries()) json5View(item, [...at, index], view);
  } else {
    view.set(JSON.stringify(at), `object ${JSON.stringify(Object.keys(value).sort())}`);
    for (const [key, item] of Object.entries(value)) json5View(item, [...at, key], view);
  }
  return view;
}

describe("the scanner agrees with json5", () => {
  it("on every key, array, nesting and number of any JSON5 text json5 parses", () => {
    fc.assert(
      fc.property(gap, doc, gap, (before, { text: body, duplicate }, after) => {
        const text = `${before}${body}${after}`;
        const parsed: unknown = JSON5.parse(text);
        if (duplicate) {
          expect(errorOf(() => scanJson(text, "f")).code).toBe("FILE_DUPLICATE_KEY");
          return;
        }
        const view = new Map<string, string>();
        const { numbers } = scanJson(text, "f", (at, keys, count) =>
          view.set(
            JSON.stringify(at),
            keys ? `object ${JSON.stringify([...keys].sort())}` : `array ${count}`,
          ),
        );
        expect(view).toEqual(json5View(parsed));
        for (const { at, source } of numbers) {
          const value = at.reduce<unknown>(
            (parent, segment) => (parent as Record<Segment, unknown>)[segment],
            parsed,
          );
          expect(value).toBe(JSON5.parse(source));
        }
      }),
      { numRuns: 500 },
    );
  });
});
