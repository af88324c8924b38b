import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelsConfig } from "@modelctl/model-ref";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAuth, type InUseRef } from "./overview.js";
import { type AuthStore, loadAuthStore } from "./store.js";

// The store of the reference's transcript 02-auth-store.txt, judged at the moment that run printed it.
const FIXTURE = new URL("../test/fixtures/handwritten-auth-profiles.json", import.meta.url);
const NOW = 1_795_430_234_617;
// default anthropic/claude-opus-4-6, fallbacks anthropic/claude-sonnet-4-6 + openai-codex/gpt-5.4, image openai/gpt-5.2
const IN_USE: InUseRef[] = [{ provider: "anthropic" }, { provider: "openai-codex" }, { provider: "openai" }];

let root: string;
let store: AuthStore;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "modelctl-overview-"));
  mkdirSync(join(root, "agent"));
  writeFileSync(join(root, "agent", "auth-profiles.json"), readFileSync(FIXTURE));
  store = await loadAuthStore(join(root, "agent"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const overview = (
  options: { env?: Record<string, string>; inUse?: InUseRef[]; config?: ModelsConfig } = {},
) =>
  describeAuth({
    store,
    config: options.config ?? {},
    env: options.env ?? {},
    now: NOW,
    inUse: options.inUse ?? IN_USE,
  });

describe("describeAuth on the reference's hand-written store", () => {
  it("classifies every profile as the reference does", () => {
    const statuses = Object.fromEntries(
      overview().oauth.profiles.map((profile) => [profile.profileId, profile.status]),
    );
    expect(statuses).toEqual({
      "openai:default": "static",
      "openai:envname": "static",
      "openrouter:managed": "static",
      "openrouter:ref": "static",
      "ollama:local": "static",
      "minimax:oauthmarker": "static",
      "anthropic:manual": "ok",
      "anthropic:soon": "expiring",
      "anthropic:static": "static",
      "openai-codex:default": "expired",
      "google:soon": "expiring",
    });
  });

  it("rolls providers up as the reference does", () => {
    const rolled = Object.fromEntries(
      overview().oauth.providers.map((provider) => [provider.provider, provider.status]),
    );
    expect(rolled).toEqual({
      anthropic: "expiring",
      google: "expiring",
      minimax: "static",
      ollama: "static",
      openai: "static",
      "openai-codex": "expired",
      openrouter: "static",
    });
  });

  it("labels profiles masked, with markers as markers and cooldown and disable suffixes", () => {
    const labels = Object.fromEntries(
      overview().providers.map((provider) => [provider.provider, provider.profiles.labels]),
    );
    expect(labels.anthropic).toEqual([
      "anthropic:manual=token:sk-a...6789 [disabled:billing 5h]",
      "anthropic:soon=token:to...2",
      "anthropic:static=token:...",
    ]);
    expect(labels.openai).toEqual([
      "openai:default=sk-t...stuv [cooldown 30m]",
      "openai:envname=marker(OPENAI_API_KEY)",
    ]);
    expect(labels.minimax).toEqual(["minimax:oauthmarker=marker(minimax-oauth)"]);
    expect(labels.ollama).toEqual(["ollama:local=marker(ollama-local)"]);
    expect(labels.openrouter).toEqual([
      "openrouter:managed=marker(secretref-managed)",
      "openrouter:ref=ref(env:OPENROUTER_API_KEY)",
    ]);
    expect(labels["openai-codex"]).toEqual(["openai-codex:default=OAuth (me@example.com)"]);
  });

  it("lists unusable profiles soonest first, with the reference's fields", () => {
    expect(overview().unusableProfiles).toEqual([
      {
        profileId: "openai:default",
        provider: "openai",
        kind: "cooldown",
        until: 1795432019982,
        remainingMs: 1785365,
      },
      {
        profileId: "anthropic:manual",
        provider: "anthropic",
        kind: "disabled",
        reason: "billing",
        until: 1795448219982,
        remainingMs: 17985365,
      },
    ]);
  });

  it("counts OAuth and token profiles per provider", () => {
    expect(overview().providersWithOAuth).toEqual(["anthropic (3)", "google (1)", "openai-codex (1)"]);
  });

  it("fails --check on the expired OAuth profile a fallback uses", () => {
    const { check } = overview();
    expect(check.exitCode).toBe(1);
    expect(
      check.problems.filter((problem) => problem.level === 1).map((problem) => problem.profileId),
    ).toEqual(["openai-codex:default"]);
  });

  it("ignores credentials no configured model uses", () => {
    // Only anthropic in use: its tokens are ok, expiring and static → 2; the expired codex profile does not count.
    expect(overview({ inUse: [{ provider: "anthropic" }] }).check.exitCode).toBe(2);
    expect(overview({ inUse: [{ provider: "ollama" }] }).check.exitCode).toBe(0);
  });

  it("follows the order override: a profile left out of it is shadowed, not used", () => {
    const openai = overview().providers.find((provider) => provider.provider === "openai");
    expect(openai?.order).toEqual(["openai:default"]);
    expect(openai?.shadowed).toEqual([
      { kind: "profile", detail: "openai:envname", reason: "not in the agent's auth order" },
    ]);
  });

  it("fails --check when a credential in use names an env var that is not set", () => {
    expect(overview({ inUse: [{ provider: "openrouter" }] }).check.problems).toContainEqual(
      expect.objectContaining({ profileId: "openrouter:ref", level: 1 }),
    );
    expect(
      overview({ inUse: [{ provider: "openrouter" }], env: { OPENROUTER_API_KEY: "sk-or-1234567890" } }).check
        .exitCode,
    ).toBe(0);
  });

  it("reports a provider in use with no credential as missing", () => {
    const result = overview({ inUse: [{ provider: "groq" }] });
    expect(result.missingProvidersInUse).toEqual(["groq"]);
    expect(result.check.exitCode).toBe(1);
  });

  it("fails --check for a provider in use whose config key names an unset env var, not listing it as missing", () => {
    // As OpenClaw: the provider has a config key, so it is not in missingProvidersInUse; but nothing can be sent.
    const config = { models: { providers: { groq: { apiKey: "GROQ_API_KEY" } } } };
    const result = overview({ inUse: [{ provider: "groq" }], config });
    expect(result.missingProvidersInUse).toEqual([]);
    expect(result.check.problems).toContainEqual({
      provider: "groq",
      level: 1,
      message: "groq is in use and has no credential (models.providers.groq.apiKey: GROQ_API_KEY is not set)",
    });
    expect(
      overview({ inUse: [{ provider: "groq" }], config, env: { GROQ_API_KEY: "gsk_0123456789" } }).check
        .exitCode,
    ).toBe(0);
  });

  it("uses an env key when a provider has no profile, and shows env as shadowed by profiles", () => {
    const env = { GROQ_API_KEY: "gsk_0123456789abcdefghij", OPENAI_API_KEY: "sk-env-0123456789abcdef" };
    const result = overview({ inUse: [{ provider: "groq" }], env });
    const groq = result.providers.find((provider) => provider.provider === "groq");
    expect(groq?.effective).toEqual({ kind: "env", detail: "gsk...hij" });
    expect(groq?.env).toEqual({ value: "gsk...hij", source: "env: GROQ_API_KEY" });
    expect(result.check.exitCode).toBe(0);
    const openai = result.providers.find((provider) => provider.provider === "openai");
    expect(openai?.shadowed).toContainEqual({
      kind: "env",
      detail: "OPENAI_API_KEY",
      reason: "profiles is used first",
    });
  });
});

// OpenClaw's list.status-command and auth-health (dist/list.status-command--cUui6cs.js, auth-health-298RXdp5.js).
describe("describeAuth fields as OpenClaw fills them", () => {
  let dir: string;
  let tokens: AuthStore;
  beforeAll(async () => {
    dir = join(root, "tokens");
    mkdirSync(dir);
    const token = (extra: object = {}) => ({
      type: "token",
      provider: "anthropic",
      token: "sk-ant-oat01-0123456789",
      ...extra,
    });
    writeFileSync(
      join(dir, "auth-profiles.json"),
      JSON.stringify({
        version: 1,
        profiles: {
          "anthropic:zeta": token(),
          "anthropic:Upper": token(),
          "google:static": { type: "token", provider: "google", token: "ya29-0123456789abcdef" },
          "anthropic:alpha": token({ email: "a@example.com" }),
          "openai:nokey": { type: "api_key", provider: "openai" },
        },
      }),
    );
    tokens = await loadAuthStore(dir);
  });
  const describeTokens = (env: Record<string, string> = {}) =>
    describeAuth({ store: tokens, config: {}, env, now: NOW, inUse: [{ provider: "anthropic" }] });

  it("lists OAuth/token status sorted by provider, then profile id", () => {
    expect(describeTokens().oauth.profiles.map((profile) => profile.profileId)).toEqual([
      "anthropic:alpha",
      "anthropic:Upper",
      "anthropic:zeta",
      "google:static",
      "openai:nokey",
    ]);
  });

  it("labels a token profile with its account e-mail", () => {
    expect(describeTokens().oauth.profiles[0]?.label).toBe("anthropic:alpha (a@example.com)");
  });

  it("counts an OAuth token in the env among the provider's tokens", () => {
    expect(describeTokens().providersWithOAuth).toEqual(["anthropic (3)", "google (1)"]);
    expect(describeTokens({ ANTHROPIC_OAUTH_TOKEN: "sk-ant-oat01-fromenv0123" }).providersWithOAuth).toEqual([
      "anthropic (4)",
      "google (1)",
    ]);
  });

  it("rolls up tokens without expiry as ok and API keys only as static, a missing key too", () => {
    const rolled = Object.fromEntries(
      describeTokens().oauth.providers.map((entry) => [entry.provider, entry.status]),
    );
    expect(rolled).toEqual({ anthropic: "ok", google: "ok", openai: "static" });
  });
});
