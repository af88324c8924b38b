import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeJsonText, visible } from "./terminal-text.js";

// What must never reach a terminal raw from data: C0, DEL, C1, bidi embeddings/overrides/isolates and marks.
const RAW = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

describe("visible", () => {
  it("shows screen, cursor and clipboard sequences as escapes", () => {
    const hostile = "\x1b[2J\x1b[H\x1b]52;c;cm0gLXJmIH4=\x07\x1b[32mok · 12ms\x1b[0m";
    expect(visible(hostile)).toBe("\\x1b[2J\\x1b[H\\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[32mok · 12ms\\x1b[0m");
  });

  it("shows newlines, C1 controls, DEL and bidi characters as escapes", () => {
    expect(visible("a\nb\r\tc\x7f\x9b2J\u202egnp.exe\u2066x\u2069\u200e\u200f\u061c")).toBe(
      "a\\nb\\r\\tc\\x7f\\x9b2J\\u202egnp.exe\\u2066x\\u2069\\u200e\\u200f\\u061c",
    );
  });

  it("shows zero-width characters, so that two names that look alike do not", () => {
    expect(visible("openai:\u200bdefault\ufeff")).toBe("openai:\\u200bdefault\\ufeff");
  });

  it("shows every character that renders as nothing, beyond U+FFFF too", () => {
    // Combining grapheme joiner, variation selectors, Hangul filler, Mongolian free variation selector, Khmer vowel.
    expect(visible("gpt\u034f5 a\ufe0fb op\u3164us x\u180by \u17b4 v\u{e0100}")).toBe(
      "gpt\\u034f5 a\\ufe0fb op\\u3164us x\\u180by \\u17b4 v\\u{e0100}",
    );
  });

  it("leaves ordinary text, other scripts, emoji and the table's own characters alone", () => {
    const text = "anthropic/claude-opus-4-6 · ↳ ─│ café Ωmega 日本語 🙂 C:\\path";
    expect(visible(text)).toBe(text);
  });

  it("never lets a raw control or bidi character through, and is idempotent (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const shown = visible(text);
        expect(shown).not.toMatch(RAW);
        expect(visible(shown)).toBe(shown);
      }),
    );
  });
});

describe("escapeJsonText", () => {
  it("parses to exactly the same data, with nothing raw that drives a terminal (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: "binary" }), (value, text) => {
        const data = { value, text, [text]: [text] };
        const plain = JSON.stringify(data, null, 2);
        const json = escapeJsonText(plain);
        // Newlines between lines are the layout; none is left inside a string.
        expect(json.replaceAll("\n", "")).not.toMatch(RAW);
        expect(JSON.parse(json)).toStrictEqual(JSON.parse(plain));
      }),
    );
  });
});
