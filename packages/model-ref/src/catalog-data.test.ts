import { describe, expect, it } from "vitest";
import { catalogInfo, catalogModels, catalogProviderIds, catalogRefOf } from "./catalog-lookup.js";
import { catalogEntrySchema, catalogInfoSchema } from "./catalog-schema.js";
import { parseModelRef } from "./parse.js";
import { getProvider, normalizeProviderId, parseProviderId } from "./providers.js";

// The bundled snapshot itself. The loader does not validate it (that would cost start-up time), so this does.
const models = catalogModels();
const info = catalogInfo();

describe("the bundled catalog", () => {
  it("holds at least 1,500 models across at least 30 providers", () => {
    expect(models.length).toBeGreaterThanOrEqual(1500);
    expect(catalogProviderIds().length).toBeGreaterThanOrEqual(30);
  });

  it("knows the context window of at least 95 % of them", () => {
    const known = models.filter((entry) => entry.contextWindow !== null).length;
    expect(known / models.length).toBeGreaterThanOrEqual(0.95);
  });

  it("holds only entries that catalogEntrySchema accepts", () => {
    const invalid = models.filter((entry) => !catalogEntrySchema().safeParse(entry).success);
    expect(invalid.map(catalogRefOf)).toEqual([]);
  });

  it("has a header that catalogInfoSchema accepts, with the counts of what it holds", () => {
    expect(catalogInfoSchema().safeParse(info).success).toBe(true);
    expect(info.models).toBe(models.length);
    expect(info.providers.map((row) => row.id)).toEqual(catalogProviderIds());
    for (const row of info.providers) {
      expect(models.filter((entry) => entry.provider === row.id).length, row.id).toBe(row.models);
    }
  });

  it("names its source: package, exact version, licence and dates", () => {
    expect(info.source).toMatchObject({ package: "@earendil-works/pi-ai", license: "MIT" });
    expect(info.source.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Date.parse(info.source.publishedAt)).toBeLessThanOrEqual(
      Date.parse(`${info.generatedAt}T23:59:59Z`),
    );
  });

  it("is sorted by provider, then id, one entry per ref", () => {
    const refs = models.map(catalogRefOf);
    const sorted = [...models].sort((a, b) => compare(a.provider, b.provider) || compare(a.id, b.id));
    expect(sorted.map(catalogRefOf)).toEqual(refs);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it("uses provider ids that model-ref would write: normalised, and valid as a ref's provider", () => {
    for (const id of catalogProviderIds()) {
      expect(normalizeProviderId(id)).toBe(id);
      expect(parseProviderId(id)).toBe(id);
    }
  });

  it("files a provider model-ref knows under model-ref's id, not the source's", () => {
    const ids = catalogProviderIds();
    // The source's kimi-coding, moonshotai and azure are model-ref's kimi, moonshot and microsoft-foundry.
    expect(ids).toEqual(expect.arrayContaining(["kimi", "moonshot", "microsoft-foundry"]));
    expect(ids).not.toEqual(expect.arrayContaining(["kimi-coding"]));
    expect(ids).not.toContain("moonshotai");
    expect(ids).not.toContain("azure");
    const known = ids.filter((id) => getProvider(id) !== undefined);
    expect(known).toEqual(
      expect.arrayContaining([
        "anthropic",
        "openai",
        "google",
        "openrouter",
        "amazon-bedrock",
        "vercel-ai-gateway",
      ]),
    );
    expect(known.length).toBeGreaterThanOrEqual(25);
  });

  it("gives every entry a ref that parseModelRef reads back as its provider and id", () => {
    const unreadable = models.filter((entry) => {
      const ref = parseModelRef(catalogRefOf(entry));
      return ref.provider !== entry.provider || ref.model !== entry.id || ref.profileId !== undefined;
    });
    expect(unreadable.map(catalogRefOf)).toEqual([]);
  });
});

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
