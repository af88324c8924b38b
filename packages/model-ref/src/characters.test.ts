import { describe, expect, it } from "vitest";
import { validateAliasName } from "./aliases.js";
import { unsafeCharacter } from "./characters.js";
import { ModelRefError, quote } from "./errors.js";
import { parseModelRef, splitProfileSuffix } from "./parse.js";
import { getProvider, normalizeProviderId } from "./providers.js";
import { resolveModelRef } from "./resolve.js";

function errorOf(fn: () => unknown): ModelRefError {
  try {
    fn();
  } catch (error) {
    if (ModelRefError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ModelRefError");
}

// Each makes a name that looks like another one, or hides what it says.
const hostile: [string, string][] = [
  ["right-to-left override", "\u202E"],
  ["left-to-right embedding", "\u202A"],
  ["pop directional formatting", "\u202C"],
  ["left-to-right isolate", "\u2066"],
  ["pop directional isolate", "\u2069"],
  ["left-to-right mark", "\u200E"],
  ["right-to-left mark", "\u200F"],
  ["arabic letter mark", "\u061C"],
  ["zero-width space", "\u200B"],
  ["zero-width non-joiner", "\u200C"],
  ["zero-width joiner", "\u200D"],
  ["word joiner", "\u2060"],
  ["byte order mark", "\uFEFF"],
  ["soft hyphen", "\u00AD"],
  ["combining grapheme joiner", "\u034F"],
  ["variation selector 16", "\uFE0F"],
  ["variation selector 17", "\u{E0100}"],
  ["Hangul filler", "\u3164"],
  ["halfwidth Hangul filler", "\uFFA0"],
  ["Mongolian free variation selector", "\u180B"],
  ["Khmer inherent vowel", "\u17B4"],
  ["replacement character (invalid UTF-8 decoded)", "\uFFFD"],
  ["lone high surrogate", "\uD800"],
  ["lone low surrogate", "\uDC00"],
  ["escape", "\u001B"],
  ["delete", "\u007F"],
  ["C1 control", "\u009B"],
];

describe("model refs with invisible or invalid characters", () => {
  it.each(hostile)("refuses a %s in the model id", (_, char) => {
    const error = errorOf(() => parseModelRef(`openai/gpt-5${char}.2`));
    expect(error.code).toBe("MODEL_REF_INVALID");
    // The character is named and shown escaped, never raw.
    const hex = char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0");
    expect(error.message).toContain(`U+${hex}`);
    expect(error.message).not.toContain(char);
    expect(error.message).toContain("anthropic/claude-opus-4-6");
  });

  it.each(hostile)("refuses a %s in a profile pin, the provider, or through resolve", (_, char) => {
    expect(errorOf(() => parseModelRef(`anthropic/claude-opus-4-6@anthropic:wo${char}rk`)).code).toBe(
      "MODEL_REF_INVALID",
    );
    expect(errorOf(() => parseModelRef(`open${char}ai/gpt-5.2`)).code).toBe("MODEL_REF_INVALID");
    expect(errorOf(() => resolveModelRef(`g${char}pt`)).code).toBe("MODEL_REF_INVALID");
  });

  it("says why an invisible character is refused", () => {
    expect(errorOf(() => parseModelRef("openai/gpt\u202E5.2")).message).toMatch(
      /^Invalid model reference "openai\/gpt\\u202e5\.2": it contains an invisible or direction-changing character \(U\+202E\)/,
    );
    expect(errorOf(() => parseModelRef("openai/gpt\uFFFD")).message).toMatch(
      /it contains bytes that are not valid UTF-8 \(U\+FFFD\)/,
    );
  });

  it("keeps letters of every script, emoji and punctuation", () => {
    expect(parseModelRef("ollama/qwen2.5:7b-ünïcode").model).toBe("qwen2.5:7b-ünïcode");
    expect(parseModelRef("custom/模型-🚀").model).toBe("模型-🚀");
  });
});

describe("validateAliasName", () => {
  it.each(hostile)("refuses a %s", (_, char) => {
    const error = errorOf(() => validateAliasName(`op${char}us`));
    expect(error.code).toBe("ALIAS_INVALID");
    expect(error.message).not.toContain(char);
    expect(error.message).toMatch(/for example opus/);
  });

  it.each([undefined, null, 42, {}, ["opus"]])("refuses %j with ALIAS_INVALID, not a TypeError", (value) => {
    expect(errorOf(() => validateAliasName(value)).code).toBe("ALIAS_INVALID");
  });

  it("accepts a plain word of any script", () => {
    expect(validateAliasName(" Opus ")).toBe("Opus");
    expect(validateAliasName("ψ-fast")).toBe("ψ-fast");
  });
});

describe("public functions given something other than a string", () => {
  it.each([undefined, null, 7, {}])("throw ModelRefError for %j", (value) => {
    const input = value as unknown as string;
    expect(errorOf(() => parseModelRef(input)).code).toBe("MODEL_REF_INVALID");
    expect(errorOf(() => resolveModelRef(input)).code).toBe("MODEL_REF_INVALID");
    expect(errorOf(() => splitProfileSuffix(input)).code).toBe("MODEL_REF_INVALID");
    expect(errorOf(() => normalizeProviderId(input)).code).toBe("MODEL_REF_INVALID");
    expect(getProvider(input)).toBeUndefined();
  });
});

describe("quote", () => {
  it("shows invisible and direction-changing characters as escapes", () => {
    expect(quote("a\u202Eb\u200Bc\uFEFFd\u2028e")).toBe('"a\\u202eb\\u200bc\\ufeffd\\u2028e"');
    expect(quote("x\uD800y")).toBe('"x\\ud800y"');
  });
});

describe("unsafeCharacter", () => {
  it("names the first character that does not belong in a name", () => {
    expect(unsafeCharacter("ab\u200Bc\u202E")).toMatchObject({
      codePoint: "U+200B",
      index: 2,
      kind: "invisible",
    });
    expect(unsafeCharacter("a\u0000")).toMatchObject({ kind: "control" });
    expect(unsafeCharacter("a\uFFFD")).toMatchObject({ kind: "not-utf8" });
    expect(unsafeCharacter("anthropic/claude-opus-4-6")).toBeUndefined();
  });
});
