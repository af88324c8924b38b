import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelsConfig } from "@modelctl/model-ref";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hasUsableCredential } from "./available.js";
import { loadAuthStore } from "./store.js";

const NOW = 1_800_000_000_000;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "available-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function usable(
  provider: string,
  files: { profiles?: object; state?: object; config?: object; env?: Record<string, string> } = {},
) {
  if (files.profiles)
    writeFileSync(join(dir, "auth-profiles.json"), JSON.stringify({ version: 1, profiles: files.profiles }), {
      mode: 0o600,
    });
  if (files.state)
    writeFileSync(join(dir, "auth-state.json"), JSON.stringify({ version: 1, ...files.state }));
  const store = await loadAuthStore(dir);
  return hasUsableCredential(provider, {
    store,
    config: (files.config ?? {}) as ModelsConfig,
    env: files.env ?? {},
    now: NOW,
  });
}

const key = { type: "api_key", provider: "openai", key: "sk-canary-0123456789" };

describe("hasUsableCredential", () => {
  it("is true for a stored key, false with nothing at all", async () => {
    expect(await usable("openai")).toBe(false);
    expect(await usable("openai", { profiles: { "openai:a": key } })).toBe(true);
  });

  it("is false for a token that expired, true for one that has not", async () => {
    const token = (expires: number) => ({
      "anthropic:a": { type: "token", provider: "anthropic", token: "sk-ant-oat01-x", expires },
    });
    expect(await usable("anthropic", { profiles: token(NOW - 1) })).toBe(false);
    expect(await usable("anthropic", { profiles: token(NOW + 60_000) })).toBe(true);
  });

  it("is false while the only profile cools down", async () => {
    const state = { usageStats: { "openai:a": { cooldownUntil: NOW + 60_000 } } };
    expect(await usable("openai", { profiles: { "openai:a": key }, state })).toBe(false);
  });

  it("counts a provider env var, and a config key only when it resolves", async () => {
    expect(await usable("openai", { env: { OPENAI_API_KEY: "sk-env-0123" } })).toBe(true);
    const config = {
      models: { providers: { groq: { baseUrl: "https://x.example", apiKey: "GROQ_API_KEY" } } },
    };
    expect(await usable("groq", { config })).toBe(false);
    expect(await usable("groq", { config, env: { GROQ_API_KEY: "gsk-0123" } })).toBe(true);
  });

  it("counts an exec ref as usable without running it", async () => {
    const marker = join(dir, "ran");
    const profiles = {
      "openai:a": { type: "api_key", provider: "openai", keyRef: { source: "exec", id: `touch ${marker}` } },
    };
    expect(await usable("openai", { profiles })).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });

  it("counts a local provider's implicit access", async () => {
    expect(await usable("ollama")).toBe(true);
  });
});
