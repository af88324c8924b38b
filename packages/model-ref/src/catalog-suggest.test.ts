import { describe, expect, it } from "vitest";
import { findCatalogModel } from "./catalog-lookup.js";
import { nearestCatalogRefs, typoDistance } from "./catalog-suggest.js";

describe("nearestCatalogRefs", () => {
  it.each([
    ["anthropic/claude-opus-4.6", "anthropic/claude-opus-4-6"], // `.` for `-`
    ["anthropic/claud-opus-4-6", "anthropic/claude-opus-4-6"], // a letter dropped
    ["openai/gpt5.2", "openai/gpt-5.2"], // a hyphen dropped
    ["antropic/claude-opus-4-6", "anthropic/claude-opus-4-6"], // in the provider
    ["openrouter/moonshotai/kimi-k2-6", "openrouter/moonshotai/kimi-k2.6"], // in an id with a slash
  ])("suggests the ref %s was meant to be", (typo, meant) => {
    expect(findCatalogModel(typo)).toBeUndefined();
    expect(findCatalogModel(meant)).toBeDefined();
    expect(nearestCatalogRefs(typo)).toEqual([meant]);
  });

  it("ignores case and reads the provider in any spelling model-ref accepts", () => {
    expect(nearestCatalogRefs("Anthropic/Claude-Opus-4.6")).toEqual(["anthropic/claude-opus-4-6"]);
    expect(nearestCatalogRefs("Z.AI/glm-4.7")).toEqual(["zai/glm-4.7"]);
  });

  it("gives a ref the catalog holds back as itself", () => {
    expect(nearestCatalogRefs("anthropic/claude-opus-4-6")).toEqual(["anthropic/claude-opus-4-6"]);
  });

  it("offers only the closest, at most `limit` of them, in catalog order", () => {
    // claude-opus-4-9 does not exist; 4-5, 4-6, 4-7 and 4-8 are all one edit away.
    expect(nearestCatalogRefs("anthropic/claude-opus-4-9")).toEqual([
      "anthropic/claude-opus-4-5",
      "anthropic/claude-opus-4-6",
      "anthropic/claude-opus-4-7",
    ]);
    expect(nearestCatalogRefs("anthropic/claude-opus-4-9", 1)).toEqual(["anthropic/claude-opus-4-5"]);
    expect(nearestCatalogRefs("anthropic/claude-opus-4-9", 10)).toHaveLength(4);
    expect(nearestCatalogRefs("anthropic/claude-opus-4-9", 0)).toEqual([]);
  });

  it("compares a bare model id with every provider's ids", () => {
    expect(nearestCatalogRefs("claude-opus-4-6", 10)).toEqual([
      "anthropic/claude-opus-4-6",
      "cloudflare-ai-gateway/claude-opus-4-6",
      "opencode/claude-opus-4-6",
    ]);
  });

  it("suggests nothing when nothing is genuinely close", () => {
    expect(nearestCatalogRefs("openai/llama-3-70b")).toEqual([]);
    expect(nearestCatalogRefs("anthropic/claude")).toEqual([]);
    expect(nearestCatalogRefs("my-llm/my-model")).toEqual([]);
    expect(nearestCatalogRefs("openai/gpt-9.9-ultra")).toEqual([]);
    expect(nearestCatalogRefs("")).toEqual([]);
    expect(nearestCatalogRefs("   ")).toEqual([]);
    expect(nearestCatalogRefs(undefined as unknown as string)).toEqual([]);
  });
});

describe("typoDistance", () => {
  it("allows one edit up to 15 characters, two up to 23, then three", () => {
    expect([1, 13, 15, 16, 23, 24, 40, 200].map(typoDistance)).toEqual([1, 1, 1, 2, 2, 3, 3, 3]);
  });
});
