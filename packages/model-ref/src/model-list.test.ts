import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "./catalog-schema.js";
import type { ModelsConfig } from "./config.js";
import { isLocalBaseUrl, listModels, parseProviderFilter } from "./model-list.js";

const entry = (provider: string, id: string, facts: Partial<CatalogEntry> = {}): CatalogEntry => ({
  provider,
  id,
  name: id.toUpperCase(),
  contextWindow: 200_000,
  maxOutputTokens: 64_000,
  input: ["text"],
  reasoning: false,
  toolCall: true,
  cost: { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.25 },
  releaseDate: null,
  deprecated: null,
  ...facts,
});

const CATALOG = [
  entry("anthropic", "claude-opus-4-6", {
    name: "Claude Opus 4.6",
    input: ["text", "image", "pdf"],
    contextWindow: 1_000_000,
  }),
  entry("google", "gemini-3-pro-preview", { input: ["text", "image", "audio", "video"] }),
  entry("openai", "gpt-5.2", { input: ["text", "image"], contextWindow: 400_000 }),
  entry("openrouter", "moonshotai/kimi-k2.6", { name: "MoonshotAI: Kimi K2.6" }),
];

// The config of the reference transcript (OpenClaw 2026.4.27, `models list` on it).
const CONFIG = {
  agents: {
    defaults: {
      model: {
        primary: "anthropic/claude-opus-4-6",
        fallbacks: ["openai/gpt-5.2", "openrouter/moonshotai/kimi-k2.6", "nosuch/foo"],
      },
      imageModel: { primary: "google/gemini-3-pro-preview", fallbacks: ["openai/gpt-5.2"] },
      models: {
        "anthropic/claude-opus-4-6": { alias: "opus" },
        "zai/glm-4.6": {},
        "ollama/llama3.3": { alias: "local" },
      },
    },
  },
  models: {
    providers: {
      ollama: {
        baseUrl: "http://127.0.0.1:11434",
        api: "ollama",
        models: [{ id: "llama3.3", name: "Llama 3.3", contextWindow: 131072, input: ["text"] }],
      },
      myproxy: {
        baseUrl: "https://proxy.example.com/v1",
        api: "openai-completions",
        models: [{ id: "m1", name: "M One" }],
      },
    },
  },
} as unknown as ModelsConfig;

const list = (options: Partial<Parameters<typeof listModels>[0]> = {}) =>
  listModels({
    config: CONFIG,
    catalog: CATALOG,
    available: (provider) => provider === "openai",
    ...options,
  });

