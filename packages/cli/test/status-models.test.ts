// The model half of `models status` on configs OpenClaw users have: an agent's own model, a primary without a
// provider. Expected values were recorded from OpenClaw 2026.4.27: for each case a fresh folder $STATE held the
// test's config as `$STATE/.openclaw/openclaw.json` (and its store as `$STATE/.openclaw/agents/<id>/agent/
// auth-profiles.json`), and the command in the comment ran against it.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
const run = (...args: string[]) => runCli(home, args);

beforeEach(() => {
  ({ home, cleanup } = tempHome());
});
afterEach(() => cleanup());

const ANTHROPIC_KEY = {
  version: 1,
  profiles: {
    "anthropic:default": {
      type: "api_key",
      provider: "anthropic",
      key: "sk-ant-api03-abcdefghijklmnopqrstuvwxyz",
    },
  },
};

function writeState(config: object, stores: Record<string, object> = {}) {
  mkdirSync(join(home, ".modelctl"), { recursive: true });
  writeFileSync(join(home, ".modelctl", "modelctl.json"), JSON.stringify(config));
  for (const [agentId, store] of Object.entries(stores)) {
    const dir = join(home, ".modelctl", "agents", agentId, "agent");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "auth-profiles.json"), JSON.stringify(store));
    chmodSync(join(dir, "auth-profiles.json"), 0o600);
  }
}

/** Defaults with a fallback on a provider nobody has a key for; agent `work` has an Anthropic key of its own. */
const withWorkModel = (model?: unknown) => ({
  agents: {
    defaults: {
      model: { primary: "openai/gpt-5.2", fallbacks: ["google/gemini-2.5-pro"] },
      imageModel: { primary: "anthropic/claude-opus-4-6" },
    },
    list: [
      { id: "main", default: true },
      { id: "work", ...(model === undefined ? {} : { model }) },
    ],
  },
});

