import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAuthStore } from "@modelctl/auth-profiles";
import { describeModelSelection, type ModelsConfig } from "@modelctl/model-ref";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ProbeFlags, probeSettings } from "../probe-options.js";
import { type PlannedProbe, planProbes } from "./probe-targets.js";

const NOW = Date.parse("2026-03-01T12:00:00Z");

const CONFIG: ModelsConfig = {
  agents: {
    defaults: {
      model: { primary: "anthropic/claude-haiku-4-5", fallbacks: ["openai/gpt-4.1-nano"] },
      models: { "anthropic/claude-haiku-4-5": { alias: "haiku" } },
    },
  },
};

let agentDir: string;
beforeEach(() => {
  agentDir = mkdtempSync(join(tmpdir(), "modelctl-plan-"));
  mkdirSync(agentDir, { recursive: true });
  save(
    {
      "anthropic:old": { type: "api_key", provider: "anthropic", key: "sk-ant-old" },
      "anthropic:work": { type: "api_key", provider: "anthropic", key: "sk-ant-work" },
      "openai:default": { type: "api_key", provider: "openai", key: "sk-openai" },
    },
    undefined,
  );
});
afterEach(() => rmSync(agentDir, { recursive: true, force: true }));

function save(profiles: Record<string, unknown>, order: Record<string, string[]> | undefined) {
  writeFileSync(join(agentDir, "auth-profiles.json"), JSON.stringify({ version: 1, profiles }), {
    mode: 0o600,
  });
  if (order) writeFileSync(join(agentDir, "auth-state.json"), JSON.stringify({ version: 1, order }));
}

async function plan(
  flags: Omit<ProbeFlags, "probe"> = {},
  { config = CONFIG, env = {} }: { config?: ModelsConfig; env?: Record<string, string> } = {},
) {
  const settings = probeSettings({ probe: true, ...flags }, "json");
  if (!settings) throw new Error("no probe settings");
  return planProbes({
    store: await loadAuthStore(agentDir),
    config,
    view: describeModelSelection(config),
    env,
    homedir: agentDir,
    settings,
    now: NOW,
  });
}

/** A credential planned as an object says its kind; nothing planned is `-`. */
const credentialType = (probe: PlannedProbe) => {
  const credential = probe.target.credential;
  if (credential === undefined) return "-";
  return typeof credential === "object" && credential !== null && "type" in credential
    ? credential.type
    : "secret";
};

const rows = (planned: readonly PlannedProbe[]) =>
  planned.map((probe) => [
    probe.target.provider,
    probe.target.model,
    probe.label,
    probe.source,
    probe.target.excludedByAuthOrder === true ? "excluded" : credentialType(probe),
    ...(probe.role === undefined ? [] : [probe.role]),
  ]);

describe("planProbes", () => {
  it("plans one probe per stored profile of each provider in play, then env credentials, in provider order", async () => {
    expect(rows(await plan({}, { env: { GEMINI_API_KEY: "AIza-test" } }))).toEqual([
      ["anthropic", "claude-haiku-4-5", "anthropic:old", "profile", "api_key"],
      ["anthropic", "claude-haiku-4-5", "anthropic:work", "profile", "api_key"],
      ["google", expect.any(String), "env", "env", "api_key"],
      ["openai", "gpt-4.1-nano", "openai:default", "profile", "api_key"],
    ]);
  });

  it("narrows to --probe-provider and --probe-profile", async () => {
    expect(rows(await plan({ probeProvider: "openai" })).map(([, , label]) => label)).toEqual([
      "openai:default",
    ]);
    expect(rows(await plan({ probeProfile: "anthropic:work" })).map(([, , label]) => label)).toEqual([
      "anthropic:work",
    ]);
  });

  it("marks a profile the auth order leaves out as excluded and resolves no credential for it", async () => {
    save(
      {
        "anthropic:old": { type: "api_key", provider: "anthropic", key: "sk-ant-old" },
        "anthropic:work": { type: "api_key", provider: "anthropic", key: "sk-ant-work" },
      },
      { anthropic: ["anthropic:work"] },
    );
    const planned = await plan({ probeProvider: "anthropic" });
    expect(rows(planned)).toEqual([
      ["anthropic", "claude-haiku-4-5", "anthropic:old", "profile", "excluded"],
      ["anthropic", "claude-haiku-4-5", "anthropic:work", "profile", "api_key"],
    ]);
    expect(planned[0]?.target.credential).toBeUndefined();
  });

  it("probes a pinned profile for a --probe-model ref, and only that one", async () => {
    expect(rows(await plan({ probeModel: "haiku@anthropic:work" }))).toEqual([
      ["anthropic", "claude-haiku-4-5", "anthropic:work", "profile", "api_key", "model"],
    ]);
  });

  it("reports a pinned profile that is not stored as missing, without dropping the ref", async () => {
    const planned = await plan({ probeModel: "anthropic/claude-haiku-4-5@anthropic:gone" });
    expect(rows(planned)).toEqual([
      ["anthropic", "claude-haiku-4-5", "anthropic:gone", "profile", "missing", "model"],
    ]);
  });

  it("--probe-chain plans the default then each fallback with the first profile in order", async () => {
    expect(rows(await plan({ probeChain: true }))).toEqual([
      ["anthropic", "claude-haiku-4-5", "anthropic:old", "profile", "api_key", "default"],
      ["openai", "gpt-4.1-nano", "openai:default", "profile", "api_key", "fallback#1"],
    ]);
  });

  it("reads a file ref under ~/ from the home folder it is given", async () => {
    writeFileSync(join(agentDir, "openai.key"), "sk-from-file\n", { mode: 0o600 });
    save(
      {
        "openai:file": {
          type: "api_key",
          provider: "openai",
          keyRef: { source: "file", id: "~/openai.key" },
        },
      },
      undefined,
    );
    const [probe] = await plan({ probeProvider: "openai" });
    const credential = probe?.target.credential;
    expect(credential).toMatchObject({ type: "api_key" });
    expect((credential as { secret: { reveal(): string } }).secret.reveal()).toBe("sk-from-file");
  });

  it("refuses a --probe-profile that is not stored, naming the ones that are", async () => {
    await expect(plan({ probeProfile: "openai:nope" })).rejects.toThrow(
      /--probe-profile "openai:nope": no such profile .*\(stored: anthropic:old, anthropic:work, openai:default\)/,
    );
  });
});
