// `models status` on states where OpenClaw 2026.4.27's answer was recorded: each test names the state, the command
// run against the reference (`$D` holds the state as `$D/.openclaw/openclaw.json` and
// `$D/.openclaw/agents/main/agent/auth-profiles.json` / `auth-state.json`, built fresh for each run) and what it
// printed, then what modelctl prints: the same, or a difference the README lists as deliberate.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatusJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

function writeState(config: object, profiles?: object, state?: object) {
  const agentDir = join(home, ".modelctl", "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(join(home, ".modelctl", "modelctl.json"), JSON.stringify(config));
  if (profiles)
    writeFileSync(join(agentDir, "auth-profiles.json"), JSON.stringify({ version: 1, profiles }), {
      mode: 0o600,
    });
  if (state) writeFileSync(join(agentDir, "auth-state.json"), JSON.stringify({ version: 1, ...state }));
}

const status = (args: string[], env: Record<string, string> = {}) =>
  runCli(home, ["models", "status", ...args], { env });

async function statusJson(args: string[] = [], env: Record<string, string> = {}) {
  const result = await status(["--json", ...args], env);
  const parsed = StatusJsonSchema.safeParse(JSON.parse(result.stdout));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues, null, 2));
  return { code: result.code, auth: parsed.data.auth };
}

const providerOf = <T extends { provider: string }>(auth: { providers: readonly T[] }, id: string) =>
  auth.providers.find((provider) => provider.provider === id);

describe("a provider's key in the config (models.providers.<id>.apiKey)", () => {
  const openrouter = (apiKey: unknown) => ({
    agents: { defaults: { model: { primary: "openrouter/anthropic/claude-sonnet-4-6" } } },
    models: { providers: { openrouter: { baseUrl: "https://openrouter.ai/api/v1", models: [], apiKey } } },
  });

  it("naming an env var that is not set: listed, not effective, and --check fails for the provider in use", async () => {
    writeState(openrouter("OPENROUTER_API_KEY"));
    // OC_HOME=$D /tmp/reference/openclaw-ref models status --json --check   (exit 0)
    //   auth.missingProvidersInUse: []
    //   auth.providers: [{ provider: "openrouter", effective: { kind: "missing", detail: "missing" },
    //     profiles: { count: 0, oauth: 0, token: 0, apiKey: 0, labels: [] },
    //     modelsJson: { value: "OPENROUT..._API_KEY", source: "models.json: ~/.openclaw/agents/main/agent/models.json" } }]
    // OC_HOME=$D /tmp/reference/openclaw-ref models status
    //   - openrouter effective=missing:missing | models.json=OPENROUT..._API_KEY | source=models.json: ~/.openclaw/agents/main/agent/models.json
    // Deliberate: the name is shown as a marker, the source is the config key (modelctl writes no models.json), and
    // --check fails: the provider in use has no credential (OpenClaw's --check looks only at stored tokens).
    const { code, auth } = await statusJson(["--check"]);
    expect(code).toBe(1);
    expect(auth.missingProvidersInUse).toEqual([]);
    expect(providerOf(auth, "openrouter")).toMatchObject({
      effective: { kind: "missing", detail: "missing" },
      profiles: { count: 0, labels: [] },
      modelsJson: { value: "marker(OPENROUTER_API_KEY)", source: "models.providers.openrouter.apiKey" },
    });
    expect(auth.check.problems).toEqual([
      {
        provider: "openrouter",
        level: 1,
        message:
          "openrouter is in use and has no credential (models.providers.openrouter.apiKey: OPENROUTER_API_KEY is not set)",
      },
    ]);
    expect((await status([])).stdout).toContain("- openrouter effective=missing:missing");
  });

  it("a SecretRef object is valid config, shown as ref(env:NAME) and not read", async () => {
    writeState(openrouter({ source: "env", provider: "default", id: "OPENROUTER_API_KEY" }));
    // OC_HOME=$D /tmp/reference/openclaw-ref models status --json --check
    //   exit 1: "models status: failed to resolve secrets from the active gateway snapshot (…)" — OpenClaw resolves
    //   config refs when it starts and stops when one cannot be; modelctl reports it instead.
    const unset = await statusJson(["--check"]);
    expect(unset.code).toBe(1);
    expect(providerOf(unset.auth, "openrouter")).toMatchObject({
      effective: { kind: "missing", detail: "missing" },
      modelsJson: { value: "ref(env:OPENROUTER_API_KEY)", source: "models.providers.openrouter.apiKey" },
    });
    expect((await status([])).code).toBe(0);
  });

  it("an env SecretRef whose variable is set is the effective credential", async () => {
    writeState({
      agents: { defaults: { model: { primary: "myproxy/gpt-5.4" } } },
      models: {
        providers: {
          myproxy: {
            baseUrl: "https://proxy.example.com/v1",
            api: "openai-completions",
            models: [{ id: "gpt-5.4", name: "gpt" }],
            apiKey: { source: "env", provider: "default", id: "MY_PROXY_KEY" },
          },
        },
      },
    });
    const env = { MY_PROXY_KEY: "pk-0123456789abcdefghijkl" };
    // env MY_PROXY_KEY=pk-0123456789abcdefghijkl OC_HOME=$D /tmp/reference/openclaw-ref-env models status --json --check
    //   (exit 0) providers: [{ provider: "myproxy", effective: { kind: "models.json", detail: "pk-01234...efghijkl" },
    //   profiles: { count: 0, … }, modelsJson: { value: "pk-01234...efghijkl", source: "models.json: ~/…/models.json" } }]
    // Deliberate: the ref is shown as ref(env:NAME), where the key comes from, not the key (masked).
    const { code, auth } = await statusJson(["--check"], env);
    expect(code).toBe(0);
    expect(providerOf(auth, "myproxy")).toMatchObject({
      effective: { kind: "models.json", detail: "ref(env:MY_PROXY_KEY)" },
      modelsJson: { value: "ref(env:MY_PROXY_KEY)" },
    });
  });
});