describe("an agent's own model (agents.list[].model)", () => {
  it.each([
    {
      // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json --agent work --check
      // → exit 0; resolvedDefault "anthropic/claude-opus-4-6", fallbacks [], imageModel "anthropic/claude-opus-4-6",
      //   modelConfig {defaultSource: "agent", fallbacksSource: "agent"}, missingProvidersInUse []
      name: "a string replaces the primary and leaves no fallbacks",
      model: "anthropic/claude-opus-4-6",
      expected: {
        resolvedDefault: "anthropic/claude-opus-4-6",
        fallbacks: [],
        modelConfig: { defaultSource: "agent", fallbacksSource: "agent" },
        missing: [],
        code: 0,
      },
    },
    {
      // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json --agent work --check
      // → exit 0; fallbacks [], modelConfig {defaultSource: "agent", fallbacksSource: "agent"}, missingProvidersInUse []
      name: "an object with only a primary leaves no fallbacks",
      model: { primary: "anthropic/claude-opus-4-6" },
      expected: {
        resolvedDefault: "anthropic/claude-opus-4-6",
        fallbacks: [],
        modelConfig: { defaultSource: "agent", fallbacksSource: "agent" },
        missing: [],
        code: 0,
      },
    },
    {
      // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json --agent work --check
      // → exit 0; fallbacks [], modelConfig {defaultSource: "agent", fallbacksSource: "agent"}, missingProvidersInUse []
      name: "an empty fallbacks list is the agent's own",
      model: { primary: "anthropic/claude-opus-4-6", fallbacks: [] },
      expected: {
        resolvedDefault: "anthropic/claude-opus-4-6",
        fallbacks: [],
        modelConfig: { defaultSource: "agent", fallbacksSource: "agent" },
        missing: [],
        code: 0,
      },
    },
    {
      // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json --agent work --check
      // → exit 1; resolvedDefault "openai/gpt-5.2", fallbacks ["anthropic/claude-sonnet-4-6"],
      //   modelConfig {defaultSource: "defaults", fallbacksSource: "agent"}, missingProvidersInUse ["openai"]
      name: "only fallbacks keep the defaults' primary and replace the fallbacks",
      model: { fallbacks: ["anthropic/claude-sonnet-4-6"] },
      expected: {
        resolvedDefault: "openai/gpt-5.2",
        fallbacks: ["anthropic/claude-sonnet-4-6"],
        modelConfig: { defaultSource: "defaults", fallbacksSource: "agent" },
        missing: ["openai"],
        code: 1,
      },
    },
    {
      // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json --agent work --check
      // → exit 1; resolvedDefault "openai/gpt-5.2", fallbacks ["anthropic/claude-sonnet-4-6"],
      //   modelConfig {defaultSource: "defaults", fallbacksSource: "agent"}, missingProvidersInUse ["openai"]
      name: "a blank primary is no primary",
      model: { primary: "  ", fallbacks: ["anthropic/claude-sonnet-4-6"] },
      expected: {
        resolvedDefault: "openai/gpt-5.2",
        fallbacks: ["anthropic/claude-sonnet-4-6"],
        modelConfig: { defaultSource: "defaults", fallbacksSource: "agent" },
        missing: ["openai"],
        code: 1,
      },
    },
    {
      // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json --agent work --check
      // → exit 1; resolvedDefault "openai/gpt-5.2", fallbacks ["google/gemini-2.5-pro"],
      //   modelConfig {defaultSource: "defaults", fallbacksSource: "defaults"}, missingProvidersInUse ["google", "openai"]
      name: "no model of its own leaves the defaults (and says so with --agent)",
      model: undefined,
      expected: {
        resolvedDefault: "openai/gpt-5.2",
        fallbacks: ["google/gemini-2.5-pro"],
        modelConfig: { defaultSource: "defaults", fallbacksSource: "defaults" },
        missing: ["google", "openai"],
        code: 1,
      },
    },
  ])("$name", async ({ model, expected }) => {
    writeState(withWorkModel(model), { work: ANTHROPIC_KEY });
    const { code, stdout, stderr } = await run("models", "status", "--json", "--agent", "work", "--check");
    const doc = JSON.parse(stdout);
    expect({
      resolvedDefault: doc.resolvedDefault,
      fallbacks: doc.fallbacks,
      modelConfig: doc.modelConfig,
      missing: doc.auth.missingProvidersInUse,
      code,
    }).toEqual(expected);
    // The image model is never the agent's: it stays the defaults'.
    expect(doc.imageModel).toBe("anthropic/claude-opus-4-6");
    if (code === 0) expect(stderr).toBe("");
  });

  it("labels where each model comes from in human status with --agent", async () => {
    writeState(withWorkModel("anthropic/claude-opus-4-6"), { work: ANTHROPIC_KEY });
    const { stdout } = await run("models", "status", "--agent", "work");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --agent work
    expect(stdout.split("\n").slice(2, 6)).toEqual([
      "Default (agent): anthropic/claude-opus-4-6",
      "Fallbacks (0) (agent): -",
      "Image model (defaults): anthropic/claude-opus-4-6",
      "Image fallbacks (0) (defaults): -",
    ]);
  });

  it("labels the defaults as such for an agent with only fallbacks of its own", async () => {
    writeState(withWorkModel({ fallbacks: ["anthropic/claude-sonnet-4-6"] }), { work: ANTHROPIC_KEY });
    const { stdout } = await run("models", "status", "--agent", "work");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --agent work
    expect(stdout.split("\n").slice(2, 6)).toEqual([
      "Default (defaults): openai/gpt-5.2",
      "Fallbacks (1) (agent): anthropic/claude-sonnet-4-6",
      "Image model (defaults): anthropic/claude-opus-4-6",
      "Image fallbacks (0) (defaults): -",
    ]);
  });

  it("shows no labels without --agent when the defaults apply", async () => {
    writeState(withWorkModel());
    const { stdout } = await run("models", "status");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status
    expect(stdout.split("\n").slice(2, 6)).toEqual([
      "Default       : openai/gpt-5.2",
      "Fallbacks (1) : google/gemini-2.5-pro",
      "Image model   : anthropic/claude-opus-4-6",
      "Image fallbacks (0): -",
    ]);
  });

  it("--probe-chain probes only the agent's model when it has no fallbacks", async () => {
    // `--probe-chain` is ours. Nobody has a Groq or Google key, so every row is decided without sending anything.
    writeState(withWorkModel("groq/llama-3.3-70b-versatile"));
    const { stdout } = await run("models", "status", "--agent", "work", "--probe", "--probe-chain", "--json");
    const results = JSON.parse(stdout).auth.probes.results as Array<Record<string, string>>;
    expect(results.map((result) => [result.role, result.model, result.status])).toEqual([
      ["default", "groq/llama-3.3-70b-versatile", "missing_credential"],
    ]);
  });
});

