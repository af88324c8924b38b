import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

// The reference's transcript 02-auth-store.txt: its config and hand-written store, judged when it ran.
const FIXTURE = new URL("../../auth-profiles/test/fixtures/handwritten-auth-profiles.json", import.meta.url);
const NOW = "1795430234617";
const CONFIG = {
  agents: {
    defaults: {
      model: {
        primary: "anthropic/claude-opus-4-6",
        fallbacks: ["anthropic/claude-sonnet-4-6", "openai-codex/gpt-5.4"],
      },
      imageModel: { primary: "openai/gpt-5.2", fallbacks: ["openai/gpt-5.2"] },
      models: {
        "anthropic/claude-opus-4-6": { alias: "opus" },
        "openai/gpt-5.2": { alias: "fast2" },
        "anthropic/claude-sonnet-4-6": { alias: "sonnet" },
      },
    },
  },
};

let home: string;
let cleanup: () => void;
let agentDir: string;
const run = (args: string[], env: Record<string, string> = {}) =>
  runCli(home, args, { env: { MODELCTL_NOW: NOW, ...env } });

function writeState(config: object, store: string | object) {
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(join(home, ".modelctl", "modelctl.json"), JSON.stringify(config));
  writeFileSync(
    join(agentDir, "auth-profiles.json"),
    typeof store === "string" ? store : JSON.stringify(store),
  );
}

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
});
afterEach(() => cleanup());

