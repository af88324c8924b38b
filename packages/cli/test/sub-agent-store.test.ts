// An agent other than the main one sees the main agent's credentials beneath its own, as OpenClaw reads them, and
// nothing is written to read them; writes go to the agent's own store only.
//
// The expected values were recorded from OpenClaw 2026.4.27 on the same states, each built fresh for one run:
//   OC_HOME=<dir> /tmp/reference/openclaw-ref models status --agent work --json   (and --check, auth order …)
// with the files below under <dir>/.openclaw/ (the reference masks keys longer: `sk-main-...opqrstuv`).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatusJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let state: string;
let mainDir: string;
let workDir: string;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  state = join(home, ".openclaw");
  mainDir = join(state, "agents", "main", "agent");
  workDir = join(state, "agents", "work", "agent");
  write(join(state, "openclaw.json"), {
    agents: {
      defaults: { model: { primary: "openai/gpt-5.4" } },
      list: [{ id: "main" }, { id: "work" }],
    },
  });
});
afterEach(() => cleanup());

// An OpenClaw install: the config at ~/.openclaw/openclaw.json, agents beside it.
const run = (args: string[], input?: string) =>
  runCli(home, args, {
    env: {
      MODELCTL_HOME: state,
      MODELCTL_CONFIG: join(state, "openclaw.json"),
      MODELCTL_NOW: "1795430234617",
    },
    ...(input === undefined ? {} : { input }),
  });

function write(path: string, value: object) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}
const apiKey = (provider: string, key: string) => ({ type: "api_key", provider, key });

/** Every file under the state folder with its content: what a command must leave as it was. */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[path] = readFileSync(path, "utf8");
    }
  };
  walk(state);
  return files;
}

function statusOf(stdout: string) {
  const parsed = StatusJsonSchema.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues, null, 2));
  return parsed.data;
}

