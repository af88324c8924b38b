// A malformed value in auth-state.json never breaks a command: it is ignored with one warning on stderr per value
// (naming the file and the field) and stays in the file until a write replaces it. auth-profiles.json stays strict.
//
// The reference's answers were recorded from OpenClaw 2026.4.27, each state built fresh for one run:
//   OC_HOME=<dir> /tmp/reference/openclaw-ref models status --json --check
// with <dir>/.openclaw/agents/main/agent/{auth-profiles.json (openai:default, openai:backup), auth-state.json}.
// It ignores every malformed value below silently: exit 0, nothing on stderr, no cooldown shown.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatusJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let agentDir: string;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({ agents: { defaults: { model: { primary: "openai/gpt-5.4" } } } }),
  );
  writeFileSync(
    join(agentDir, "auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: {
        "openai:default": { type: "api_key", provider: "openai", key: "sk-main-abcdefghijklmnopqrstuv" },
        "openai:backup": { type: "api_key", provider: "openai", key: "sk-mainbackup-abcdefghijklmnop" },
        "anthropic:work": { type: "api_key", provider: "anthropic", key: "sk-ant-api03-workworkworkwork" },
      },
    }),
    { mode: 0o600 },
  );
});
afterEach(() => cleanup());

const statePath = () => join(agentDir, "auth-state.json");
const writeState = (value: unknown) => writeFileSync(statePath(), JSON.stringify(value), { mode: 0o600 });
const run = (args: string[]) => runCli(home, args, { env: { MODELCTL_NOW: "1795430234617" } });

describe("a malformed value in auth-state.json", () => {
  it("a cooldown written as a string: status --check exits 0, with one warning naming the file and the field", async () => {
    // Reference, state {"version":1,"usageStats":{"openai:default":{"cooldownUntil":"1795430219982",
    // "cooldownReason":"rate_limit"}}}: exit 0; labels ["openai:default=sk-main-...opqrstuv",
    // "openai:backup=sk-mainb...ijklmnop"] (no cooldown); unusableProfiles []. (modelctl before: exit 65.)
    writeState({
      version: 1,
      usageStats: { "openai:default": { cooldownUntil: "1795430219982", cooldownReason: "rate_limit" } },
    });
    const { code, stdout, stderr } = await run(["models", "status", "--check", "--json"]);
    expect(code).toBe(0);
    expect(stderr).toBe(
      'Warning: ignoring usageStats["openai:default"].cooldownUntil in ~/.modelctl/agents/main/agent/auth-state.json: a string, not a time (epoch milliseconds, a number ≥ 0). It is left in the file as it is.\n',
    );
    const { auth } = StatusJsonSchema.parse(JSON.parse(stdout));
    expect(auth.unusableProfiles).toEqual([]);
    expect(auth.providers.find((provider) => provider.provider === "openai")?.profiles.labels).toEqual([
      "openai:default=sk-m...tuv",
      "openai:backup=sk-m...nop",
    ]);
  });

  it("negative numbers: status exits 0 with one warning per value", async () => {
    // Reference, state {"version":1,"usageStats":{"openai:default":{"cooldownUntil":-5,"errorCount":-1}}}:
    // exit 0, unusableProfiles [].
    writeState({ version: 1, usageStats: { "openai:default": { cooldownUntil: -5, errorCount: -1 } } });
    const { code, stderr } = await run(["models", "status"]);
    expect(code).toBe(0);
    expect(stderr.split("\n").filter(Boolean)).toEqual([
      'Warning: ignoring usageStats["openai:default"].cooldownUntil in ~/.modelctl/agents/main/agent/auth-state.json: -5, not a time (epoch milliseconds, a number ≥ 0). It is left in the file as it is.',
      'Warning: ignoring usageStats["openai:default"].errorCount in ~/.modelctl/agents/main/agent/auth-state.json: -1, not a count (a whole number ≥ 0). It is left in the file as it is.',
    ]);
  });

  it("an order that is not a list: the override is ignored, as the reference ignores it", async () => {
    // Reference, state {"version":1,"order":{"openai":"openai:backup"}}: exit 0, both openai profiles listed.
    // And {"version":1,"order":{"openai":["openai:backup",5]}}: `models auth order get --provider openai --json`
    // → order ["openai:backup"].
    writeState({ version: 1, order: { openai: ["openai:backup", 5] } });
    const get = await run(["models", "auth", "order", "get", "--provider", "openai", "--json"]);
    expect(get.code).toBe(0);
    expect(JSON.parse(get.stdout).order).toEqual(["openai:backup"]);
    expect(get.stderr).toContain(
      "Warning: ignoring order.openai[1] in ~/.modelctl/agents/main/agent/auth-state.json",
    );
    writeState({ version: 1, order: { openai: "openai:backup" } });
    const { auth } = StatusJsonSchema.parse(JSON.parse((await run(["models", "status", "--json"])).stdout));
    expect(auth.providers.find((provider) => provider.provider === "openai")?.order).toEqual([
      "openai:default",
      "openai:backup",
    ]);
  });

  it("a file that does not parse: status exits 0 and reads no state", async () => {
    // Reference, auth-state.json `{"version":1,"usageStats":{`: exit 0.
    writeFileSync(statePath(), '{"version":1,"usageStats":{');
    const { code, stderr } = await run(["models", "status", "--check"]);
    expect(code).toBe(0);
    expect(stderr).toBe(
      "Warning: ignoring ~/.modelctl/agents/main/agent/auth-state.json: not valid JSON (line 1, column 28). It is read as empty and left as it is.\n",
    );
  });

  it("is kept as it is by a write for another provider", async () => {
    const bad = { cooldownUntil: "1795430219982", errorCount: -1, cooldownReason: "rate_limit" };
    writeState({ version: 1, usageStats: { "openai:default": bad }, order: { openai: "openai:backup" } });
    const result = await run(["models", "auth", "order", "set", "--provider", "anthropic", "anthropic:work"]);
    expect(result.code).toBe(0);
    expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(3);
    expect(JSON.parse(readFileSync(statePath(), "utf8"))).toEqual({
      version: 1,
      usageStats: { "openai:default": bad },
      order: { openai: "openai:backup", anthropic: ["anthropic:work"] },
    });
  });
});

describe("auth-profiles.json", () => {
  it("stays strict: a profiles map that is not an object is exit 65", async () => {
    writeFileSync(join(agentDir, "auth-profiles.json"), '{ "version": 1, "profiles": [] }', { mode: 0o600 });
    const { code, stderr } = await run(["models", "status"]);
    expect(code).toBe(65);
    expect(stderr).toContain("is not a valid auth file (key profiles:");
  });
});
