// Provider ids are normalised no further than OpenClaw does: a name it keeps as an id of its own is stored, grouped
// and given env vars under that name. Expected values were recorded from openclaw 2026.4.27; every state directory
// was made fresh for the run.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let configPath: string;
let agentDir: string;
const run = (args: string[], env: Record<string, string> = {}) => runCli(home, args, { env });
const readConfig = () => JSON.parse(readFileSync(configPath, "utf8"));

function writeState(config: object, store?: object) {
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(configPath, JSON.stringify(config));
  if (store) writeFileSync(join(agentDir, "auth-profiles.json"), JSON.stringify(store), { mode: 0o600 });
}

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  configPath = join(home, ".modelctl", "modelctl.json");
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
});
afterEach(() => cleanup());

describe("models set keeps the provider id as OpenClaw does", () => {
  it("stores codex/gpt-5.4 under codex, a provider of its own", async () => {
    // OC_HOME=<fresh dir, openclaw.json = {}> /tmp/reference/openclaw-ref models set codex/gpt-5.4
    //   stdout: Updated ~/.openclaw/openclaw.json / Default model: codex/gpt-5.4 (exit 0); openclaw.json after it:
    //   {"agents":{"defaults":{"model":{"primary":"codex/gpt-5.4"},"models":{"codex/gpt-5.4":{}}}},"meta":{…}}
    const result = await run(["models", "set", "codex/gpt-5.4"]);
    // Ours: the catalog has no codex models, so the ref cannot be checked offline (OpenClaw's newer note).
    expect(result).toMatchObject({
      code: 0,
      stderr:
        'Note: "codex/gpt-5.4" could not be checked offline: the local model catalog has no codex models. The selection was saved.\n',
    });
    expect(result.stdout).toContain("Default model: codex/gpt-5.4\n");
    const defaults = readConfig().agents.defaults;
    expect(defaults.model.primary).toBe("codex/gpt-5.4");
    expect(Object.keys(defaults.models)).toEqual(["codex/gpt-5.4"]);
  });

  it("folds the case of an id it keeps, and still collapses a spelling of one provider", async () => {
    // OC_HOME=<fresh dir> /tmp/reference/openclaw-ref models set GEMINI/gemini-2.5-pro
    //   → {"agents":{"defaults":{"model":{"primary":"gemini/gemini-2.5-pro"},"models":{"gemini/gemini-2.5-pro":{}}}}}
    // OC_HOME=<fresh dir> /tmp/reference/openclaw-ref models set Z.AI/glm-4.6
    //   → {"agents":{"defaults":{"model":{"primary":"zai/glm-4.6"},"models":{"zai/glm-4.6":{}}}}}
    // Ours, after OpenClaw's newer behaviour (2026.4.27 saves it): gemini is no provider either of us knows, so the
    // ref is refused, with how to declare it, and nothing is written; declared, it is stored as OpenClaw stores it.
    const refused = await run(["models", "set", "GEMINI/gemini-2.5-pro"]);
    expect(refused.code).toBe(65);
    expect(refused.stderr).toMatch(
      /^Error: Unknown model provider "gemini" in gemini\/gemini-2\.5-pro\. To use a provider modelctl does not know, declare it under models\.providers\.gemini in .*Config was not changed\.\n$/,
    );
    writeState({ models: { providers: { gemini: { baseUrl: "https://gemini.example/v1" } } } });
    const gemini = await run(["models", "set", "GEMINI/gemini-2.5-pro"]);
    expect(gemini.stdout).toContain("Default model: gemini/gemini-2.5-pro\n");
    expect(readConfig().agents.defaults.model.primary).toBe("gemini/gemini-2.5-pro");
    expect((await run(["models", "set", "Z.AI/glm-4.6"])).stdout).toContain("Default model: zai/glm-4.6\n");
    expect(Object.keys(readConfig().agents.defaults.models)).toEqual([
      "gemini/gemini-2.5-pro",
      "zai/glm-4.6",
    ]);
  });
});

