import { describe, expect, it } from "vitest";
import { localeOrder } from "./locale-order.js";

/** A small seeded generator, so that a failure names strings that reproduce. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

describe("localeOrder", () => {
  const icu = new Intl.Collator("en");

  it("orders printable ASCII strings exactly as Intl.Collator does", () => {
    const next = random(42);
    // Weighted towards what ids hold and where ICU differs from code-unit order: case, `-`, `.`, `_`, `:`, digits.
    const alphabet = "aAbBzZ09-._:@ /~$";
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
    const word = () => {
      const pool = next() < 0.7 ? alphabet : printable;
      return Array.from(
        { length: Math.floor(next() * 6) },
        () => pool[Math.floor(next() * pool.length)],
      ).join("");
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = word();
      const b = next() < 0.3 ? a.toUpperCase() : word();
      if (Math.sign(localeOrder(a, b)) !== Math.sign(icu.compare(a, b))) mismatches.push(`${a} | ${b}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("sorts ids as OpenClaw lists them", () => {
    const ids = [
      "openai-codex",
      "openai",
      "OpenRouter",
      "open.ai",
      "anthropic:work",
      "anthropic:Default",
      "zai",
    ];
    expect([...ids].sort(localeOrder)).toEqual([...ids].sort(icu.compare));
    expect([...ids].sort(localeOrder)).toEqual([
      "anthropic:Default",
      "anthropic:work",
      "open.ai",
      "openai",
      "openai-codex",
      "OpenRouter",
      "zai",
    ]);
  });

  it("hands strings beyond ASCII to ICU", () => {
    expect(Math.sign(localeOrder("é", "f"))).toBe(-1);
    expect(Math.sign(localeOrder("zürich", "zurich"))).toBe(Math.sign(icu.compare("zürich", "zurich")));
  });
});