describe("cooldowns and disables", () => {
  const NOW = 1_796_458_141_169;
  const H = 3_600_000;
  const M = 60_000;
  const key = (provider: string, key: string) => ({ type: "api_key", provider, key });
  const config = {
    agents: {
      defaults: {
        model: {
          primary: "anthropic/claude-opus-4-6",
          fallbacks: ["openrouter/auto", "kilocode/auto", "openai/gpt-5.4"],
        },
      },
    },
  };
  const profiles = {
    "anthropic:both": key("anthropic", "sk-ant-api03-0123456789abcdef"),
    "anthropic:noreason": key("anthropic", "sk-ant-api03-abcdef0123456789"),
    "anthropic:laterdisabled": key("anthropic", "sk-ant-api03-9999999999999999"),
    "openai:stale": key("openai", "sk-proj-0123456789abcdef"),
    "openai:cd": key("openai", "sk-proj-abcdef0123456789"),
    "openrouter:a": key("openrouter", "sk-or-v1-0123456789abcdef"),
    "openrouter:upper": key("OpenRouter", "sk-or-v1-abcdef0123456789"),
    "kilocode:a": key("kilocode", "kc-0123456789abcdef"),
  };
  const usageStats = {
    "anthropic:both": {
      disabledUntil: NOW + 2 * H,
      disabledReason: "billing",
      cooldownUntil: NOW + 5 * H,
      cooldownReason: "rate_limit",
      errorCount: 2,
    },
    "anthropic:noreason": { disabledUntil: NOW + 2 * H, cooldownUntil: NOW + 5 * H, errorCount: 2 },
    "anthropic:laterdisabled": {
      disabledUntil: NOW + 5 * H,
      disabledReason: "auth_permanent",
      cooldownUntil: NOW + 2 * H,
      cooldownReason: "rate_limit",
      errorCount: 2,
    },
    "openai:stale": {
      disabledUntil: NOW - H,
      disabledReason: "billing",
      cooldownUntil: NOW + 30 * M,
      cooldownReason: "rate_limit",
      errorCount: 1,
    },
    "openai:cd": { cooldownUntil: NOW + 30 * M, cooldownReason: "rate_limit", errorCount: 1 },
    "openrouter:a": { cooldownUntil: NOW + 30 * M, cooldownReason: "rate_limit", errorCount: 1 },
    "openrouter:upper": { disabledUntil: NOW + 5 * H, disabledReason: "billing", errorCount: 1 },
    "kilocode:a": { disabledUntil: NOW + 5 * H, disabledReason: "billing", errorCount: 1 },
    "ghost:x": { cooldownUntil: NOW + H, cooldownReason: "timeout" },
  };
  const env = { MODELCTL_NOW: String(NOW) };
  beforeEach(() => writeState(config, profiles, { usageStats }));

  // OC_HOME=$D /tmp/reference/openclaw-ref models status   (the state above, NOW being when it was written)
  //   - anthropic … | anthropic:both=sk-ant-a...89abcdef [disabled:billing 5h], anthropic:noreason=sk-ant-a...23456789 [disabled 5h], anthropic:laterdisabled=sk-ant-a...99999999 [disabled:auth_permanent 5h]
  //   - kilocode … | kilocode:a=kc-01234...89abcdef
  //   - openai … | openai:stale=sk-proj-...89abcdef [cooldown 29m], openai:cd=sk-proj-...23456789 [cooldown 29m]
  //   - openrouter … | openrouter:a=sk-or-v1...89abcdef, openrouter:upper=sk-or-v1...23456789
  // (29m: the reference ran seconds after the state was written.)
  it("a disable under a later cooldown lasts until the later one; openrouter and kilocode are never cooling down", async () => {
    const { stdout } = await status([], env);
    const line = (provider: string) => stdout.split("\n").find((text) => text.startsWith(`- ${provider} `));
    expect(line("anthropic")).toContain(
      "anthropic:both=sk-a...def [disabled:billing 5h], anthropic:noreason=sk-a...789 [disabled 5h], anthropic:laterdisabled=sk-a...999 [disabled:auth_permanent 5h]",
    );
    expect(line("openai")).toContain(
      "openai:stale=sk-...def [cooldown 30m], openai:cd=sk-...789 [cooldown 30m]",
    );
    expect(line("openrouter")).toMatch(/openrouter:a=sk-\.\.\.def, openrouter:upper=sk-\.\.\.789$/);
    expect(line("kilocode")).toMatch(/kilocode:a=kc\.\.\.ef$/);
  });

  // OC_HOME=$D /tmp/reference/openclaw-ref models status --json --check   (exit 0) auth.unusableProfiles:
  //   { profileId: "openai:stale", provider: "openai", kind: "cooldown", reason: "billing", until: NOW+30m, … },
  //   { profileId: "openai:cd", provider: "openai", kind: "cooldown", until: NOW+30m, … },
  //   { profileId: "ghost:x", kind: "cooldown", until: NOW+1h, … },
  //   { profileId: "anthropic:both", provider: "anthropic", kind: "disabled", reason: "billing", until: NOW+5h, … },
  //   { profileId: "anthropic:noreason", provider: "anthropic", kind: "disabled", until: NOW+5h, … },
  //   { profileId: "anthropic:laterdisabled", provider: "anthropic", kind: "disabled", reason: "auth_permanent", until: NOW+5h, … }
  // Deliberate: `cooldownReason` is ours; usage stats of a profile that is not stored (ghost:x) are not listed.
  it("lists unusable profiles with OpenClaw's kind, reason and until", async () => {
    const { auth } = await statusJson([], env);
    const at = (until: number) => ({ until, remainingMs: until - NOW });
    expect(auth.unusableProfiles).toEqual([
      {
        profileId: "openai:stale",
        provider: "openai",
        kind: "cooldown",
        reason: "billing",
        cooldownReason: "rate_limit",
        ...at(NOW + 30 * M),
      },
      {
        profileId: "openai:cd",
        provider: "openai",
        kind: "cooldown",
        cooldownReason: "rate_limit",
        ...at(NOW + 30 * M),
      },
      {
        profileId: "anthropic:both",
        provider: "anthropic",
        kind: "disabled",
        reason: "billing",
        cooldownReason: "rate_limit",
        ...at(NOW + 5 * H),
      },
      {
        profileId: "anthropic:noreason",
        provider: "anthropic",
        kind: "disabled",
        ...at(NOW + 5 * H),
      },
      {
        profileId: "anthropic:laterdisabled",
        provider: "anthropic",
        kind: "disabled",
        reason: "auth_permanent",
        cooldownReason: "rate_limit",
        ...at(NOW + 5 * H),
      },
    ]);
  });
});

