// Hostile strings in the files and from a provider server: human output shows them as escapes and never drives the
// terminal, --json keeps them exact, and an echoed key comes back in no form. The CLI run in process (`main`), real
// files, a real server on 127.0.0.1.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { leaksOf } from "../../probe/test/leaks.js";
import { startServer, type TestServer } from "../../probe/test/provider-server.js";
import { type RunResult, runCli, tempHome } from "./run-cli.js";

const KEY = "sk-evil-Kd83Jq0Wz5Lm2Pv7Xr4T";
// Clear screen, home, OSC 52 clipboard write, cursor up, a fake green result line, C1 CSI, a right-to-left override.
const SCREEN = "\x1b[2J\x1b[H\x1b]52;c;cm0gLXJmIH4K\x07\x1b[1A\x1b[32mok · 12ms\x1b[0m\x9b2K\u202e";
const PROFILE_ID = `evil:work${SCREEN}`;
const EMAIL = `me\x1b]52;c;aGk=\x07@example.com\u2066`;
const PROVIDER = "evil";
const MODEL = "m1-owt";
// Refs with bidi or zero-width characters are refused (65) when given or resolved; a hand-edited fallback or alias
// is still listed as the file holds it, and must not reach the terminal raw.
const FALLBACK = `${PROVIDER}/fb\u200b-2\u200f`;
const ALIAS = "ev\u202eil";
const ERROR_BODY = `${SCREEN} key ${Buffer.from(`user:${KEY}`).toString("base64")} ${encodeURIComponent(KEY)}`;

// What must never be written raw by human output (newlines between lines aside).
const RAW = /[\p{Cc}\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;
const expectNothingRaw = ({ stdout, stderr }: RunResult) => {
  expect(stdout.replaceAll("\n", "")).not.toMatch(RAW);
  expect(stderr.replaceAll("\n", "")).not.toMatch(RAW);
};
/** Every string anywhere in a parsed JSON document. */
const stringsOf = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : typeof value === "object" && value !== null
      ? Object.entries(value).flatMap(([key, item]) => [key, ...stringsOf(item)])
      : [];

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_request, response) => {
    response.writeHead(401, { "content-type": "application/json", "x-ratelimit-remaining-requests": KEY });
    response.end(JSON.stringify({ error: { message: ERROR_BODY, code: `bad\x1b[31m${KEY}` } }));
  });
});
afterAll(() => server.close());

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  const agentDir = join(home, ".modelctl", "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({
      agents: {
        defaults: {
          model: { primary: `${PROVIDER}/${MODEL}`, fallbacks: [] },
          models: { [`${PROVIDER}/${MODEL}`]: { alias: ALIAS } },
        },
      },
      models: { providers: { [PROVIDER]: { baseUrl: server.origin, api: "openai-completions" } } },
    }),
  );
  writeFileSync(
    join(agentDir, "auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: { [PROFILE_ID]: { type: "api_key", provider: PROVIDER, key: KEY, email: EMAIL } },
    }),
  );
});
afterEach(() => cleanup());

const run = (args: string[]) => runCli(home, args);
/** Adds the hostile fallback, as a hand edit of the config would. */
const plantFallback = () => {
  const path = join(home, ".modelctl", "modelctl.json");
  const config = JSON.parse(readFileSync(path, "utf8"));
  config.agents.defaults.model.fallbacks = [FALLBACK];
  writeFileSync(path, JSON.stringify(config));
};

