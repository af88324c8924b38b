import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskSecret } from "./mask.js";

describe("maskSecret", () => {
  it("shows four characters from each end of a long key", () => {
    expect(maskSecret("sk-test-1234567890abcdefghijklmnopqrstuv")).toBe("sk-t...stuv");
  });

  it("reveals at most a quarter of a short secret", () => {
    expect(maskSecret("tok-short-12")).toBe("to...2");
    expect(maskSecret("abcdefgh")).toBe("a...h");
  });

  it("reveals nothing of a secret shorter than four characters", () => {
    expect(maskSecret("abc")).toBe("...");
  });

  it("calls an empty or blank value missing", () => {
    expect(maskSecret("")).toBe("missing");
    expect(maskSecret("  \n")).toBe("missing");
  });

  it("never reveals more than 8 characters or a quarter of any secret", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (raw) => {
        const secret = raw.trim();
        fc.pre(secret !== "");
        const shown = maskSecret(secret).replace("...", "");
        expect(shown.length).toBeLessThanOrEqual(Math.min(8, Math.floor(secret.length / 4)));
      }),
      { numRuns: 2000 },
    );
  });
});
