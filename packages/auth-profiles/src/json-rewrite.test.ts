import { describe, expect, it } from "vitest";
import { AuthStoreError } from "./errors.js";
import { checkRewritable, cloneJson, MAX_DEPTH, parseExact } from "./json-rewrite.js";

function errorOf(fn: () => unknown): AuthStoreError {
  try {
    fn();
  } catch (error) {
    if (AuthStoreError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an AuthStoreError");
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

  it("returns what it was given for JSON5 text", () => {
    const fallback = { id: 1 };
    expect(parseExact("// c\n{ id: 12345678901234567890 }", fallback)).toBe(fallback);
  });

  it("survives a deep copy with cloneJson (structuredClone would turn it into an object)", () => {
    const text = '{"p":{"id":12345678901234567890,"__proto__":{"x":1}}}';
    const copy = cloneJson(parseExact(text, JSON.parse(text)));
    expect(JSON.stringify(copy)).toBe(text);
    expect(Object.keys((copy as { p: object }).p)).toEqual(["id", "__proto__"]);
  });
});
