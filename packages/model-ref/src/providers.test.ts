import { describe, expect, it } from "vitest";
import { getProvider, knownProviderEnvVars, normalizeProviderId, PROVIDERS } from "./providers.js";

describe("provider table", () => {
  it("covers the providers users configure most", () => {
    const ids = PROVIDERS.map((provider) => provider.id);
    for (const id of [
      "anthropic",
      "openai",
      "openai-codex",
      "codex",
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

  // The reference's whole rule (openclaw 2026.4.27, dist/provider-id-DMUF3fJY.js, `normalizeProviderId`): lower-case,
  // then exactly these collapses. Seen in a run too: a store with one api_key profile per spelling, then
  //   OC_HOME=<dir> /tmp/reference/openclaw-ref models status --json
  // grouped `Z.AI:*`, `z-ai:*`, `ZAI:*` under zai, `kimi-code:*`/`kimi-coding:*` under kimi, `bedrock:*`/`aws-bedrock:*`
  // under amazon-bedrock, `bytedance:*`/`doubao:*` under volcengine, `modelstudio:*`/`qwencloud:*` under qwen,
  // `opencode-zen:*` under opencode, `opencode-go-auth:*` under opencode-go, `OpenAI:*` under openai.
  const REFERENCE_SPELLINGS: Record<string, string> = {
    modelstudio: "qwen",
    qwencloud: "qwen",
    "z.ai": "zai",
    "z-ai": "zai",
    "opencode-zen": "opencode",
    "opencode-go-auth": "opencode-go",
    "kimi-code": "kimi",
    "kimi-coding": "kimi",
    bedrock: "amazon-bedrock",
    "aws-bedrock": "amazon-bedrock",
    bytedance: "volcengine",
    doubao: "volcengine",
  };

  it("collapses the spellings the reference collapses, whatever their case", () => {
    for (const [spelling, id] of Object.entries(REFERENCE_SPELLINGS)) {
      expect(normalizeProviderId(spelling)).toBe(id);
      expect(normalizeProviderId(` ${spelling.toUpperCase()} `)).toBe(id);
    }
    expect(normalizeProviderId("OpenAI")).toBe("openai");
    expect(normalizeProviderId("my-proxy")).toBe("my-proxy");
  });

  it("collapses nothing else", () => {
    const spellings = PROVIDERS.flatMap((provider) => provider.aliases.map((alias) => [alias, provider.id]));
    expect(Object.fromEntries(spellings)).toEqual(REFERENCE_SPELLINGS);
  });

  // The same run listed each of these as a provider of its own (`auth.providers[].provider` is the id as written,
  // lower-cased); `models set codex/gpt-5.4` there stored "codex/gpt-5.4".
  it.each([
    "codex",
    "gemini",
    "google-gemini",
    "grok",
    "x-ai",
    "copilot",
    "zhipu",
    "dashscope",
    "qwen-portal",
    "alibaba",
    "hf",
    "hugging-face",
    "nim",
    "vercel",
    "ai-gateway",
    "lm-studio",
    "moonshotai",
    "moonshot-ai",
    "together-ai",
    "togetherai",
    "fireworks-ai",
    "mistralai",
    "azure-openai",
  ])("keeps %s as a provider id of its own", (id) => {
    expect(normalizeProviderId(id)).toBe(id);
    expect(normalizeProviderId(id.toUpperCase())).toBe(id);
  });

  // With XAI_API_KEY, GEMINI_API_KEY, HF_TOKEN, … set and `grok/m1`, `gemini/m1`, `hf/m1`, … in use, the reference
  // reported all of those missing (`auth.missingProvidersInUse`): a name it keeps apart reads no provider's env vars.
  it("gives an id the reference does not know no row, so no env vars", () => {
    for (const id of [
      "gemini",
      "grok",
      "copilot",
      "zhipu",
      "dashscope",
      "qwen-portal",
      "hf",
      "nim",
      "vercel",
    ])
      expect(getProvider(id)).toBeUndefined();
  });

  // Rows from the reference's manifests (dist/extensions/<id>/openclaw.plugin.json). In the env run above, `alibaba/m1`
  // in use with DASHSCOPE_API_KEY and QWEN_API_KEY set showed `"source": "env: DASHSCOPE_API_KEY"`, and `codex/m1`
  // was missing.
  it("has rows for the reference's codex and alibaba providers", () => {
    expect(getProvider("codex")).toMatchObject({
      api: "openai-codex-responses",
      baseUrl: "https://chatgpt.com/backend-api",
      envVars: [],
      markers: ["codex-app-server"],
    });
    expect(getProvider("alibaba")?.envVars).toEqual([
      "MODELSTUDIO_API_KEY",
      "DASHSCOPE_API_KEY",
      "QWEN_API_KEY",
    ]);
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

describe("authMethods", () => {
  it("says how each provider lets a user in, the usual way first", () => {
    expect(getProvider("anthropic")?.authMethods).toEqual(["api-key", "token"]);
    expect(getProvider("openai")?.authMethods).toEqual(["api-key"]);
    expect(getProvider("openai-codex")?.authMethods).toEqual(["oauth", "device-code"]);
    expect(getProvider("google-gemini-cli")?.authMethods).toEqual(["oauth"]);
    expect(getProvider("ollama")?.authMethods).toEqual(["local", "api-key"]);
    expect(getProvider("amazon-bedrock")?.authMethods).toEqual(["cloud-credentials", "api-key"]);
  });

  it("gives every built-in provider at least one", () => {
    expect(
      PROVIDERS.filter((provider) => provider.authMethods.length === 0).map((provider) => provider.id),
    ).toEqual([]);
  });
});