describe("a configured primary without a provider", () => {
  it("takes the provider of the one configured model with that id, without a warning", async () => {
    writeState({
      agents: {
        defaults: { model: { primary: "claude-opus-4-6" }, models: { "anthropic/claude-opus-4-6": {} } },
      },
    });
    const json = await run("models", "status", "--json");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json
    // → defaultModel "claude-opus-4-6", resolvedDefault "anthropic/claude-opus-4-6", nothing on stderr
    expect(JSON.parse(json.stdout)).toMatchObject({
      defaultModel: "claude-opus-4-6",
      resolvedDefault: "anthropic/claude-opus-4-6",
      defaultResolution: { provider: "anthropic", model: "claude-opus-4-6", via: "configured-provider" },
    });
    expect(json.stderr).toBe("");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status
    // → "Default       : anthropic/claude-opus-4-6 (from claude-opus-4-6)"; ours also says why that provider.
    expect((await run("models", "status")).stdout).toContain(
      "Default       : anthropic/claude-opus-4-6 (from claude-opus-4-6, the one configured provider with that model)\n",
    );
  });

  it("finds the model under models.providers, case-insensitively, and keeps the id as written", async () => {
    writeState({
      agents: { defaults: { model: "Claude-Opus-4-6" } },
      models: {
        providers: {
          MyProxy: {
            baseUrl: "http://127.0.0.1:9/v1",
            api: "openai-completions",
            models: [{ id: "claude-opus-4-6", name: "Opus via proxy" }],
          },
        },
      },
    });
    const { stdout, stderr } = await run("models", "status", "--json");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json
    // → defaultModel "Claude-Opus-4-6", resolvedDefault "myproxy/Claude-Opus-4-6", nothing on stderr
    expect(JSON.parse(stdout)).toMatchObject({
      defaultModel: "Claude-Opus-4-6",
      resolvedDefault: "myproxy/Claude-Opus-4-6",
    });
    expect(stderr).toBe("");
  });

  it("counts two spellings of one provider as one", async () => {
    writeState({
      agents: {
        defaults: { model: { primary: "claude-opus-4-6" }, models: { "anthropic/claude-opus-4-6": {} } },
      },
      models: {
        providers: {
          Anthropic: {
            baseUrl: "https://api.anthropic.com",
            models: [{ id: "CLAUDE-OPUS-4-6", name: "Opus" }],
          },
        },
      },
    });
    const { stdout, stderr } = await run("models", "status", "--json");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json
    // → resolvedDefault "anthropic/claude-opus-4-6", nothing on stderr
    expect(JSON.parse(stdout).resolvedDefault).toBe("anthropic/claude-opus-4-6");
    expect(stderr).toBe("");
  });

  it("looks up an alias first", async () => {
    writeState({
      agents: {
        defaults: {
          model: { primary: "opus" },
          models: { "anthropic/claude-opus-4-6": { alias: "opus" }, "openrouter/opus": {} },
        },
      },
    });
    const { stdout } = await run("models", "status", "--json");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json
    // → defaultModel "opus", resolvedDefault "anthropic/claude-opus-4-6"
    expect(JSON.parse(stdout)).toMatchObject({
      defaultModel: "opus",
      resolvedDefault: "anthropic/claude-opus-4-6",
      defaultResolution: { via: "alias", alias: "opus" },
    });
  });

  it("applies to an agent's own primary", async () => {
    writeState({
      agents: {
        defaults: { model: { primary: "openai/gpt-5.2" }, models: { "anthropic/claude-opus-4-6": {} } },
        list: [{ id: "main" }, { id: "work", model: "claude-opus-4-6" }],
      },
    });
    const json = JSON.parse((await run("models", "status", "--json", "--agent", "work")).stdout);
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json --agent work
    // → defaultModel "claude-opus-4-6", resolvedDefault "anthropic/claude-opus-4-6", fallbacks [],
    //   modelConfig {defaultSource: "agent", fallbacksSource: "agent"}
    expect(json).toMatchObject({
      defaultModel: "claude-opus-4-6",
      resolvedDefault: "anthropic/claude-opus-4-6",
      fallbacks: [],
      modelConfig: { defaultSource: "agent", fallbacksSource: "agent" },
    });
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --agent work
    // → "Default (agent): anthropic/claude-opus-4-6 (from claude-opus-4-6)"
    expect((await run("models", "status", "--agent", "work")).stdout).toContain(
      "Default (agent): anthropic/claude-opus-4-6 (from claude-opus-4-6, the one configured provider with that model)\n",
    );
  });

  it("falls back to the default provider with OpenClaw's warning on stderr, never on stdout", async () => {
    writeState({ agents: { defaults: { model: { primary: "claude-opus-4-6" } } } });
    const json = await run("models", "status", "--json");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json
    // → defaultModel "claude-opus-4-6", resolvedDefault "openai/claude-opus-4-6"; stderr:
    //   [model-selection] Model "claude-opus-4-6" specified without provider. Falling back to
    //   "openai/claude-opus-4-6". Please use "openai/claude-opus-4-6" in your config.
    expect(JSON.parse(json.stdout)).toMatchObject({
      defaultModel: "claude-opus-4-6",
      resolvedDefault: "openai/claude-opus-4-6",
      defaultResolution: { via: "default-provider" },
    });
    const warning =
      'Warning: Model "claude-opus-4-6" specified without provider. Falling back to "openai/claude-opus-4-6". Please use "openai/claude-opus-4-6" in your config (agents.defaults.model).\n';
    expect(json.stderr).toBe(warning);
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --plain
    // → stdout "openai/claude-opus-4-6", the same warning on stderr
    expect(await run("models", "status", "--plain")).toMatchObject({
      code: 0,
      stdout: "openai/claude-opus-4-6\n",
      stderr: warning,
    });
  });

  it("falls back to the default provider when several configured providers have the id, and names them", async () => {
    writeState({
      agents: {
        defaults: {
          model: { primary: "claude-opus-4-6" },
          models: { "anthropic/claude-opus-4-6": {}, "openrouter/claude-opus-4-6": {} },
        },
      },
    });
    const { stdout, stderr } = await run("models", "status", "--json");
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json
    // → resolvedDefault "openai/claude-opus-4-6"; stderr: [model-selection] Model "claude-opus-4-6" specified
    //   without provider. Falling back to "openai/claude-opus-4-6". Please use "openai/claude-opus-4-6" in your config.
    expect(JSON.parse(stdout)).toMatchObject({
      resolvedDefault: "openai/claude-opus-4-6",
      defaultResolution: { via: "default-provider", ambiguousProviders: ["anthropic", "openrouter"] },
    });
    expect(stderr).toBe(
      'Warning: Model "claude-opus-4-6" specified without provider (configured providers anthropic, openrouter all have it). Falling back to "openai/claude-opus-4-6". Please use one of "anthropic/claude-opus-4-6", "openrouter/claude-opus-4-6" in your config (agents.defaults.model).\n',
    );
  });

  it("--check judges the credential of the provider the primary resolves to", async () => {
    writeState(
      { agents: { defaults: { model: "claude-opus-4-6", models: { "anthropic/claude-opus-4-6": {} } } } },
      { main: ANTHROPIC_KEY },
    );
    // OC_HOME=$STATE /tmp/reference/openclaw-ref models status --json --check
    // → exit 1, missingProvidersInUse ["openai"]: its --check reads the primary as written with the default provider
    //   (a bare id or an alias names openai there), not as it resolves. Ours judges the credential the resolved
    //   model would use, anthropic's, which is there.
    const check = await run("models", "status", "--json", "--check");
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).auth.missingProvidersInUse).toEqual([]);
  });

  it("--probe-chain probes the model the primary resolves to", async () => {
    // `--probe-chain` is ours. Nobody has a Groq key, so the row is decided without sending anything.
    writeState({
      agents: {
        defaults: { model: "llama-3.3-70b-versatile", models: { "groq/llama-3.3-70b-versatile": {} } },
      },
    });
    const { stdout } = await run("models", "status", "--probe", "--probe-chain", "--json");
    const results = JSON.parse(stdout).auth.probes.results as Array<Record<string, string>>;
    expect(results.map((result) => [result.role, result.model, result.status])).toEqual([
      ["default", "groq/llama-3.3-70b-versatile", "missing_credential"],
    ]);
  });
});
