import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENCODINGS, leaksOf } from "../test/leaks.js";
import { oneLine, redactSecrets } from "./redact.js";

const KEY = "sk-proj-Zq81vT0a9LmPcX44bN2w";

describe("redactSecrets", () => {
  it("removes the whole secret and any 6-character piece of it", () => {
    expect(redactSecrets(`bad key ${KEY} given`, [KEY])).toBe("bad key [redacted] given");
    expect(redactSecrets("key ending LmPcX44bN2w is invalid", [KEY])).toBe(
      "key ending [redacted] is invalid",
    );
    expect(redactSecrets("key=Zq81vT0a rejected", [KEY])).toBe("[redacted] rejected");
  });

  it("removes masked keys and well-known key shapes even when they are not ours", () => {
    expect(redactSecrets("Incorrect API key provided: sk-ab**********wxyz.", ["other-secret-value"])).toBe(
      "Incorrect API key provided: [redacted]",
    );
    expect(redactSecrets("use AIzaSyA-1234567890abcdef instead", [])).toBe("use [redacted] instead");
  });

  it("keeps ordinary words, URLs and model ids", () => {
    const text = "The model `gpt-4.1-nano` does not exist; see https://platform.openai.com/docs";
    expect(redactSecrets(text, [KEY])).toBe(text);
  });

  it("keeps the words around an encoded secret", () => {
    const basic = Buffer.from(`user:${KEY}`).toString("base64");
    expect(redactSecrets(`header Authorization: Basic ${basic} was refused`, [KEY])).toBe(
      "header Authorization: Basic [redacted] was refused",
    );
    expect(redactSecrets(`{"key":"${encodeURIComponent(KEY)}","ok":false}`, [KEY])).toBe(
      '{"key":"[redacted]","ok":false}',
    );
  });

  it.each(Object.entries(ENCODINGS))("removes the secret echoed as %s", (_name, encode) => {
    const out = redactSecrets(`before ${encode(KEY)} after`, [KEY]);
    expect(leaksOf(out, KEY)).toEqual([]);
    expect(out).toMatch(/^before .*after$/);
  });

  it("removes a secret in HTML references padded with zeros, which every decoder reads", () => {
    const units = [...KEY].map((char) => char.charCodeAt(0));
    const decode = (text: string) =>
      text
        .replace(/&#x0*([0-9a-f]+);?/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
        .replace(/&#0*([0-9]+);?/g, (_, dec: string) => String.fromCharCode(Number(dec)));
    for (const encoded of [
      units.map((unit) => `&#x0000${unit.toString(16)};`).join(""),
      units.map((unit) => `&#00000${unit};`).join(""),
    ]) {
      const out = redactSecrets(`before ${encoded} after`, [KEY]);
      expect(leaksOf(decode(out), KEY)).toEqual([]);
    }
  });

  it("removes a secret written in Unicode tag characters (invisible copies of ASCII)", () => {
    const tagged = [...KEY].map((char) => String.fromCodePoint(0xe0000 + char.charCodeAt(0))).join("");
    const out = redactSecrets(`before ${tagged} after`, [KEY]);
    const untagged = [...out]
      .map((char) => {
        const code = char.codePointAt(0) ?? 0;
        return code >= 0xe0020 && code <= 0xe007e ? String.fromCharCode(code - 0xe0000) : char;
      })
      .join("");
    expect(leaksOf(untagged, KEY)).toEqual([]);
    expect(out).not.toMatch(/[\u{e0000}-\u{e007f}]/u);
  });

  it("removes a secret with characters outside the usual key alphabet", () => {
    const secret = "p@ss!w0rd%2F\\u00e9+tail€ünï";
    for (const encode of Object.values(ENCODINGS)) {
      const out = redactSecrets(`x ${encode(secret)} y`, [secret]);
      expect(leaksOf(out, secret)).toEqual([]);
    }
  });

  it("never shows 8 characters of a secret in any encoding of any text around it (property)", () => {
    const names = Object.keys(ENCODINGS);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9_-]{8,48}$/),
          fc.string({ minLength: 8, maxLength: 40, unit: "grapheme-ascii" }),
          fc.string({ minLength: 8, maxLength: 24, unit: "binary" }),
        ),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.constantFrom(...names),
        fc.string({ maxLength: 30 }),
        (secret, before, after, name, around) => {
          // Runs of blanks are collapsed into one line's single spaces; keys hold none (the store refuses blanks).
          fc.pre(!/\s\s/.test(secret));
          const encode = ENCODINGS[name] as (text: string) => string;
          const out = redactSecrets(`${around}${encode(`${before}${secret}${after}`)}${around}`, [secret]);
          expect(leaksOf(out, secret)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("leaves text that holds no piece of the secret as it was (property)", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{20,40}$/),
        fc.lorem({ maxCount: 20 }),
        fc.webUrl(),
        (secret, words, url) => {
          const text = `${words} ${url}`;
          fc.pre(text.length <= 240);
          expect(redactSecrets(text, [secret])).toBe(text);
        },
      ),
    );
  });

  it("makes one short line", () => {
    const long = `line one\n\n  line two ${"x".repeat(500)}`;
    const out = redactSecrets(long, []);
    expect(out).not.toContain("\n");
    expect(out.length).toBeLessThanOrEqual(240);
    expect(out.endsWith("…")).toBe(true);
  });

  it("shows terminal controls and direction overrides as escapes", () => {
    const hostile =
      "\x1b[2J\x1b[H\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[32mok · 12ms\x1b[0m \u202egnp.exe\u2066 \x9b31m";
    const out = redactSecrets(hostile, []);
    expect(out).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
    expect(out).toContain("\\x1b[2J");
    expect(out).toContain("\\u202egnp.exe\\u2066");
    expect(out).toContain("\\x9b31m");
  });

  it("takes its time from the text's start only: a huge body costs no more than a short one", () => {
    const huge = Buffer.from("a".repeat(3_000_000)).toString("base64");
    const started = performance.now();
    redactSecrets(huge, [KEY]);
    // Generous: a busy 2-core machine; the point is that 4 MB are not decoded and searched.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("oneLine", () => {
  it("collapses blanks and escapes every control, bidi and invisible character", () => {
    expect(oneLine(" a\r\n\tb \x00\x7f\u0085\u061c\u200e\u200f\u2069\ufeff ")).toBe(
      "a b \\x00\\x7f\\x85\\u061c\\u200e\\u200f\\u2069",
    );
  });
});
