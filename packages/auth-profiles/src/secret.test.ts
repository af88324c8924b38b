import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { Secret } from "./secret.js";

const VALUE = "sk-canary-0123456789abcdefghijklmnop";

describe("Secret", () => {
  const secret = new Secret(VALUE);

  it("gives the value only through reveal()", () => {
    expect(secret.reveal()).toBe(VALUE);
  });

  it("masks itself in strings, templates, JSON and inspect", () => {
    for (const shown of [
      String(secret),
      `${secret}`,
      `key: ${secret}`,
      JSON.stringify({ secret }),
      inspect(secret),
      inspect({ nested: { secret } }, { depth: 5 }),
      [secret].join(""),
    ]) {
      expect(shown).not.toContain(VALUE);
      expect(shown).toContain("sk-c...mnop");
    }
  });

  it("has no enumerable property that holds the value", () => {
    expect(Object.values(secret)).not.toContain(VALUE);
    expect(JSON.stringify({ ...secret })).not.toContain(VALUE);
  });
});