describe("listModels", () => {
  it("lists the configured models in OpenClaw's order with OpenClaw's tags", () => {
    expect(list().map((row) => [row.key, row.tags.join(",")])).toEqual([
      ["anthropic/claude-opus-4-6", "default,configured,alias:opus"],
      ["openai/gpt-5.2", "fallback#1,img-fallback#1"],
      ["openrouter/moonshotai/kimi-k2.6", "fallback#2"],
      ["nosuch/foo", "fallback#3,missing"],
      ["google/gemini-3-pro-preview", "image"],
      ["zai/glm-4.6", "configured"],
      ["ollama/llama3.3", "configured,alias:local"],
    ]);
  });

  it("takes each model's facts from the config's provider entry, else the catalog; a model of an unknown provider is missing", () => {
    const rows = Object.fromEntries(list().map((row) => [row.key, row]));
    expect(rows["anthropic/claude-opus-4-6"]).toMatchObject({
      name: "Claude Opus 4.6",
      input: "text+image",
      modalities: ["text", "image", "pdf"],
      contextWindow: 1_000_000,
      local: false,
      available: false,
      missing: false,
      cost: { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.25 },
    });
    expect(rows["openai/gpt-5.2"]).toMatchObject({ available: true, contextWindow: 400_000 });
    expect(rows["ollama/llama3.3"]).toMatchObject({
      name: "Llama 3.3",
      contextWindow: 131072,
      local: true,
      source: "config",
    });
    expect(rows["anthropic/claude-opus-4-6"]?.source).toBe("catalog");
    // Not in the catalog, but of a provider that exists: shown with what is known, not flagged missing.
    expect(rows["zai/glm-4.6"]).toMatchObject({
      name: "glm-4.6",
      input: "text",
      contextWindow: null,
      local: false,
      missing: false,
      source: null,
      modalities: [],
      reasoning: null,
      toolCall: null,
    });
    expect(rows["nosuch/foo"]).toEqual({
      key: "nosuch/foo",
      name: "nosuch/foo",
      input: "-",
      contextWindow: null,
      local: null,
      available: null,
      tags: ["fallback#3", "missing"],
      missing: true,
      source: null,
      modalities: [],
      maxOutputTokens: null,
      cost: null,
      reasoning: null,
      toolCall: null,
      releaseDate: null,
    });
  });

  it("with all: the catalog, then the configured providers' models, tagged where configured", () => {
    const rows = list({ all: true });
    expect(rows.map((row) => row.key)).toEqual([
      "anthropic/claude-opus-4-6",
      "google/gemini-3-pro-preview",
      "openai/gpt-5.2",
      "openrouter/moonshotai/kimi-k2.6",
      "ollama/llama3.3",
      "myproxy/m1",
    ]);
    expect(rows.find((row) => row.key === "myproxy/m1")).toMatchObject({
      name: "M One",
      contextWindow: null,
    });
    expect(rows[0]?.tags).toEqual(["default", "configured", "alias:opus"]);
  });

  it("filters by provider and by local base URL", () => {
    expect(list({ provider: "anthropic" }).map((row) => row.key)).toEqual(["anthropic/claude-opus-4-6"]);
    expect(list({ local: true }).map((row) => row.key)).toEqual(["ollama/llama3.3"]);
    expect(list({ all: true, provider: "myproxy" }).map((row) => row.key)).toEqual(["myproxy/m1"]);
  });

  it("uses an agent's own model when asked", () => {
    const config = {
      ...CONFIG,
      agents: { ...CONFIG.agents, list: [{ id: "work", model: "openai/gpt-5.2" }] },
    };
    const rows = listModels({
      config: config as ModelsConfig,
      agentId: "work",
      catalog: CATALOG,
      available: () => false,
    });
    expect(rows[0]).toMatchObject({ key: "openai/gpt-5.2", tags: ["default", "img-fallback#1"] });
  });
});

describe("listModels with live lists", () => {
  const live = {
    openai: [{ id: "gpt-5.2" }, { id: "gpt-6-preview", name: "GPT-6 Preview", contextWindow: 1_000_000 }],
  };

  it("adds the models a provider's list names that the catalog lacks, with the list's facts", () => {
    const rows = list({ all: true, live });
    expect(rows.find((row) => row.key === "openai/gpt-6-preview")).toMatchObject({
      name: "GPT-6 Preview",
      contextWindow: 1_000_000,
      source: "live",
      available: true,
      missing: false,
    });
    expect(rows.find((row) => row.key === "openai/gpt-5.2")).toMatchObject({
      source: "catalog",
      available: true,
    });
  });

  it("makes a model its provider's list leaves out unavailable, and leaves other providers alone", () => {
    const rows = list({ all: true, live: { openai: [{ id: "gpt-6-preview" }] } });
    expect(rows.find((row) => row.key === "openai/gpt-5.2")?.available).toBe(false);
    expect(rows.find((row) => row.key === "openai/gpt-6-preview")?.available).toBe(true);
  });
});

describe("parseProviderFilter", () => {
  it("takes an id in any spelling the provider table knows", () => {
    expect(parseProviderFilter("Anthropic")).toBe("anthropic");
    expect(parseProviderFilter(" Z.AI ")).toBe("zai");
    expect(parseProviderFilter("")).toBeUndefined();
  });

  it("refuses a display label with OpenClaw's message", () => {
    expect(() => parseProviderFilter("Anthropic Claude")).toThrow(
      'Invalid provider filter "Anthropic Claude". Use a provider id such as "moonshot", not a display label.',
    );
  });
});

describe("isLocalBaseUrl", () => {
  it.each([
    ["http://localhost:11434", true],
    ["http://127.0.0.1:1234/v1", true],
    ["http://[::1]:8080", true],
    ["http://0.0.0.0:8000", true],
    ["http://gpu-box.local:8000", true],
    ["http://192.168.1.20:8000", true],
    ["http://10.0.0.5", true],
    ["http://172.20.0.1", true],
    ["http://172.32.0.1", false],
    ["https://api.openai.com/v1", false],
    ["not a url", false],
    ["", false],
  ])("%s → %s", (url, local) => {
    expect(isLocalBaseUrl(url)).toBe(local);
  });
});