describe("models status on the reference's hand-written store", () => {
  beforeEach(() => writeState(CONFIG, readFileSync(FIXTURE, "utf8")));

  it("prints the auth overview and OAuth/token status as the reference lays them out", async () => {
    const { stdout, code } = await run(["models", "status"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    const from = lines.indexOf("Auth overview");
    expect(lines.slice(from, from + 4)).toEqual([
      "Auth overview",
      "Auth store    : ~/.modelctl/agents/main/agent/auth-profiles.json",
      "Shell env     : off",
      "Providers w/ OAuth/tokens (3): anthropic (3), google (1), openai-codex (1)",
    ]);
    expect(lines).toContain(
      "- anthropic effective=profiles:~/.modelctl/agents/main/agent/auth-profiles.json | profiles=3 (oauth=0, token=3, api_key=0) | anthropic:manual=token:sk-a...6789 [disabled:billing 5h], anthropic:soon=token:to...2, anthropic:static=token:...",
    );
    expect(lines).toContain(
      "- openrouter effective=profiles:~/.modelctl/agents/main/agent/auth-profiles.json | profiles=2 (oauth=0, token=0, api_key=2) | openrouter:managed=marker(secretref-managed), openrouter:ref=ref(env:OPENROUTER_API_KEY)",
    );
    const status = lines.slice(lines.indexOf("OAuth/token status"));
    expect(status.slice(0, 10)).toEqual([
      "OAuth/token status",
      "- anthropic",
      "  - anthropic:manual ok expires in 10d",
      "  - anthropic:soon expiring expires in 2h",
      "  - anthropic:static static",
      "- google",
      "  - google:soon expiring expires in 1h",
      "- openai-codex",
      "  - openai-codex:default (me@example.com) expired expires in 0m",
      "",
    ]);
    expect(stdout).not.toContain("Missing auth");
  });

  it("shows markers as markers where the reference masked them", async () => {
    const { stdout } = await run(["models", "status"]);
    expect(stdout).toContain("minimax:oauthmarker=marker(minimax-oauth)");
    expect(stdout).toContain("openai:envname=marker(OPENAI_API_KEY)");
  });

  it("gives --json the reference's auth fields", async () => {
    const doc = JSON.parse((await run(["models", "status", "--json"])).stdout);
    expect(Object.keys(doc.auth).slice(0, 7)).toEqual([
      "storePath",
      "shellEnvFallback",
      "providersWithOAuth",
      "missingProvidersInUse",
      "providers",
      "unusableProfiles",
      "oauth",
    ]);
    expect(doc.auth.storePath).toBe(join(agentDir, "auth-profiles.json"));
    expect(doc.auth.unusableProfiles.map((entry: { profileId: string }) => entry.profileId)).toEqual([
      "openai:default",
      "anthropic:manual",
    ]);
    expect(doc.auth.oauth.warnAfterMs).toBe(86_400_000);
    const codex = doc.auth.oauth.profiles.find(
      (profile: { profileId: string }) => profile.profileId === "openai-codex:default",
    );
    expect(codex).toMatchObject({
      type: "oauth",
      status: "expired",
      expiresAt: 1795426619982,
      remainingMs: -3614635,
      source: "store",
      label: "openai-codex:default (me@example.com)",
      refreshable: true,
      inUse: true,
    });
    const anthropic = doc.auth.providers.find(
      (provider: { provider: string }) => provider.provider === "anthropic",
    );
    expect(anthropic.effective).toEqual({
      kind: "profiles",
      detail: "~/.modelctl/agents/main/agent/auth-profiles.json",
    });
  });

  it("--check exits 1 for the expired OAuth profile a fallback uses, in every output form", async () => {
    for (const form of [[], ["--json"], ["--plain"]]) {
      const result = await run(["models", "status", "--check", ...form]);
      expect(result.code).toBe(1);
    }
    expect((await run(["models", "status", "--check"])).stderr).toContain("openai-codex:default expired");
    expect((await run(["models", "status", "--check", "--plain"])).stdout).toBe(
      "anthropic/claude-opus-4-6\n",
    );
  });

  it("without --check exits 0 whatever the credentials", async () => {
    expect((await run(["models", "status", "--json"])).code).toBe(0);
  });
});

describe("models status --check", () => {
  const store = (profiles: object) => ({ version: 1, profiles });
  const now = Number(NOW);

  it("exits 2 when a credential in use expires within 24 h and none is worse", async () => {
    writeState(
      { agents: { defaults: { model: "anthropic/claude-opus-4-6" } } },
      store({
        "anthropic:soon": {
          type: "token",
          provider: "anthropic",
          token: "tok-0123456789",
          expires: now + 7_200_000,
        },
      }),
    );
    for (const form of [[], ["--json"], ["--plain"]])
      expect((await run(["models", "status", "--check", ...form])).code).toBe(2);
  });

  it("ignores an expired profile no configured model uses", async () => {
    writeState(
      { agents: { defaults: { model: "anthropic/claude-opus-4-6" } } },
      store({
        "anthropic:ok": { type: "token", provider: "anthropic", token: "tok-0123456789" },
        "openai-codex:old": {
          type: "oauth",
          provider: "openai-codex",
          access: "a-0123456789",
          refresh: "r-0123",
          expires: now - 1000,
        },
      }),
    );
    expect((await run(["models", "status", "--check"])).code).toBe(0);
  });

  it("exits 1 with a Missing auth section when a provider in use has no credential", async () => {
    const result = await run(["models", "status", "--check"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "Missing auth\n- openai Run `modelctl models auth paste-api-key --provider openai` or set OPENAI_API_KEY.",
    );
  });

  // As OpenClaw prints it: no `profiles=` part for a provider without profiles
  // (OC_HOME=$D /tmp/reference/openclaw-ref-env models status: `- openai effective=env:sk-envop...ijklmnop |
  // env=sk-envop...ijklmnop | source=env: OPENAI_API_KEY`).
  it("counts an env key as a credential, and shows it masked", async () => {
    const result = await run(["models", "status", "--check"], {
      OPENAI_API_KEY: "sk-env-0123456789abcdefghij",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "- openai effective=env:sk-...hij | env=sk-...hij | source=env: OPENAI_API_KEY",
    );
  });

  it("judges the agent named with --agent against its own store", async () => {
    writeState({ agents: { list: [{ id: "main" }, { id: "ops", model: "groq/llama-3.3-70b" }] } }, store({}));
    const opsDir = join(home, ".modelctl", "agents", "ops", "agent");
    mkdirSync(opsDir, { recursive: true });
    writeFileSync(
      join(opsDir, "auth-profiles.json"),
      JSON.stringify(
        store({ "groq:ci": { type: "api_key", provider: "groq", key: "gsk_0123456789abcdef" } }),
      ),
    );
    expect((await run(["models", "status", "--check", "--agent", "ops"])).code).toBe(0);
    expect((await run(["models", "status", "--check"])).code).toBe(1);
  });
});

describe("a store that cannot be read", () => {
  it("is left byte-for-byte unchanged: status and writes exit 65 naming path, line and column", async () => {
    const broken =
      '{\n  "version": 1,\n  "profiles": {\n    "openai:a": { "type": "api_key", "key": "sk-x" ,, }\n  }\n}\n';
    writeState({}, broken);
    const path = join(agentDir, "auth-profiles.json");
    for (const [args, input] of [
      [["models", "status"], ""],
      [["models", "auth", "paste-api-key", "--provider", "openai"], "sk-new-0123456789"],
      [["models", "auth", "order", "clear", "--provider", "openai"], ""],
      [["models", "auth", "logout", "openai:a"], ""],
    ] as const) {
      const result = await runCli(home, [...args], { input });
      expect(result.code).toBe(65);
      expect(result.stderr).toContain(`${path}:4:`);
      expect(readFileSync(path, "utf8")).toBe(broken);
    }
  });
});
