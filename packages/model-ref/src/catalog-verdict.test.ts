import { describe, expect, it } from "vitest";
import { catalogVerdict } from "./catalog-verdict.js";
import type { ModelsConfig } from "./config.js";

const none = {} as ModelsConfig;
const withProviders = {
  models: {
    providers: {
      MyProxy: { baseUrl: "https://proxy.example/v1", models: [{ id: "m1" }] },
      openrouter: { baseUrl: "http://127.0.0.1:9/api/v1", models: [{ id: "acme/private-model" }] },
    },
  },
} as unknown as ModelsConfig;

describe("catalogVerdict", () => {
  it("finds a listed model, in the provider's canonical spelling", () => {
    const verdict = catalogVerdict(none, "Anthropic", "claude-opus-4-6");
    expect(verdict.status).toBe("listed");
  });

  it("suggests the nearest ids for an unlisted model of a provider the catalog covers", () => {
    expect(catalogVerdict(none, "anthropic", "claude-opus-4.6")).toEqual({
      status: "unlisted",
      suggestions: ["anthropic/claude-opus-4-6"],
    });
    expect(catalogVerdict(none, "anthropic", "totally-different")).toEqual({
      status: "unlisted",
      suggestions: [],
    });
  });

  it("takes the config's word for its own providers and models", () => {
    expect(catalogVerdict(withProviders, "myproxy", "anything")).toEqual({ status: "configured" });
    expect(catalogVerdict(withProviders, "openrouter", "acme/private-model")).toEqual({
      status: "configured",
    });
    // A base URL override does not stop a typo of a catalogued provider's model from being caught.
    expect(catalogVerdict(withProviders, "openrouter", "moonshotai/kimi-k2.7x").status).toBe("unlisted");
  });

  it("cannot check a built-in provider the catalog has no models of", () => {
    expect(catalogVerdict(none, "ollama", "llama3.3")).toEqual({ status: "unchecked" });
  });

  it("names the nearest known providers for an unknown one", () => {
    expect(catalogVerdict(none, "nosuch", "foo")).toEqual({ status: "unknown-provider", suggestions: [] });
    const typo = catalogVerdict(none, "antropic", "claude-opus-4-6");
    expect(typo).toEqual({ status: "unknown-provider", suggestions: ["anthropic"] });
  });
});