describe("OAuth/token status and the fields named as OpenClaw's", () => {
  const NOW = 1_796_460_759_714;
  const H = 3_600_000;
  const D = 24 * H;
  const token = (token: string, extra: object = {}) => ({
    type: "token",
    provider: "anthropic",
    token,
    ...extra,
  });
  // In store order, which is not OpenClaw's display order.
  const profiles = {
    "anthropic:zeta": token("sk-ant-oat01-0123456789abcdef", { expires: NOW + 10 * D }),
    "anthropic:expired": token("sk-ant-oat01-abcdef0123456789", { expires: NOW - H }),
    "anthropic:Upper": token("sk-ant-oat01-1111111111111111"),
    "anthropic:badexp": token("sk-ant-oat01-2222222222222222", { expires: "soon" }),
    "anthropic:marker": token("secretref-managed"),
    "anthropic:ref": {
      type: "token",
      provider: "anthropic",
      tokenRef: { source: "env", provider: "default", id: "ANTHROPIC_TOKEN_X" },
    },
    "anthropic:alpha": token("sk-ant-oat01-4444444444444444", {
      expires: NOW + 2 * H,
      email: "a@example.com",
    }),
    "google:static": { type: "token", provider: "google", token: "ya29-0123456789abcdef" },
    "openai:nokey": { type: "api_key", provider: "openai" },
  };
  const config = {
    agents: {
      defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["google/gemini-2.5-pro"] } },
    },
  };
  const env = { MODELCTL_NOW: String(NOW) };
  beforeEach(() => writeState(config, profiles));

  // OC_HOME=$D /tmp/reference/openclaw-ref models status   (the state above; exit 0)
  //   OAuth/token status
  //   - anthropic
  //     - anthropic:alpha (a@example.com) expiring expires in 2h
  //     - anthropic:badexp unknown expires unknown
  //     - anthropic:expired expired expires unknown
  //     - anthropic:marker static
  //     - anthropic:ref static
  //     - anthropic:Upper static
  //     - anthropic:zeta ok expires in 10d
  //   - google
  //     - google:static static
  it("lists OAuth/token status sorted, with e-mails, and unknown and expired expiries as OpenClaw prints them", async () => {
    const lines = (await status([], env)).stdout.split("\n");
    expect(lines.slice(lines.indexOf("OAuth/token status"))).toEqual([
      "OAuth/token status",
      "- anthropic",
      "  - anthropic:alpha (a@example.com) expiring expires in 2h",
      "  - anthropic:badexp unknown expires unknown",
      "  - anthropic:expired expired expires unknown",
      "  - anthropic:marker static",
      "  - anthropic:ref static",
      "  - anthropic:Upper static",
      "  - anthropic:zeta ok expires in 10d",
      "- google",
      "  - google:static static",
      "",
    ]);
  });

  // Same run: - anthropic effective=profiles:… | profiles=7 (oauth=0, token=7, api_key=0) | anthropic:zeta=token:sk-ant-o...89abcdef, anthropic:expired=token:sk-ant-o...23456789, anthropic:Upper=token:sk-ant-o...11111111, anthropic:badexp=token:sk-ant-o...22222222, anthropic:marker=token:marker(secretref-managed), anthropic:ref=token:ref(env:ANTHROPIC_TOKEN_X), anthropic:alpha=token:sk-ant-o...44444444
  // (labels in store order; masks are deliberately shorter here)
  it("keeps the token: prefix on a token profile's marker and ref", async () => {
    const { auth } = await statusJson([], env);
    expect(providerOf(auth, "anthropic")?.profiles.labels).toEqual([
      "anthropic:zeta=token:sk-a...def",
      "anthropic:expired=token:sk-a...789",
      "anthropic:Upper=token:sk-a...111",
      "anthropic:badexp=token:sk-a...222",
      "anthropic:marker=token:marker(secretref-managed)",
      "anthropic:ref=token:ref(env:ANTHROPIC_TOKEN_X)",
      "anthropic:alpha=token:sk-a...444",
    ]);
  });

  // OC_HOME=$D /tmp/reference/openclaw-ref models status --json --check   (exit 1) auth.oauth.profiles, in this order:
  //   anthropic:alpha   { status: "expiring", expiresAt: NOW+2h, remainingMs, label: "anthropic:alpha (a@example.com)" }
  //   anthropic:badexp  { status: "missing", reasonCode: "invalid_expires" }
  //   anthropic:expired { status: "expired", reasonCode: "expired" }   (no expiresAt, no remainingMs)
  //   anthropic:marker, anthropic:ref, anthropic:Upper { status: "static" }
  //   anthropic:zeta    { status: "ok", expiresAt: NOW+10d, remainingMs }
  //   google:static     { status: "static" }
  //   openai:nokey      { type: "api_key", status: "static" }
  // Deliberate: `inUse` is ours, and so is `reasonCode: "missing_credential"` on the API key profile without a key.
  it("gives each profile OpenClaw's status, reasonCode and expiry, in OpenClaw's order", async () => {
    const { auth } = await statusJson([], env);
    const view = ({
      profileId,
      status,
      reasonCode,
      expiresAt,
      label,
    }: (typeof auth.oauth.profiles)[number]) => ({
      profileId,
      status,
      ...(reasonCode === undefined ? {} : { reasonCode }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
      label,
    });
    expect(auth.oauth.profiles.map(view)).toEqual([
      {
        profileId: "anthropic:alpha",
        status: "expiring",
        expiresAt: NOW + 2 * H,
        label: "anthropic:alpha (a@example.com)",
      },
      {
        profileId: "anthropic:badexp",
        status: "missing",
        reasonCode: "invalid_expires",
        label: "anthropic:badexp",
      },
      {
        profileId: "anthropic:expired",
        status: "expired",
        reasonCode: "expired",
        label: "anthropic:expired",
      },
      { profileId: "anthropic:marker", status: "static", label: "anthropic:marker" },
      { profileId: "anthropic:ref", status: "static", label: "anthropic:ref" },
      { profileId: "anthropic:Upper", status: "static", label: "anthropic:Upper" },
      { profileId: "anthropic:zeta", status: "ok", expiresAt: NOW + 10 * D, label: "anthropic:zeta" },
      { profileId: "google:static", status: "static", label: "google:static" },
      {
        profileId: "openai:nokey",
        status: "static",
        reasonCode: "missing_credential",
        label: "openai:nokey",
      },
    ]);
  });

  // Same run: auth.oauth.providers =
  //   { provider: "anthropic", status: "expired", expiresAt: NOW+2h, remainingMs, profiles: [alpha, badexp, expired, marker, ref, Upper, zeta] }
  //   { provider: "google", status: "ok", profiles: [google:static] }
  //   { provider: "openai", status: "static", profiles: [openai:nokey] }
  it("rolls providers up as OpenClaw: ok for tokens without expiry, static for API keys only (a missing key too)", async () => {
    const { auth } = await statusJson([], env);
    expect(
      auth.oauth.providers.map(({ provider, status, expiresAt, profiles }) => ({
        provider,
        status,
        expiresAt,
        profiles: profiles.map((profile) => profile.profileId),
      })),
    ).toEqual([
      {
        provider: "anthropic",
        status: "expired",
        expiresAt: NOW + 2 * H,
        profiles: [
          "anthropic:alpha",
          "anthropic:badexp",
          "anthropic:expired",
          "anthropic:marker",
          "anthropic:ref",
          "anthropic:Upper",
          "anthropic:zeta",
        ],
      },
      { provider: "google", status: "ok", expiresAt: undefined, profiles: ["google:static"] },
      { provider: "openai", status: "static", expiresAt: undefined, profiles: ["openai:nokey"] },
    ]);
  });
});

