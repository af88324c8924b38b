// Names that are also Object.prototype keys, end to end through the CLI's `main`: each one round-trips as a provider id,
// model id, alias or profile id, or is refused with 65 — never dropped, never a crash (exit 1).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../../probe/test/provider-server.js";
import { SUCCESS } from "../../probe/test/wire.js";
import { runCli, tempHome } from "./run-cli.js";

const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];
const KEY = "sk-proto-0123456789abcdefghij";

let home: string;
let cleanup: () => void;
let agentDir: string;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
});
afterEach(() => cleanup());

const run = (args: string[], input?: string) => runCli(home, args, input === undefined ? {} : { input });
const configPath = () => join(home, ".modelctl", "modelctl.json");
const readText = (path: string) => readFileSync(path, "utf8");
const readJson = (path: string) => JSON.parse(readText(path));
const profilesPath = () => join(agentDir, "auth-profiles.json");
const statePath = () => join(agentDir, "auth-state.json");
const seed = (path: string, text: string) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
};
/** Neither a crash (exit 1 with "unexpected") nor a silent success: the exit code, and no stack. */
const expectClean = (result: { code: number; stderr: string }, code: number) => {
  expect(result.stderr).not.toContain("unexpected");
  expect(result.code, result.stderr).toBe(code);
};

describe("a provider id that is an Object.prototype key", () => {
  it("constructor: models set, then status, --json and --check work", async () => {
    // Not a provider anyone knows: refused until the config declares it, then an ordinary id.
    const refused = await run(["models", "set", "constructor/x"]);
    expectClean(refused, 65);
    expect(refused.stderr).toContain('Unknown model provider "constructor"');
    seed(
      configPath(),
      JSON.stringify({ models: { providers: { constructor: { baseUrl: "https://x.example/v1" } } } }),
    );
    expectClean(await run(["models", "set", "constructor/x"]), 0);
    const status = await run(["models", "status", "--json"]);
    expectClean(status, 0);
    expect(JSON.parse(status.stdout).resolvedDefault).toBe("constructor/x");
    expectClean(await run(["models", "status", "--plain"]), 0);
    expectClean(await run(["models", "auth", "paste-api-key", "--provider", "constructor"], KEY), 0);
    expectClean(await run(["models", "status", "--check"]), 0);
  });

  it("constructor: order set is stored and read back", async () => {
    expectClean(await run(["models", "auth", "paste-api-key", "--provider", "constructor"], KEY), 0);
    const set = await run([
      "models",
      "auth",
      "order",
      "set",
      "--provider",
      "constructor",
      "constructor:default",
    ]);
    expectClean(set, 0);
    expect(readJson(statePath()).order).toEqual({ constructor: ["constructor:default"] });
    const get = await run(["models", "auth", "order", "get", "--provider", "constructor", "--json"]);
    expect(JSON.parse(get.stdout).order).toEqual(["constructor:default"]);
  });

  it("__proto__: paste-api-key is refused with 65 and stores nothing", async () => {
    const result = await run(["models", "auth", "paste-api-key", "--provider", "__proto__"], KEY);
    expectClean(result, 65);
    expect(result.stderr).toContain('Invalid provider "__proto__"');
    expect(result.stdout + result.stderr).not.toContain(KEY);
    expect(existsSync(profilesPath())).toBe(false);
  });

  it("__proto__: order set is refused with 65, not acknowledged", async () => {
    seed(
      profilesPath(),
      '{ "version": 1, "profiles": { "__proto__:a": { "type": "api_key", "key": "sk-a" } } }',
    );
    const result = await run(["models", "auth", "order", "set", "--provider", "__proto__", "__proto__:a"]);
    expectClean(result, 65);
    expect(result.stdout).toBe("");
    expect(existsSync(statePath())).toBe(false);
  });
});

describe("profile ids that are Object.prototype keys", () => {
  it("logout of a profile that is not stored is refused with 65", async () => {
    for (const name of NAMES) {
      const result = await run(["models", "auth", "logout", name]);
      expectClean(result, 65);
      expect(result.stdout).toBe("");
    }
  });

  it("round-trip from a hand-written store: listed, ordered, removed one at a time", async () => {
    const profiles = NAMES.map(
      (name) => `"${name}": { "type": "api_key", "provider": "openai", "key": "${KEY}" }`,
    );
    seed(profilesPath(), `{ "version": 1, "profiles": { ${profiles.join(", ")} } }`);
    const list = await run(["models", "auth", "list", "--json"]);
    expectClean(list, 0);
    expect(
      JSON.parse(list.stdout).profiles.map((profile: { profileId: string }) => profile.profileId),
    ).toEqual(NAMES);
    expectClean(
      await run(["models", "auth", "order", "set", "--provider", "openai", "__proto__", "toString"]),
      0,
    );
    expect(readJson(statePath()).order.openai).toEqual(["__proto__", "toString"]);
    expectClean(await run(["models", "status", "--check"]), 0);

    const logout = await run(["models", "auth", "logout", "__proto__"]);
    expectClean(logout, 0);
    expect(Object.keys(readJson(profilesPath()).profiles)).toEqual(
      NAMES.filter((name) => name !== "__proto__"),
    );
    expect(readJson(statePath()).order.openai).toEqual(["toString"]);
  });
});

