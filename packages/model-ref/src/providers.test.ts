import { describe, expect, it } from "vitest";
import { getProvider, knownProviderEnvVars, normalizeProviderId, PROVIDERS } from "./providers.js";

describe("provider table", () => {
  it("covers the providers users configure most", () => {
    const ids = PROVIDERS.map((provider) => provider.id);
    for (const id of [
      "anthropic",
      "openai",
      "openai-codex",
      "google",
      "openrouter",
      "groq",
      "mistral",
      "xai",
      "deepseek",
      "together",
      "fireworks",
      "cerebras",
      "ollama",
      "lmstudio",
      "github-copilot",
      "minimax",
      "moonshot",
      "kimi",
      "zai",
      "qwen",
      "amazon-bedrock",
      "vercel-ai-gateway",
    ]) {
      expect(ids).toContain(id);
    }
  });

  it("has one row per id and no spelling claimed by two providers", () => {
    const names = PROVIDERS.flatMap((provider) => [provider.id, ...provider.aliases]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("maps the reference's alternative spellings", () => {
    expect(normalizeProviderId(" Z.AI ")).toBe("zai");
    expect(normalizeProviderId("aws-bedrock")).toBe("amazon-bedrock");
    expect(normalizeProviderId("doubao")).toBe("volcengine");
    expect(normalizeProviderId("modelstudio")).toBe("qwen");
    expect(normalizeProviderId("opencode-zen")).toBe("opencode");
    expect(normalizeProviderId("kimi-code")).toBe("kimi");
    expect(normalizeProviderId("my-proxy")).toBe("my-proxy");
  });

  it("knows each provider's env vars in the order they are tried", () => {
    expect(getProvider("anthropic")?.envVars).toEqual(["ANTHROPIC_OAUTH_TOKEN", "ANTHROPIC_API_KEY"]);
    expect(getProvider("GitHub-Copilot")?.envVars).toEqual([
      "COPILOT_GITHUB_TOKEN",
      "GH_TOKEN",
      "GITHUB_TOKEN",
    ]);
    expect(knownProviderEnvVars().has("OPENROUTER_API_KEY")).toBe(true);
  });

  it("gives every row an absolute http(s) base URL", () => {
    for (const provider of PROVIDERS) expect(new URL(provider.baseUrl).protocol).toMatch(/^https?:$/);
  });
});