describe("credentials from the env", () => {
  const env = {
    ANTHROPIC_OAUTH_TOKEN: "sk-ant-oat01-envtoken0123456789",
    OPENAI_API_KEY: "sk-proj-env0123456789abcdef",
  };
  beforeEach(() =>
    writeState({
      agents: {
        defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.4"] } },
      },
    }),
  );

  // env ANTHROPIC_OAUTH_TOKEN=sk-ant-oat01-envtoken0123456789 OPENAI_API_KEY=sk-proj-env0123456789abcdef \
  //   OC_HOME=$D /tmp/reference/openclaw-ref-env models status --json --check   (exit 0)
  //   auth.providersWithOAuth: ["anthropic (1)", "claude-cli (1)"]
  //   auth.providers[anthropic].env: { value: "OAuth (env)", source: "env: ANTHROPIC_OAUTH_TOKEN" }
  //   auth.providers[openai].env: { value: "sk-proj-...89abcdef", source: "env: OPENAI_API_KEY" }
  // (claude-cli: a provider id of OpenClaw's plugin set that modelctl's table does not have.)
  it("names the env source as OpenClaw does and counts an env OAuth token", async () => {
    const { code, auth } = await statusJson(["--check"], env);
    expect(code).toBe(0);
    expect(auth.providersWithOAuth).toEqual(["anthropic (1)"]);
    expect(providerOf(auth, "anthropic")).toMatchObject({
      env: { value: "OAuth (env)", source: "env: ANTHROPIC_OAUTH_TOKEN" },
    });
    expect(providerOf(auth, "openai")).toMatchObject({ env: { source: "env: OPENAI_API_KEY" } });
  });

  // env … OC_HOME=$D /tmp/reference/openclaw-ref-env models status
  //   Providers w/ OAuth/tokens (2): anthropic (1), claude-cli (1)
  //   - openai effective=env:sk-proj-...89abcdef | env=sk-proj-...89abcdef | source=env: OPENAI_API_KEY
  it("says source=env: NAME in the human overview", async () => {
    const { stdout } = await status([], env);
    expect(stdout).toContain("Providers w/ OAuth/tokens (1): anthropic (1)");
    expect(stdout).toMatch(
      /^- openai effective=env:sk-\.\.\.def \| env=sk-\.\.\.def \| source=env: OPENAI_API_KEY$/m,
    );
  });
});