describe("human output shows hostile strings as escapes", () => {
  it("models status", async () => {
    const result = await run(["models", "status"]);
    expect(result.code).toBe(0);
    expectNothingRaw(result);
    expect(result.stdout).toContain("evil:work\\x1b[2J\\x1b[H\\x1b]52;c;");
    expect(leaksOf(result.stdout + result.stderr, KEY)).toEqual([]);
  });

  it("models status --probe: the provider's error cannot rewrite the screen or fake a result", async () => {
    const result = await run(["models", "status", "--probe"]);
    expect(result.code).toBe(0);
    expectNothingRaw(result);
    const table = result.stdout.slice(result.stdout.indexOf("Auth probes"));
    expect(table).toMatch(/│ auth · \d+(ms|\.\ds)/);
    expect(table).toContain("\\x1b[32mok ·");
    // The frame stays straight: every table line is as wide as the first.
    const frame = table.split("\n").filter((line) => /^[┌│├└]/.test(line));
    expect(new Set(frame.map((line) => line.length)).size).toBe(1);
    expect(leaksOf(result.stdout + result.stderr, KEY)).toEqual([]);
  });

  it("models auth list", async () => {
    const result = await run(["models", "auth", "list"]);
    expect(result.code).toBe(0);
    expectNothingRaw(result);
    expect(result.stdout).toContain("evil:work\\x1b[2J");
  });

  it("models status shows a hand-edited fallback with invisible characters as escapes", async () => {
    plantFallback();
    const result = await run(["models", "status"]);
    expect(result.code).toBe(0);
    expectNothingRaw(result);
    expect(result.stdout).toContain("fb\\u200b-2\\u200f");
  });

  it("models aliases list and fallbacks list", async () => {
    plantFallback();
    for (const args of [
      ["models", "aliases", "list"],
      ["models", "fallbacks", "list"],
      ["models", "aliases", "list", "--plain"],
    ]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      expectNothingRaw(result);
    }
    expect((await run(["models", "aliases", "list"])).stdout).toContain("ev\\u202eil");
    expect((await run(["models", "fallbacks", "list"])).stdout).toContain("fb\\u200b-2\\u200f");
  });

  it("errors on stderr quote hostile input and stored ids as escapes", async () => {
    const results = await Promise.all([
      // An invalid ref with a C1 CSI: the message quotes it.
      run(["models", "set", `${PROVIDER}/gpt\x9b2J\x1b[2J`]),
      // An unknown profile: the message lists the stored ids.
      run(["models", "auth", "logout", `nope\u202e`]),
      // Unknown commands, at the root and in a group.
      run([`st\x1b[2Jatus`]),
      run(["models", `li\x1b]52;c;aGk=\x07st`]),
    ]);
    for (const result of results) {
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^Error: /);
      expectNothingRaw(result);
    }
    expect(results[1]?.stderr).toContain("evil:work\\x1b[2J");
  });
});

describe("--json keeps every hostile string exact, and nothing raw that drives a terminal", () => {
  it("models status --probe --json", async () => {
    const result = await run(["models", "status", "--probe", "--json"]);
    expect(result.code).toBe(0);
    expectNothingRaw(result);
    const doc = JSON.parse(result.stdout);
    const strings = stringsOf(doc);
    for (const planted of [`${PROVIDER}/${MODEL}`, ALIAS, PROFILE_ID]) expect(strings).toContain(planted);
    const [probe] = doc.auth.probes.results;
    expect(probe).toMatchObject({ profileId: PROFILE_ID, status: "auth", httpStatus: 401 });
    expect(probe.error).not.toMatch(RAW);
    expect(probe.rateLimit).toEqual({ "x-ratelimit-remaining-requests": "[redacted]" });
    expect(leaksOf(result.stdout + result.stderr, KEY)).toEqual([]);
  });

  it("models auth list --json", async () => {
    const result = await run(["models", "auth", "list", "--json"]);
    expect(result.code).toBe(0);
    expectNothingRaw(result);
    const [profile] = JSON.parse(result.stdout).profiles;
    expect(profile).toMatchObject({ profileId: PROFILE_ID, provider: PROVIDER, email: EMAIL });
  });

  it("models aliases list --json and fallbacks list --json", async () => {
    plantFallback();
    const aliases = await run(["models", "aliases", "list", "--json"]);
    expectNothingRaw(aliases);
    expect(JSON.parse(aliases.stdout)).toEqual({ aliases: { [ALIAS]: `${PROVIDER}/${MODEL}` } });
    const fallbacks = await run(["models", "fallbacks", "list", "--json"]);
    expectNothingRaw(fallbacks);
    expect(JSON.parse(fallbacks.stdout)).toEqual({ fallbacks: [FALLBACK] });
  });
});
