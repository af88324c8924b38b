import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact.js";

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

  it("makes one short line", () => {
    const long = `line one\n\n  line two ${"x".repeat(500)}`;
    const out = redactSecrets(long, []);
    expect(out).not.toContain("\n");
    expect(out.length).toBeLessThanOrEqual(240);
    expect(out.endsWith("…")).toBe(true);
  });
});