describe("models status groups profiles under the id OpenClaw uses", () => {
  it("lists a qwen-portal profile under qwen-portal, not qwen", async () => {
    writeState(
      { agents: { defaults: { model: { primary: "qwen-portal/coder-model" } } } },
      {
        version: 1,
        profiles: {
          "qwen-portal:default": {
            type: "oauth",
            provider: "qwen-portal",
            access: "qp-access-0123456789abcdef",
            refresh: "qp-refresh-0123456789abcdef",
            expires: 4102444800000,
          },
        },
      },
    );
    // Same config and store in a fresh ~/.openclaw, then
    //   OC_HOME=<dir> /tmp/reference/openclaw-ref models status --json
    // resolvedDefault "qwen-portal/coder-model", missingProvidersInUse [], providersWithOAuth ["qwen-portal (1)"],
    // auth.oauth.providers[0].provider "qwen-portal", and auth.providers holds this one entry:
    //   {"provider":"qwen-portal","effective":{"kind":"profiles","detail":"~/.openclaw/agents/main/agent/auth-profiles.json"},
    //    "profiles":{"count":1,"oauth":1,"token":0,"apiKey":0,"labels":["qwen-portal:default=OAuth"]}}
    const result = await run(["models", "status", "--json"]);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.resolvedDefault).toBe("qwen-portal/coder-model");
    expect(doc.auth.missingProvidersInUse).toEqual([]);
    expect(doc.auth.providersWithOAuth).toEqual(["qwen-portal (1)"]);
    expect(doc.auth.providers.map((entry: { provider: string }) => entry.provider)).toEqual(["qwen-portal"]);
    expect(doc.auth.providers[0]).toMatchObject({
      provider: "qwen-portal",
      effective: { kind: "profiles", detail: "~/.modelctl/agents/main/agent/auth-profiles.json" },
      profiles: { count: 1, oauth: 1, token: 0, apiKey: 0, labels: ["qwen-portal:default=OAuth"] },
    });
    expect(doc.auth.oauth.providers.map((entry: { provider: string }) => entry.provider)).toEqual([
      "qwen-portal",
    ]);
  });

  it("reads env vars only for the provider that owns them", async () => {
    writeState({
      agents: {
        defaults: {
          model: { primary: "gemini/gemini-2.5-pro", fallbacks: ["alibaba/qwen-max", "hf/some-model"] },
        },
      },
    });
    // A fresh ~/.openclaw with `gemini/m1`, `alibaba/m1`, `hf/m1` (and 16 more such ids) in use, then
    //   env GEMINI_API_KEY=… DASHSCOPE_API_KEY=… QWEN_API_KEY=… HF_TOKEN=… OC_HOME=<dir> \
    //     /tmp/reference/openclaw-ref-env models status --json
    // auth.missingProvidersInUse held "gemini" and "hf" (GEMINI_API_KEY and HF_TOKEN went to google and huggingface),
    // while alibaba, a provider of the reference's own with Model Studio's env vars, had
    //   {"provider":"alibaba","effective":{"kind":"env",…},"env":{…,"source":"env: DASHSCOPE_API_KEY"}}
    const result = await run(["models", "status", "--json"], {
      GEMINI_API_KEY: "AIzaSyGem6Bb0Cc4Dd8Ee2Ff6Gg",
      DASHSCOPE_API_KEY: "sk-dashscope-0123456789abcdef",
      QWEN_API_KEY: "sk-qwen-0123456789abcdef",
      HF_TOKEN: "hf_0123456789abcdefghij",
    });
    const doc = JSON.parse(result.stdout);
    expect(doc.auth.missingProvidersInUse).toEqual(["gemini", "hf"]);
    const byProvider = new Map(
      doc.auth.providers.map((entry: { provider: string }) => [entry.provider, entry] as const),
    );
    expect(byProvider.get("alibaba")).toMatchObject({ effective: { kind: "env" } });
    expect(JSON.stringify(byProvider.get("alibaba"))).toContain("DASHSCOPE_API_KEY");
    expect(byProvider.get("google")).toMatchObject({ effective: { kind: "env" } });
  });
});

describe("probe planning", () => {
  it("plans nothing for --probe-provider gemini: GEMINI_API_KEY belongs to google", async () => {
    writeState({
      agents: { defaults: { model: { primary: "gemini/gemini-2.5-pro" } } },
      // Where google's probe would go if the plan picked it: a closed local port, so nothing leaves this machine.
      models: { providers: { google: { baseUrl: "http://127.0.0.1:9/v1beta" } } },
    });
    // A fresh ~/.openclaw with primary "gemini/gemini-2.5-pro" (and fallback "codex/gpt-5.4"), then
    //   env GEMINI_API_KEY=AIzaSyGem6Bb0Cc4Dd8Ee2Ff6Gg OC_HOME=<dir> /tmp/reference/openclaw-ref-env \
    //     models status --probe --probe-provider gemini --json
    // auth.probes: {"totalTargets":0,"options":{"provider":"gemini",…},"results":[]} (exit 0)
    const result = await run(["models", "status", "--probe", "--probe-provider", "gemini", "--json"], {
      GEMINI_API_KEY: "AIzaSyGem6Bb0Cc4Dd8Ee2Ff6Gg",
    });
    expect(result.code).toBe(0);
    const { probes } = JSON.parse(result.stdout).auth;
    expect(probes).toMatchObject({ totalTargets: 0, options: { provider: "gemini" }, results: [] });
  });
});
