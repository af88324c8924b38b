import { describe, expect, it } from "vitest";
import { AuthStoreError } from "./errors.js";
import { MAX_SECRET_BYTES, validateSecretValue } from "./secret-value.js";

function refusal(value: unknown): AuthStoreError {
  try {
    validateSecretValue(value, { what: "API key" });
  } catch (error) {
    if (AuthStoreError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected the value to be refused");
}

const KEY = "sk-proj-Abc123_def456-GHI789";

describe("validateSecretValue", () => {
  it("returns a key, a JWT-shaped token and a long-but-sane token as they are", () => {
    expect(validateSecretValue(KEY)).toBe(KEY);
    const jwt = `eyJhbGciOiJIUzI1NiJ9.${"e".repeat(4000)}.sig_-`;
    expect(validateSecretValue(jwt)).toBe(jwt);
    expect(validateSecretValue("k".repeat(MAX_SECRET_BYTES))).toHaveLength(MAX_SECRET_BYTES);
  });

  it.each([
    ["NUL", "\u0000"],
    ["ESC", "\u001B"],
    ["an ANSI sequence", "\u001B[2J"],
    ["DEL", "\u007F"],
    ["a C1 control", "\u009B"],
    ["a bidi override", "\u202E"],
    ["a zero-width space", "\u200B"],
    ["a byte order mark", "\uFEFF"],
    ["U+FFFD (invalid UTF-8)", "\uFFFD"],
    ["a lone surrogate", "\uD83D"],
    ["a blank", " "],
    ["a line break", "\n"],
    ["a no-break space", "\u00A0"],
  ])("refuses a key holding %s, with SECRET_INVALID and without showing it", (_, char) => {
    const error = refusal(`sk-live-${char}-abcdefghijklmnop`);
    expect(error.code).toBe("SECRET_INVALID");
    expect(error.message).toMatch(
      /^The API key (contains|is) .*; nothing was saved, and the value is not shown\./,
    );
    expect(error.message).not.toContain("abcdefghijklmnop");
    expect(error.message).not.toContain("sk-live");
  });

  it.each(["oauth:sk-proj-abcdefgh12345678", "OPENAI_API_KEY", "secretref-managed", "ollama-local"])(
    "refuses %s, which would be stored as a marker and shown in full",
    (value) => {
      const error = refusal(value);
      expect(error.code).toBe("SECRET_INVALID");
      expect(error.message).toContain("shape of a marker");
      expect(error.message).not.toContain(value);
    },
  );

  it("names the offending character by code point", () => {
    expect(refusal(`${KEY}\u001B`).message).toContain("a control character (U+001B)");
    expect(refusal(`${KEY}\u202E`).message).toContain("direction-changing character (U+202E)");
  });

  it("refuses a value over 16 KiB, counted in UTF-8 bytes", () => {
    expect(refusal("k".repeat(MAX_SECRET_BYTES + 1)).message).toMatch(/is longer than 16 KiB/);
    expect(refusal("é".repeat(MAX_SECRET_BYTES / 2 + 1)).code).toBe("SECRET_INVALID");
    expect(refusal("k".repeat(20 * 1024 * 1024)).code).toBe("SECRET_INVALID");
  });

  it.each([undefined, null, 42, ""])("refuses %j", (value) => {
    expect(refusal(value).code).toBe("SECRET_INVALID");
  });
});
