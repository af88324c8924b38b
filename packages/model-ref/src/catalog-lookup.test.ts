import { describe, expect, it } from "vitest";
import {
  catalogInfo,
  catalogModels,
  catalogModelsOf,
  catalogProviderIds,
  catalogRefOf,
  findCatalogModel,
} from "./catalog-lookup.js";

describe("findCatalogModel", () => {
  it("finds a model by its ref, split on the first slash", () => {
    const entry = findCatalogModel("openrouter/moonshotai/kimi-k2.6");
    expect(entry).toMatchObject({ provider: "openrouter", id: "moonshotai/kimi-k2.6" });
    expect(entry?.contextWindow).toBeGreaterThan(0);
  });

  it("finds a model by provider and id, the id holding slashes of its own", () => {
    expect(findCatalogModel("openrouter", "moonshotai/kimi-k2.6")).toBe(
      findCatalogModel("openrouter/moonshotai/kimi-k2.6"),
    );
    expect(findCatalogModel("cloudflare-ai-gateway", "workers-ai/@cf/openai/gpt-oss-120b")).toMatchObject({
      id: "workers-ai/@cf/openai/gpt-oss-120b",
    });
  });

  it("reads the provider in any spelling model-ref accepts", () => {
    const opus = findCatalogModel("anthropic/claude-opus-4-6");
    expect(opus).toMatchObject({ provider: "anthropic", id: "claude-opus-4-6", toolCall: true });
    expect(findCatalogModel(" Anthropic/claude-opus-4-6 ")).toBe(opus);
    expect(findCatalogModel("Kimi-Coding", "kimi-for-coding")).toMatchObject({ provider: "kimi" });
    expect(findCatalogModel("Z.AI/glm-4.7")).toMatchObject({ provider: "zai", id: "glm-4.7" });
  });

  it("matches the model id in another case when only one entry has it so", () => {
    expect(findCatalogModel("anthropic/Claude-Opus-4-6")).toBe(findCatalogModel("anthropic/claude-opus-4-6"));
  });

  it("ignores a profile pin after the model id", () => {
    expect(findCatalogModel("anthropic/claude-opus-4-6@anthropic:work")).toBe(
      findCatalogModel("anthropic/claude-opus-4-6"),
    );
  });

  it("finds nothing for a model, provider or ref the catalog lacks", () => {
    expect(findCatalogModel("anthropic/claude-opus-4.6")).toBeUndefined();
    expect(findCatalogModel("my-llm/claude-opus-4-6")).toBeUndefined();
    expect(findCatalogModel("claude-opus-4-6")).toBeUndefined();
    expect(findCatalogModel("")).toBeUndefined();
    expect(findCatalogModel(42 as unknown as string)).toBeUndefined();
  });

  it("treats prototype names as data", () => {
    expect(findCatalogModel("constructor/toString")).toBeUndefined();
    expect(findCatalogModel("openai", "constructor")).toBeUndefined();
    expect(findCatalogModel("__proto__", "__proto__")).toBeUndefined();
    expect(catalogModelsOf("constructor")).toEqual([]);
    expect(catalogModelsOf("__proto__")).toEqual([]);
  });
});

describe("catalogModelsOf", () => {
  it("lists one provider's entries, sorted by id", () => {
    const anthropic = catalogModelsOf("anthropic");
    expect(anthropic.length).toBeGreaterThan(5);
    expect(anthropic.every((entry) => entry.provider === "anthropic")).toBe(true);
    expect(anthropic.map((entry) => entry.id)).toEqual(anthropic.map((entry) => entry.id).sort());
  });

  it("reads the provider in any spelling model-ref accepts", () => {
    expect(catalogModelsOf("Kimi-Coding")).toBe(catalogModelsOf("kimi"));
    expect(catalogModelsOf("bedrock")).toBe(catalogModelsOf("amazon-bedrock"));
  });

  it("is empty for a provider the catalog lacks", () => {
    expect(catalogModelsOf("my-llm")).toEqual([]);
  });
});

describe("the catalog as a whole", () => {
  it("lists every provider's entries exactly once", () => {
    const total = catalogProviderIds().reduce((sum, id) => sum + catalogModelsOf(id).length, 0);
    expect(total).toBe(catalogModels().length);
    expect(catalogProviderIds()).toEqual([...catalogProviderIds()].sort());
  });

  it("returns the same entries on every call, in an array that cannot be changed", () => {
    expect(catalogModels()).toBe(catalogModels());
    expect(Object.isFrozen(catalogModels())).toBe(true);
    expect(Object.isFrozen(catalogModelsOf("openai"))).toBe(true);
  });

  it("keys an entry by provider/id", () => {
    expect(catalogRefOf({ provider: "openrouter", id: "moonshotai/kimi-k2.6" })).toBe(
      "openrouter/moonshotai/kimi-k2.6",
    );
    for (const entry of catalogModels()) expect(findCatalogModel(catalogRefOf(entry))).toBe(entry);
  });

  it("says where it came from", () => {
    expect(catalogInfo()).toMatchObject({
      schemaVersion: 1,
      source: { package: "@earendil-works/pi-ai" },
      models: catalogModels().length,
    });
  });
});