describe("a provider in use with no credential at all", () => {
  // Default anthropic/claude-opus-4-6, fallback zai/glm-4.6; only an OpenAI profile is stored.
  // OC_HOME=$D /tmp/reference/openclaw-ref models status --json   (exit 0)
  //   auth.providers[].provider: ["openai"]   (anthropic and zai are not listed)
  //   auth.missingProvidersInUse: ["anthropic", "zai"]
  // OC_HOME=$D /tmp/reference/openclaw-ref models status --check   (exit 1)
  //   - openai effective=profiles:~/.openclaw/agents/main/agent/auth-profiles.json | profiles=1 (…) | openai:default=…
  //
  //   Missing auth
  //   - anthropic Run `openclaw models auth login --provider anthropic`, `openclaw configure`, or set an API key env var.
  //   - zai Run `openclaw models auth login --provider zai`, `openclaw configure`, or set an API key env var.
  it("is not listed among the providers, only under missing auth, and fails --check", async () => {
    writeState(
      {
        agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["zai/glm-4.6"] } } },
      },
      { "openai:default": { type: "api_key", provider: "openai", key: "sk-test-0123456789abcdef" } },
    );
    const { code, auth } = await statusJson(["--check"]);
    expect(code).toBe(1);
    expect(auth.providers.map((provider) => provider.provider)).toEqual(["openai"]);
    expect(auth.missingProvidersInUse).toEqual(["anthropic", "zai"]);
    const human = await status([]);
    expect(human.stdout).not.toMatch(/^- anthropic effective=/m);
    expect(human.stdout).toContain("Missing auth\n- anthropic Run ");
  });
});
