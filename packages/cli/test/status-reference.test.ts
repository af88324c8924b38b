// `models status` on states where OpenClaw 2026.4.27's answer was recorded: each test names the state, the command
// run against the reference (`$D` holds the state as `$D/.openclaw/openclaw.json` and
// `$D/.openclaw/agents/main/agent/auth-profiles.json` / `auth-state.json`, built fresh for each run) and what it
// printed, then what modelctl prints: the same, or a difference the README lists as deliberate.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatusJsonSchema } from "../src/schemas.js";
import { runBin, tempHome } from "./run-cli.js";

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
  runBin(home, ["models", "status", ...args], { env });

async function statusJson(args: string[] = [], env: Record<string, string> = {}) {
  const result = await status(["--json", ...args], env);
  const parsed = StatusJsonSchema.safeParse(JSON.parse(result.stdout));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues, null, 2));
  return { code: result.code, auth: parsed.data.auth };
}

const providerOf = (auth: { providers: Array<{ provider: string }> }, id: string) =>
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
