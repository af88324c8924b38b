import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAuth } from "./overview.js";
import { authOverviewSchema } from "./overview-schema.js";
import { type AuthStore, loadAuthStore } from "./store.js";

// The schema is the overview's type and the `auth` part of `models status --json`: what describeAuth returns must be
// exactly what it describes. Parsing drops a field the schema does not know, so equality catches one too.
const FIXTURE = new URL("../test/fixtures/handwritten-auth-profiles.json", import.meta.url);
const NOW = 1_795_430_234_617;

let root: string;
let store: AuthStore;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "modelctl-overview-schema-"));
  const main = join(root, "main");
  const work = join(root, "work");
  mkdirSync(main);
  mkdirSync(work);
  writeFileSync(join(main, "auth-profiles.json"), readFileSync(FIXTURE));
  writeFileSync(
    join(work, "auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: {
        "anthropic:work": { type: "api_key", provider: "anthropic", key: "sk-ant-work-0123456789" },
        "openai:nokey": { type: "api_key", provider: "openai" },
      },
    }),
  );
  writeFileSync(
    join(work, "auth-state.json"),
    JSON.stringify({
      version: 1,
      usageStats: { "anthropic:work": { cooldownUntil: NOW + 60_000, cooldownReason: "rate_limit" } },
    }),
  );
  // A sub-agent's store, with the main agent's read beneath it: inherited profiles, both stores in the views.
  store = await loadAuthStore(work, { mainAgentDir: main });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const overview = () =>
  describeAuth({
    store,
    config: {
      models: { providers: { groq: { apiKey: "gsk-config-0123456789" }, mistral: { apiKey: "UNSET_KEY" } } },
    },
    env: { OPENROUTER_API_KEY: "sk-or-env-0123456789", GEMINI_API_KEY: "AIza-env-0123456789" },
    now: NOW,
    inUse: [
      { provider: "anthropic" },
      { provider: "openai-codex" },
      { provider: "openai", profileId: "openai:gone" },
      { provider: "google" },
      { provider: "vllm" },
      { provider: "mistral" },
      { provider: "xai" },
    ],
  });

describe("authOverviewSchema", () => {
  it("describes what describeAuth returns", () => {
    const result = overview();
    expect(authOverviewSchema().parse(result)).toEqual(result);
  });

  it("is checked above with every optional field present somewhere", () => {
    const { providers, unusableProfiles, oauth, check, missingProvidersInUse } = overview();
    expect(providers.some((provider) => provider.env)).toBe(true);
    expect(providers.some((provider) => provider.modelsJson)).toBe(true);
    expect(providers.some((provider) => provider.syntheticAuth)).toBe(true);
    expect(providers.some((provider) => provider.shadowed.length > 0)).toBe(true);
    expect(providers.some((provider) => provider.inherited.length > 0)).toBe(true);
    expect(unusableProfiles.some((profile) => profile.reason)).toBe(true);
    expect(unusableProfiles.some((profile) => profile.cooldownReason)).toBe(true);
    expect(oauth.profiles.some((profile) => profile.refreshable)).toBe(true);
    expect(oauth.profiles.some((profile) => profile.reasonCode)).toBe(true);
    expect(oauth.profiles.some((profile) => profile.store === "agent")).toBe(true);
    expect(oauth.providers.some((provider) => provider.expiresAt !== undefined)).toBe(true);
    expect(check.problems.some((problem) => problem.profileId)).toBe(true);
    expect(check.problems.some((problem) => problem.profileId === undefined)).toBe(true);
    expect(missingProvidersInUse).toContain("xai");
  });

  it("drops a field the overview does not have and refuses a value it cannot hold", () => {
    const result = overview();
    expect(authOverviewSchema().parse({ ...result, extra: 1 })).not.toHaveProperty("extra");
    expect(() => authOverviewSchema().parse({ ...result, check: { exitCode: 3, problems: [] } })).toThrow();
  });
});