describe("an agent without a store of its own", () => {
  beforeEach(() =>
    write(join(mainDir, "auth-profiles.json"), {
      version: 1,
      profiles: { "openai:default": apiKey("openai", "sk-main-abcdefghijklmnopqrstuv") },
    }),
  );

  it("finds the main agent's key: status --agent work --check exits 0, and nothing is written", async () => {
    const before = snapshot();
    const { code, stdout } = await run(["models", "status", "--agent", "work", "--check", "--json"]);
    // Reference, `models status --agent work --check --json`: exit 0, and
    //   auth.providers[0] = { provider: "openai", effective: { kind: "profiles",
    //     detail: "~/.openclaw/agents/main/agent/auth-profiles.json" }, profiles: { count: 1, …,
    //     labels: ["openai:default=sk-main-...opqrstuv"] } }, auth.missingProvidersInUse = [],
    //   auth.storePath = "<dir>/.openclaw/agents/work/agent/auth-profiles.json".
    // (modelctl before this change: effective missing, exit 1.)
    expect(code).toBe(0);
    const { auth, agentDir } = statusOf(stdout);
    expect(agentDir).toBe(workDir);
    expect(auth.storePath).toBe(join(workDir, "auth-profiles.json"));
    expect(auth.missingProvidersInUse).toEqual([]);
    expect(auth.providers).toHaveLength(1);
    expect(auth.providers[0]).toMatchObject({
      provider: "openai",
      effective: { kind: "profiles", detail: "~/.openclaw/agents/main/agent/auth-profiles.json" },
      profiles: { count: 1, oauth: 0, token: 0, apiKey: 1, labels: ["openai:default=sk-m...tuv"] },
      inherited: ["openai:default"],
    });
    expect(auth.oauth.profiles).toMatchObject([
      { profileId: "openai:default", source: "store", store: "main" },
    ]);
    expect(auth.mainStorePath).toBe(join(mainDir, "auth-profiles.json"));
    expect(auth.check.exitCode).toBe(0);
    // The reference copies the main store into agents/work/agent/auth-profiles.json ("inherited auth-profiles
    // from main agent"); a read command of modelctl writes nothing.
    expect(snapshot()).toEqual(before);
    expect(existsSync(join(state, "agents", "work"))).toBe(false);
  });

  it("marks the inherited profile in human output and names the main store", async () => {
    const { code, stdout } = await run(["models", "status", "--agent", "work"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines).toContain("Auth store    : ~/.openclaw/agents/work/agent/auth-profiles.json");
    expect(lines).toContain(
      "Main store    : ~/.openclaw/agents/main/agent/auth-profiles.json (inherited profiles marked (main))",
    );
    expect(lines).toContain(
      "- openai effective=profiles:~/.openclaw/agents/main/agent/auth-profiles.json | profiles=1 (oauth=0, token=0, api_key=1) | openai:default=sk-m...tuv (main)",
    );
  });

  it("is not the main agent's: the main agent reads only its own store", async () => {
    const { auth } = statusOf((await run(["models", "status", "--json"])).stdout);
    expect(auth.mainStorePath).toBeUndefined();
    expect(auth.providers[0]?.inherited).toEqual([]);
  });
});

// The reference's `merge` state: both agents have a store and state, and the same profile id.
describe("an agent with a store of its own", () => {
  beforeEach(() => {
    write(join(mainDir, "auth-profiles.json"), {
      version: 1,
      profiles: {
        "openai:default": apiKey("openai", "sk-main-abcdefghijklmnopqrstuv"),
        "openai:backup": apiKey("openai", "sk-mainbackup-abcdefghijklmnop"),
        "anthropic:main": {
          type: "token",
          provider: "anthropic",
          token: "sk-ant-oat01-mainmainmainmainmain",
          expires: 4102444800000,
        },
      },
    });
    write(join(mainDir, "auth-state.json"), {
      version: 1,
      order: { openai: ["openai:backup", "openai:default"], anthropic: ["anthropic:main"] },
      lastGood: { openai: "openai:backup" },
      usageStats: {
        "openai:backup": { cooldownUntil: 4102444800000, cooldownReason: "rate_limit", errorCount: 1 },
        "anthropic:main": { disabledUntil: 4102444800000, disabledReason: "billing" },
      },
    });
    write(join(workDir, "auth-profiles.json"), {
      version: 1,
      profiles: {
        "openai:default": apiKey("openai", "sk-work-zyxwvutsrqponmlkjihgfe"),
        "google:work": apiKey("google", "AIzaWORKWORKWORKWORKWORK"),
      },
    });
    write(join(workDir, "auth-state.json"), {
      version: 1,
      usageStats: { "openai:default": { lastUsed: 1700000000000 } },
      order: { google: ["google:work"] },
    });
  });

  it("reads its own profile over the main agent's of the same id, and the main agent's state beneath its own", async () => {
    const before = snapshot();
    const { code, stdout } = await run(["models", "status", "--agent", "work", "--json"]);
    expect(code).toBe(0);
    const { auth } = statusOf(stdout);
    // Reference: providers anthropic, google, openai, each effective.detail
    // "~/.openclaw/agents/main/agent/auth-profiles.json" (google:work is only in work's store); labels
    //   anthropic: ["anthropic:main=token:sk-ant-o...mainmain [disabled:billing 26690d]"]
    //   openai:    ["openai:default=sk-work-...lkjihgfe", "openai:backup=sk-mainb...ijklmnop [cooldown 26690d]"]
    // and unusableProfiles openai:backup (cooldown) and anthropic:main (disabled, billing). (26690d counted from
    // when the reference ran; 26702d from MODELCTL_NOW here.)
    expect(auth.providers.map((provider) => [provider.provider, provider.effective.detail])).toEqual([
      ["anthropic", "~/.openclaw/agents/main/agent/auth-profiles.json"],
      ["google", "~/.openclaw/agents/main/agent/auth-profiles.json"],
      ["openai", "~/.openclaw/agents/main/agent/auth-profiles.json"],
    ]);
    const openai = auth.providers.find((provider) => provider.provider === "openai");
    expect(openai?.profiles.labels).toEqual([
      "openai:default=sk-w...gfe",
      "openai:backup=sk-m...nop [cooldown 26702d]",
    ]);
    expect(openai?.inherited).toEqual(["openai:backup"]);
    // The main agent's order applies: work has none of its own for openai.
    expect(openai?.order).toEqual(["openai:backup", "openai:default"]);
    expect(auth.unusableProfiles.map((entry) => [entry.profileId, entry.kind])).toEqual([
      ["openai:backup", "cooldown"],
      ["anthropic:main", "disabled"],
    ]);
    expect(auth.oauth.profiles.map((profile) => [profile.profileId, profile.store])).toEqual([
      ["anthropic:main", "main"],
      ["google:work", "agent"],
      ["openai:backup", "main"],
      ["openai:default", "agent"],
    ]);
    expect(snapshot()).toEqual(before);
  });

  it("shows the main agent's order override as the one that applies, and says whose it is", async () => {
    const { stdout } = await run([
      "models",
      "auth",
      "order",
      "get",
      "--agent",
      "work",
      "--provider",
      "openai",
      "--json",
    ]);
    // Reference, `models auth order get --agent work --provider openai --json`:
    //   { agentId: "work", agentDir: "<dir>/.openclaw/agents/work/agent", provider: "openai",
    //     authStatePath: "~/.openclaw/agents/work/agent/auth-state.json",
    //     order: ["openai:backup", "openai:default"] }
    expect(JSON.parse(stdout)).toEqual({
      agentId: "work",
      agentDir: workDir,
      provider: "openai",
      authStatePath: "~/.openclaw/agents/work/agent/auth-state.json",
      order: ["openai:backup", "openai:default"],
      store: "main",
      mainStatePath: "~/.openclaw/agents/main/agent/auth-state.json",
    });
  });

  it("sets an order with an inherited profile in its own state only", async () => {
    const mainState = readFileSync(join(mainDir, "auth-state.json"), "utf8");
    const result = await run([
      "models",
      "auth",
      "order",
      "set",
      "--agent",
      "work",
      "--provider",
      "openai",
      "openai:backup",
    ]);
    // Reference, `models auth order set --agent work --provider openai openai:backup`: exit 0,
    //   "Agent: work\nProvider: openai\nOrder override: openai:backup\n", and work's auth-state.json gets
    //   order.openai = ["openai:backup"] beside its google order and usage stats.
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Agent: work\nProvider: openai\nOrder override: openai:backup\n");
    const workState = JSON.parse(readFileSync(join(workDir, "auth-state.json"), "utf8"));
    expect(workState.order).toEqual({ google: ["google:work"], openai: ["openai:backup"] });
    expect(workState.usageStats).toEqual({ "openai:default": { lastUsed: 1700000000000 } });
    expect(readFileSync(join(mainDir, "auth-state.json"), "utf8")).toBe(mainState);
  });

  it("clears only its own order override, and says the main agent's still applies", async () => {
    const before = snapshot();
    const result = await run(["models", "auth", "order", "clear", "--agent", "work", "--provider", "openai"]);
    // Reference, `models auth order clear --agent work --provider openai`: exit 0,
    //   "Agent: work\nProvider: openai\nCleared per-agent order override.\n", no file changed (the main agent's
    //   override goes on applying, unsaid).
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Agent: work\nProvider: openai\nCleared per-agent order override.\n");
    expect(result.stderr).toBe(
      "Note: the main agent's order override for openai (openai:backup, openai:default, in ~/.openclaw/agents/main/agent/auth-state.json) still applies to work. Run `modelctl models auth order clear --provider openai` to clear it for every agent.\n",
    );
    expect(snapshot()).toEqual(before);
  });

  it("saves a pasted key in its own store only", async () => {
    const mainProfiles = readFileSync(join(mainDir, "auth-profiles.json"), "utf8");
    const result = await run(
      [
        "models",
        "auth",
        "paste-api-key",
        "--agent",
        "work",
        "--provider",
        "openai",
        "--profile-id",
        "openai:backup",
      ],
      "sk-workbackup-0123456789abcdef",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "Saved openai:backup (api_key) in ~/.openclaw/agents/work/agent/auth-profiles.json\n",
    );
    expect(readFileSync(join(mainDir, "auth-profiles.json"), "utf8")).toBe(mainProfiles);
    const { auth } = statusOf((await run(["models", "status", "--agent", "work", "--json"])).stdout);
    // Its own profile of the id now wins over the main agent's.
    expect(auth.providers.find((provider) => provider.provider === "openai")?.inherited).toEqual([]);
  });

  it("refuses to log out a profile it only inherits: exit 65, naming the main store, nothing written", async () => {
    const before = snapshot();
    const result = await run(["models", "auth", "logout", "openai:backup", "--agent", "work"]);
    expect(result.code).toBe(65);
    expect(result.stderr).toBe(
      `Error: openai:backup is not in work's store (${join(workDir, "auth-profiles.json")}): it is inherited from the main agent's store, ${join(mainDir, "auth-profiles.json")}. Nothing was changed; remove it there with \`modelctl models auth logout openai:backup\` (every agent inherits it), or save a profile of the same id for this agent to override it.\n`,
    );
    expect(snapshot()).toEqual(before);
  });

  it("logs out its own profile of an id the main agent also has, which the main agent's then shows through", async () => {
    const mainProfiles = readFileSync(join(mainDir, "auth-profiles.json"), "utf8");
    const result = await run(["models", "auth", "logout", "openai:default", "--agent", "work"]);
    expect(result.code).toBe(0);
    expect(
      Object.keys(JSON.parse(readFileSync(join(workDir, "auth-profiles.json"), "utf8")).profiles),
    ).toEqual(["google:work"]);
    expect(readFileSync(join(mainDir, "auth-profiles.json"), "utf8")).toBe(mainProfiles);
    const list = JSON.parse((await run(["models", "auth", "list", "--agent", "work", "--json"])).stdout);
    expect(list.mainStorePath).toBe(join(mainDir, "auth-profiles.json"));
    expect(
      list.profiles.map((profile: { profileId: string; store: string }) => [
        profile.profileId,
        profile.store,
      ]),
    ).toEqual([
      ["openai:default", "main"],
      ["openai:backup", "main"],
      ["anthropic:main", "main"],
      ["google:work", "agent"],
    ]);
  });
});

describe("the main agent's folder", () => {
  it("is the env override's when one is set", async () => {
    // Reference, OPENCLAW_AGENT_DIR=<dir>/envdir `models status --agent work --json`: work (no store) inherits
    // envdir's anthropic:env, effective.detail "~/envdir/auth-profiles.json"; agents/main/agent is not read, so
    // missingProvidersInUse is ["openai"].
    write(join(mainDir, "auth-profiles.json"), {
      version: 1,
      profiles: { "openai:default": apiKey("openai", "sk-main-abcdefghijklmnopqrstuv") },
    });
    write(join(home, "envdir", "auth-profiles.json"), {
      version: 1,
      profiles: { "anthropic:env": apiKey("anthropic", "sk-ant-envenvenvenvenvenvenv") },
    });
    const { stdout } = await runCli(home, ["models", "status", "--agent", "work", "--json"], {
      env: {
        MODELCTL_HOME: state,
        MODELCTL_CONFIG: join(state, "openclaw.json"),
        OPENCLAW_AGENT_DIR: join(home, "envdir"),
      },
    });
    const { auth } = statusOf(stdout);
    expect(auth.providers.find((provider) => provider.provider === "anthropic")?.effective).toEqual({
      kind: "profiles",
      detail: "~/envdir/auth-profiles.json",
    });
    expect(auth.missingProvidersInUse).toEqual(["openai"]);
  });
});