describe("aliases and model ids that are Object.prototype keys", () => {
  it.each(NAMES)("alias %s is added, listed and removed", async (name) => {
    expectClean(await run(["models", "aliases", "add", name, "openai/gpt-5.2"]), 0);
    const list = await run(["models", "aliases", "list", "--json"]);
    expect(Object.entries(JSON.parse(list.stdout).aliases)).toEqual([[name, "openai/gpt-5.2"]]);
    const status = await run(["models", "status", "--json"]);
    expect(Object.entries(JSON.parse(status.stdout).aliases)).toEqual([[name, "openai/gpt-5.2"]]);
    expectClean(await run(["models", "aliases", "remove", name]), 0);
    expect(readJson(configPath()).agents.defaults.models).toEqual({ "openai/gpt-5.2": {} });
  });

  it("model ids round-trip as primary and fallbacks under a real provider", async () => {
    for (const name of NAMES) expectClean(await run(["models", "fallbacks", "add", `openai/${name}`]), 0);
    expectClean(await run(["models", "set", "openai/constructor"]), 0);
    const status = JSON.parse((await run(["models", "status", "--json"])).stdout);
    expect(status.resolvedDefault).toBe("openai/constructor");
    expect(status.fallbacks).toEqual(
      NAMES.filter((name) => name !== "constructor").map((n) => `openai/${n}`),
    );
  });

  it("aliases add keeps a hand-written __proto__ model key", async () => {
    seed(configPath(), '{ "agents": { "defaults": { "models": { "__proto__": { "alias": "p" } } } } }');
    expectClean(await run(["models", "aliases", "add", "fast", "openai/gpt-5.2"]), 0);
    expect(readText(configPath())).toBe(
      '{ "agents": { "defaults": { "models": { "__proto__": { "alias": "p" }, "openai/gpt-5.2": { "alias": "fast" } } } } }',
    );
    expect(Object.keys(readJson(configPath()).agents.defaults.models)).toEqual([
      "__proto__",
      "openai/gpt-5.2",
    ]);
  });

  it("a __proto__ model key holding the wrong shape is refused with 65", async () => {
    seed(configPath(), '{ "agents": { "defaults": { "models": { "__proto__": { "alias": 5 } } } } }');
    const before = readText(configPath());
    for (const args of [
      ["models", "status"],
      ["models", "aliases", "add", "fast", "openai/gpt-5.2"],
    ]) {
      const result = await run(args);
      expectClean(result, 65);
      expect(result.stderr).toContain("agents.defaults.models.[__proto__].alias");
    }
    expect(readText(configPath())).toBe(before);
  });
});

describe("auth add --method", () => {
  it.each(["constructor", "__proto__"])("refuses --method %s (64), saving nothing", async (method) => {
    const result = await run(["models", "auth", "add", "--provider", "openai", "--method", method], KEY);
    expectClean(result, 64);
    expect(result.stderr).toContain("Invalid --method");
    expect(existsSync(profilesPath())).toBe(false);
  });
});

describe("status --probe with such ids", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((_request, response) =>
      sendJson(response, 200, SUCCESS["openai-completions"]),
    );
  });
  afterAll(() => server.close());

  it("probes each profile and records its outcome under its own id", async () => {
    seed(
      configPath(),
      JSON.stringify({
        models: {
          providers: {
            constructor: { baseUrl: server.origin, api: "openai-completions", models: [{ id: "m" }] },
          },
        },
      }),
    );
    const profiles = NAMES.map(
      (name) => `"${name}": { "type": "api_key", "provider": "constructor", "key": "${KEY}" }`,
    );
    seed(profilesPath(), `{ "version": 1, "profiles": { ${profiles.join(", ")} } }`);
    const result = await run(["models", "status", "--probe", "--probe-record", "--json"]);
    expectClean(result, 0);
    const probes = JSON.parse(result.stdout).auth.probes;
    expect(
      probes.results.map((row: { profileId: string; status: string }) => [row.profileId, row.status]),
    ).toEqual([...NAMES].sort((a, b) => a.localeCompare(b)).map((name) => [name, "ok"]));
    expect(Object.keys(readJson(statePath()).usageStats).sort()).toEqual([...NAMES].sort());
  });
});
