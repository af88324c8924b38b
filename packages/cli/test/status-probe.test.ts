// `models status --probe` end to end: the CLI (in process, or the built bin where a process
// is needed: node hooks, signals, exit at the deadline) against real provider servers on 127.0.0.1, one per family.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../../probe/test/provider-server.js";
import { SUCCESS } from "../../probe/test/wire.js";
import { type ProbeRowJson, StatusJsonSchema } from "../src/schemas.js";
import { BIN, runBin, runCli, tempHome } from "./run-cli.js";
import { openSilentPort } from "./silent-port.js";

// Canary secrets: none of them, nor any 6-character piece of them, may appear in any output.
const KEYS = {
  anthropicGood: "sk-ant-api03-Good7Qm2Xv9Lp4Rt8Zk1",
  anthropicRevoked: "sk-ant-api03-Revk3Nd6Hs1Jw5Yc0Ub2",
  openai: "sk-proj-Oai4Fe8Gi2Kl6Mn0Pq3R",
  openrouter: "sk-or-v1-Orx5Tt9Vv3Ww7Xx1Yy4Z",
  gemini: "AIzaSyGem6Bb0Cc4Dd8Ee2Ff6Gg",
};

let server: TestServer;
const stalled = new Set<string>();

beforeAll(async () => {
  server = await startServer((request, response) => {
    const { path, headers } = request;
    if ([...stalled].some((prefix) => path.startsWith(prefix))) return; // never answers
    if (path === "/anthropic/v1/messages") {
      if (headers["x-api-key"] === KEYS.anthropicGood)
        return sendJson(response, 200, SUCCESS["anthropic-messages"], {
          "anthropic-ratelimit-requests-remaining": "49",
        });
      // Like a provider that echoes the key it refused.
      return sendJson(response, 401, {
        type: "error",
        error: { type: "authentication_error", message: `invalid x-api-key ${String(headers["x-api-key"])}` },
      });
    }
    if (path === "/openai/responses")
      return sendJson(response, 401, {
        error: {
          message: `Incorrect API key provided: ${String(headers.authorization).slice(7)}.`,
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      });
    if (path === "/openrouter/chat/completions")
      return sendJson(
        response,
        429,
        { error: { code: 429, message: "Rate limit exceeded: free-models-per-min." } },
        { "retry-after": "12", "x-ratelimit-remaining": "0" },
      );
    if (path.startsWith("/google/models/") && headers["x-goog-api-key"] === KEYS.gemini)
      return sendJson(response, 200, SUCCESS["google-generative-ai"]);
    if (path === "/ollama/api/chat") return sendJson(response, 200, SUCCESS.ollama);
    sendJson(response, 404, { error: { message: `no route ${path}` } });
  });
});
afterAll(() => server.close());

let home: string;
let cleanup: () => void;
let agentDir: string;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true });
  const baseUrl = (id: string) => ({ baseUrl: `${server.origin}/${id}` });
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({
      agents: {
        defaults: {
          model: {
            primary: "anthropic/claude-haiku-4-5",
            fallbacks: ["openai/gpt-4.1-nano", "openrouter/meta-llama/llama-3.3-70b-instruct:free"],
          },
          models: { "anthropic/claude-haiku-4-5": { alias: "haiku" } },
        },
      },
      models: {
        providers: {
          anthropic: baseUrl("anthropic"),
          openai: baseUrl("openai"),
          openrouter: baseUrl("openrouter"),
          google: baseUrl("google"),
          ollama: { ...baseUrl("ollama"), models: [{ id: "llama3.2" }] },
        },
      },
    }),
  );
  writeFileSync(
    join(agentDir, "auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: {
        "anthropic:old": { type: "api_key", provider: "anthropic", key: KEYS.anthropicRevoked },
        "anthropic:work": { type: "api_key", provider: "anthropic", key: KEYS.anthropicGood },
        "openai:default": { type: "api_key", provider: "openai", key: KEYS.openai },
        "openrouter:default": { type: "api_key", provider: "openrouter", key: KEYS.openrouter },
      },
    }),
    // Private, as stores are: a readable one gets a warning on stderr.
    { mode: 0o600 },
  );
  server.requests.length = 0;
  stalled.clear();
});
afterEach(() => cleanup());

const LAN_HOST_HOOK = fileURLToPath(new URL("./lan-host-hook.mjs", import.meta.url));

const ENV = { GEMINI_API_KEY: KEYS.gemini };
const run = (args: string[]) => runCli(home, ["models", "status", ...args], { env: ENV });

function probesOf(stdout: string) {
  const parsed = StatusJsonSchema.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues, null, 2));
  const probes = parsed.data.auth.probes;
  if (!probes) throw new Error("no auth.probes in the JSON");
  return probes;
}

const row = (result: ProbeRowJson) => [result.model, result.label, result.source, result.mode, result.status];

function expectNoSecrets(...outputs: string[]) {
  const text = outputs.join("\n");
  for (const key of Object.values(KEYS))
    for (let start = 0; start + 6 <= key.length; start += 1)
      expect(text).not.toContain(key.slice(start, start + 6));
}

describe("models status --probe", () => {
  it("--json: one result per profile (or env credential) of every provider in play, in the reference's fields", async () => {
    const { code, stdout, stderr } = await run(["--probe", "--json"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const probes = probesOf(stdout);
    expect(probes.results.map(row)).toEqual([
      ["anthropic/claude-haiku-4-5", "anthropic:old", "profile", "api_key", "auth"],
      ["anthropic/claude-haiku-4-5", "anthropic:work", "profile", "api_key", "ok"],
      ["google/gemini-2.5-flash-lite", "env", "env", "api_key", "ok"],
      ["ollama/llama3.2", "local", "synthetic", "none", "ok"],
      ["openai/gpt-4.1-nano", "openai:default", "profile", "api_key", "auth"],
      [
        "openrouter/meta-llama/llama-3.3-70b-instruct:free",
        "openrouter:default",
        "profile",
        "api_key",
        "rate_limit",
      ],
    ]);
    expect(probes.options).toEqual({
      profileIds: [],
      timeoutMs: 8000,
      concurrency: 2,
      maxTokens: 8,
      models: [],
      chain: false,
      record: false,
    });
    expect(probes.totalTargets).toBe(6);
    expect(probes.finishedAt - probes.startedAt).toBe(probes.durationMs);
    const [old, work, , , openai, openrouter] = probes.results;
    expect(work).toMatchObject({
      profileId: "anthropic:work",
      httpStatus: 200,
      usage: { inputTokens: 16, outputTokens: 4, totalTokens: 20 },
      rateLimit: { "anthropic-ratelimit-requests-remaining": "49" },
    });
    expect(work?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(old).toMatchObject({ httpStatus: 401, providerCode: "authentication_error" });
    expect(openai).toMatchObject({ providerCode: "invalid_api_key" });
    expect(openrouter).toMatchObject({ retryAfterMs: 12_000, rateLimit: { "x-ratelimit-remaining": "0" } });
    expectNoSecrets(stdout, stderr);
    // Each credential went to its own provider's path only, in that family's header.
    const anthropic = server.requests.filter((request) => request.path === "/anthropic/v1/messages");
    expect(anthropic.map((request) => request.headers["x-api-key"]).sort()).toEqual(
      [KEYS.anthropicGood, KEYS.anthropicRevoked].sort(),
    );
    expect(anthropic.every((request) => request.headers["anthropic-version"] === "2023-06-01")).toBe(true);
    for (const request of server.requests) {
      const sent = JSON.stringify(request.headers) + request.path;
      for (const [name, key] of Object.entries(KEYS)) {
        const belongs = request.path.startsWith(
          `/${{ anthropicGood: "anthropic", anthropicRevoked: "anthropic", openai: "openai", openrouter: "openrouter", gemini: "google" }[name]}/`,
        );
        if (!belongs) expect(sent).not.toContain(key);
      }
    }
  });

  it("human: the Auth probes table with status · latency and the error below, then the summary", async () => {
    const { code, stdout, stderr } = await run(["--probe"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    const from = lines.indexOf("Auth probes");
    expect(from).toBeGreaterThan(0);
    const table = lines.slice(from + 1).join("\n");
    expect(table).toMatch(/│ Model\s+│ Profile\s+│ Status\s+│/);
    expect(table).toMatch(
      /│ anthropic\/claude-haiku-4-5\s+│ anthropic:work \(api_key\)\s+│ ok · \d+(ms|\.\ds)\s+│/,
    );
    expect(table).toMatch(/│ auth · \d+(ms|\.\ds)\s+│\n.*│ ↳ HTTP 401: invalid x-api-key \[redacted\]/);
    expect(table).toMatch(/rate_limit · \d+(ms|\.\ds)/);
    expect(lines.at(-2)).toMatch(/^Probed 6 targets in \d+(ms|\.\ds)$/);
    expect(stderr).toBe("");
    expectNoSecrets(stdout, stderr);
  });

  it("--probe-provider and --probe-profile (repeated, comma-separated) narrow the targets", async () => {
    const one = probesOf((await run(["--probe", "--json", "--probe-provider", "Anthropic"])).stdout);
    expect(one.results.map((result) => result.profileId)).toEqual(["anthropic:old", "anthropic:work"]);
    expect(one.options.provider).toBe("anthropic");
    const some = probesOf(
      (
        await run([
          "--probe",
          "--json",
          "--probe-profile",
          "anthropic:work, openai:default",
          "--probe-profile",
          "anthropic:work",
        ])
      ).stdout,
    );
    expect(some.results.map((result) => result.profileId)).toEqual(["anthropic:work", "openai:default"]);
    expect(some.options.profileIds).toEqual(["anthropic:work", "openai:default"]);
  });

  it("an auth order that leaves a profile out: reported as excluded, nothing sent with it", async () => {
    writeFileSync(
      join(agentDir, "auth-state.json"),
      JSON.stringify({ version: 1, order: { anthropic: ["anthropic:work"] } }),
    );
    const probes = probesOf((await run(["--probe", "--json", "--probe-provider", "anthropic"])).stdout);
    expect(probes.results.map((result) => [result.profileId, result.status, result.reasonCode])).toEqual([
      ["anthropic:old", "excluded_by_auth_order", "excluded_by_auth_order"],
      ["anthropic:work", "ok", undefined],
    ]);
    expect(probes.totalTargets).toBe(1);
    expect(server.requests.map((request) => request.headers["x-api-key"])).toEqual([KEYS.anthropicGood]);
  });

  it("--probe-chain probes the default and every fallback with the credential the runtime would use", async () => {
    const probes = probesOf((await run(["--probe", "--json", "--probe-chain"])).stdout);
    expect(
      probes.results.map((result) => [result.role, result.model, result.profileId, result.status]),
    ).toEqual([
      // The first profile in order is the one used, and it is the revoked one: the chain is broken there.
      ["default", "anthropic/claude-haiku-4-5", "anthropic:old", "auth"],
      ["fallback#1", "openai/gpt-4.1-nano", "openai:default", "auth"],
      ["fallback#2", "openrouter/meta-llama/llama-3.3-70b-instruct:free", "openrouter:default", "rate_limit"],
    ]);
    expect(probes.options.chain).toBe(true);
  });

  it("--probe-model takes aliases and profile pins", async () => {
    const probes = probesOf(
      (
        await run([
          "--probe",
          "--json",
          "--probe-model",
          "haiku@anthropic:work",
          "--probe-model",
          "ollama/llama3.2",
        ])
      ).stdout,
    );
    expect(probes.results.map((result) => [result.role, result.model, result.label, result.status])).toEqual([
      ["model", "anthropic/claude-haiku-4-5", "anthropic:work", "ok"],
      ["model", "ollama/llama3.2", "local", "ok"],
    ]);
    expect(probes.options.models).toEqual(["haiku@anthropic:work", "ollama/llama3.2"]);
  });

  it("a server that never answers is a timeout at --probe-timeout", async () => {
    stalled.add("/openai/");
    const probes = probesOf(
      (await run(["--probe", "--json", "--probe-provider", "openai", "--probe-timeout", "300"])).stdout,
    );
    expect(probes.results).toHaveLength(1);
    expect(probes.results[0]).toMatchObject({ status: "timeout", reasonCode: "timeout" });
    expect(probes.results[0]?.latencyMs).toBeGreaterThanOrEqual(290);
    expect(probes.options.timeoutMs).toBe(300);
  });

  it("a SecretRef as the config's key is read for the probe, as a profile's keyRef is", async () => {
    const keyFile = join(home, "gemini.key");
    writeFileSync(keyFile, `${KEYS.gemini}\n`, { mode: 0o600 });
    const config = JSON.parse(readFileSync(join(home, ".modelctl", "modelctl.json"), "utf8"));
    for (const [apiKey, env] of [
      [{ source: "file", provider: "filemain", id: keyFile }, {}],
      [{ source: "env", provider: "default", id: "MY_GEMINI_KEY" }, { MY_GEMINI_KEY: KEYS.gemini }],
    ] as const) {
      config.models.providers.google.apiKey = apiKey;
      writeFileSync(join(home, ".modelctl", "modelctl.json"), JSON.stringify(config));
      const { code, stdout, stderr } = await runCli(
        home,
        ["models", "status", "--probe", "--json", "--probe-provider", "google"],
        { env },
      );
      expect(code).toBe(0);
      expect(probesOf(stdout).results).toMatchObject([
        { provider: "google", label: "models.json", source: "models.json", status: "ok" },
      ]);
      expectNoSecrets(stdout, stderr);
    }
  });

  it("records usage stats only with --probe-record", async () => {
    const statePath = join(agentDir, "auth-state.json");
    await run(["--probe", "--json"]);
    expect(existsSync(statePath)).toBe(false);

    const { code, stdout } = await run(["--probe", "--probe-record"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Recorded 3 profile result(s) in ${statePath}`);
    const state = JSON.parse(readFileSync(statePath, "utf8"));
    expect(state.usageStats["anthropic:work"]).toMatchObject({ errorCount: 0, lastUsed: expect.any(Number) });
    expect(state.usageStats["anthropic:old"]).toMatchObject({
      errorCount: 1,
      failureCounts: { auth: 1 },
      cooldownReason: "auth",
      cooldownModel: "claude-haiku-4-5",
    });
    // OpenRouter's 429 is not held against the key: OpenClaw's markAuthProfileFailure returns before writing anything
    // for openrouter and kilocode (dist/usage-y_h14LHT.js, isAuthCooldownBypassedForProvider).
    expect(state.usageStats["openrouter:default"]).toBeUndefined();
    expectNoSecrets(readFileSync(statePath, "utf8"));
    // The credentials file is not touched by recording.
    expect(
      JSON.parse(readFileSync(join(agentDir, "auth-profiles.json"), "utf8")).profiles["anthropic:work"].key,
    ).toBe(KEYS.anthropicGood);
  });

  it("--agent work probes the main agent's profiles it inherits, and records the outcomes in its own state only", async () => {
    const workDir = join(home, ".modelctl", "agents", "work", "agent");
    mkdirSync(workDir, { recursive: true });
    const mainProfiles = readFileSync(join(agentDir, "auth-profiles.json"), "utf8");
    const { code, stdout } = await run([
      "--agent",
      "work",
      "--probe",
      "--probe-provider",
      "anthropic",
      "--probe-record",
      "--json",
    ]);
    expect(code).toBe(0);
    expect(probesOf(stdout).results.map(row)).toEqual([
      ["anthropic/claude-haiku-4-5", "anthropic:old", "profile", "api_key", "auth"],
      ["anthropic/claude-haiku-4-5", "anthropic:work", "profile", "api_key", "ok"],
    ]);
    const workState = JSON.parse(readFileSync(join(workDir, "auth-state.json"), "utf8"));
    expect(Object.keys(workState.usageStats)).toEqual(["anthropic:old", "anthropic:work"]);
    expect(existsSync(join(workDir, "auth-profiles.json"))).toBe(false);
    expect(existsSync(join(agentDir, "auth-state.json"))).toBe(false);
    expect(readFileSync(join(agentDir, "auth-profiles.json"), "utf8")).toBe(mainProfiles);
  });

  it("--probe-record replaces a malformed usage value of a profile it records, and keeps the others'", async () => {
    const statePath = join(agentDir, "auth-state.json");
    writeFileSync(
      statePath,
      JSON.stringify({
        version: 1,
        usageStats: {
          "anthropic:old": { cooldownUntil: "1795430219982", note: "mine" },
          "openai:default": { cooldownUntil: "1795430219982" },
        },
      }),
      { mode: 0o600 },
    );
    const { code, stderr } = await run(["--probe", "--probe-provider", "anthropic", "--probe-record"]);
    expect(code).toBe(0);
    expect(stderr.match(/Warning: ignoring usageStats/g)).toHaveLength(2);
    const state = JSON.parse(readFileSync(statePath, "utf8"));
    expect(state.usageStats["anthropic:old"]).toMatchObject({
      cooldownUntil: expect.any(Number),
      cooldownReason: "auth",
      note: "mine",
    });
    expect(state.usageStats["openai:default"]).toEqual({ cooldownUntil: "1795430219982" });
  });

  it.each([
    [
      ["--probe", "--probe-timeout", "0"],
      /--probe-timeout must be a positive whole number of milliseconds, got "0"/,
    ],
    [["--probe", "--probe-timeout", "soon"], /--probe-timeout .* got "soon"/],
    [["--probe", "--probe-timeout", "1.5"], /--probe-timeout .* got "1.5"/],
    [["--probe", "--probe-concurrency", "0"], /--probe-concurrency must be a positive whole number, got "0"/],
    [["--probe", "--probe-max-tokens=-2"], /--probe-max-tokens must be a positive whole number, got "-2"/],
    [["--probe", "--probe-max-tokens", "many"], /--probe-max-tokens/],
    [["--probe", "--plain"], /--probe cannot be combined with --plain/],
    [["--probe-timeout", "3000"], /--probe-timeout only works with --probe/],
    [["--probe-chain"], /--probe-chain only works with --probe/],
    [["--probe", "--probe-profile", "anthropic:nope"], /--probe-profile "anthropic:nope": no such profile/],
  ])("%j is a usage error (64) and sends nothing", async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(64);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe("hostile endpoints and refs", () => {
  const configPath = () => join(home, ".modelctl", "modelctl.json");
  const editConfig = (edit: (config: { models: { providers: Record<string, object> } }) => void) => {
    const config = JSON.parse(readFileSync(configPath(), "utf8"));
    edit(config);
    writeFileSync(configPath(), JSON.stringify(config));
  };
  const saveProfiles = (profiles: Record<string, object>) =>
    writeFileSync(join(agentDir, "auth-profiles.json"), JSON.stringify({ version: 1, profiles }));

  it("a base URL with user:pass@ is bad data (65) for --probe, names the config key, sends nothing; status still works", async () => {
    editConfig((config) => {
      config.models.providers.openai = {
        baseUrl: `${server.origin.replace("http://", "http://proxy:hunter2-Pw7x@")}/openai`,
      };
    });
    const { code, stdout, stderr } = await run(["--probe", "--json"]);
    expect(code).toBe(65);
    expect(stdout).toBe("");
    expect(stderr).toContain("models.providers.openai.baseUrl");
    expect(stderr).toContain("credentials belong in the auth store");
    expect(stderr).not.toContain("hunter2");
    expect(server.requests).toHaveLength(0);
    expect((await run(["--json"])).code).toBe(0);
  });

  it("a credential about to go over plain http:// to a host that is not loopback is warned about, once per host", async () => {
    // `lan-box.test` stands for a machine on the LAN; the preloaded hook resolves it to the local test server, so
    // the probes are really sent and no packet leaves this machine.
    const port = new URL(server.origin).port;
    editConfig((config) => {
      config.models.providers.openai = { baseUrl: `http://lan-box.test:${port}/openai` };
    });
    saveProfiles({
      "openai:a": { type: "api_key", provider: "openai", key: KEYS.openai },
      "openai:b": { type: "api_key", provider: "openai", key: KEYS.openrouter },
      "anthropic:work": { type: "api_key", provider: "anthropic", key: KEYS.anthropicGood },
    });
    const { code, stdout, stderr } = await runBin(home, ["models", "status", "--probe", "--json"], {
      nodeArgs: ["--import", LAN_HOST_HOOK],
    });
    expect(code).toBe(0);
    const warnings = stderr.split("\n").filter((line) => line.startsWith("Warning:"));
    expect(warnings).toEqual([expect.stringContaining(`http://lan-box.test:${port} over plain http://`)]);
    expect(warnings[0]).toContain("openai");
    // Warned, not refused: both openai profiles were sent; the loopback origin (anthropic) is not warned about.
    const results = probesOf(stdout).results;
    expect(
      results.filter((result) => result.provider === "openai" && result.latencyMs !== undefined),
    ).toHaveLength(2);
    expect(stderr).not.toContain(server.origin);
    expect(results.find((result) => result.provider === "anthropic")?.status).toBe("ok");
  });

  it("a host that drops packets: the probe is a timeout at --probe-timeout, and the command ends then too", async () => {
    const silent = await openSilentPort();
    try {
      editConfig((config) => {
        config.models.providers.openai = { baseUrl: `http://127.0.0.1:${silent.port}/v1` };
      });
      const started = performance.now();
      // The bin, not main(): what is tested is that the process ends at the deadline while a connection attempt
      // is still open, which only exiting does.
      const { code, stdout } = await runBin(
        home,
        ["models", "status", "--probe", "--json", "--probe-timeout", "300", "--probe-provider", "openai"],
        { env: ENV },
      );
      const wallMs = performance.now() - started;
      expect(code).toBe(0);
      expect(probesOf(stdout).results).toMatchObject([{ provider: "openai", status: "timeout" }]);
      // The runtime's fetch would hold the process for its own 10 s connect timeout; a busy machine adds well under 5 s.
      expect(wallMs).toBeLessThan(6_000);
    } finally {
      silent.close();
    }
  });

  it("exec refs of different providers run at once, each stopped (with what it started) at --probe-timeout", async () => {
    const log = join(home, "exec.log");
    // Each command notes its pid and start time, starts a grandchild, and never prints a key.
    const command = `echo "$$ $(date +%s%N)" >> ${log}; sleep 30 & echo "$! 0" >> ${log}; wait`;
    saveProfiles({
      "openai:ref": { type: "api_key", provider: "openai", keyRef: { source: "exec", id: command } },
      "anthropic:ref": { type: "api_key", provider: "anthropic", keyRef: { source: "exec", id: command } },
    });
    const started = performance.now();
    const { code, stdout } = await run(["--probe", "--json", "--probe-timeout", "1500"]);
    const wallMs = performance.now() - started;
    expect(code).toBe(0);
    const rows = probesOf(stdout).results.filter((result) => result.label.endsWith(":ref"));
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({
        status: "unresolved_ref",
        error: expect.stringContaining("did not finish within 1500 ms"),
      });
    const entries = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(" ").map(Number) as [number, number]);
    const starts = entries.filter(([, at]) => at > 0).map(([, at]) => at / 1e6);
    expect(starts).toHaveLength(2);
    // Concurrent: the second started long before the first one's timeout (one after the other, 1500 ms apart).
    expect(Math.abs((starts[0] as number) - (starts[1] as number))).toBeLessThan(1000);
    // Generous for a busy machine; one after the other with the old 10 s per exec ref took over 20 s.
    expect(wallMs).toBeLessThan(9000);
    const pids = entries.map(([pid]) => pid);
    expect(pids).toHaveLength(4);
    await expect.poll(() => pids.filter(alive)).toEqual([]);
  });

  it("Ctrl-C while an exec ref runs stops its command too, and the process ends on the signal", async () => {
    const log = join(home, "exec.log");
    writeFileSync(log, "");
    // The command and a grandchild note their pids, then wait far longer than the test.
    const command = `echo $$ >> ${log}; sleep 60 & echo $! >> ${log}; wait`;
    saveProfiles({
      "openai:ref": { type: "api_key", provider: "openai", keyRef: { source: "exec", id: command } },
    });
    const child = spawn(process.execPath, [BIN, "models", "status", "--probe", "--probe-timeout", "60000"], {
      env: { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: join(home, ".modelctl"), NO_COLOR: "1" },
      stdio: "ignore",
    });
    const ended = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    try {
      await expect
        .poll(() => readFileSync(log, "utf8").trim().split("\n").length, { timeout: 20_000 })
        .toBe(2);
      child.kill("SIGINT");
      expect(await ended).toBe("SIGINT");
      const pids = readFileSync(log, "utf8").trim().split("\n").map(Number);
      await expect.poll(() => pids.filter(alive)).toEqual([]);
    } finally {
      child.kill("SIGKILL");
      // Whatever the outcome, nothing the test started stays behind.
      for (const pid of readFileSync(log, "utf8").trim().split("\n").map(Number).filter(Boolean))
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Gone already.
        }
    }
  });
});

/** Whether a process is running (a zombie, killed and not yet reaped, is not). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

it("the CLI's probe defaults are the engine's", async () => {
  const { PROBE_DEFAULTS } = await import("../src/probe-options.js");
  const probe = await import("@modelctl/probe");
  expect(PROBE_DEFAULTS).toEqual({
    timeoutMs: probe.DEFAULT_TIMEOUT_MS,
    concurrency: probe.DEFAULT_CONCURRENCY,
    maxTokens: probe.DEFAULT_MAX_TOKENS,
  });
});

it("an invalid --probe-model ref is bad data (65) that quotes it", async () => {
  const { code, stdout, stderr } = await run(["--probe", "--probe-model", "anthropic/"]);
  expect(code).toBe(65);
  expect(stdout).toBe("");
  expect(stderr).toContain('"anthropic/"');
  expect(server.requests).toHaveLength(0);
});

describe("start-up cost", () => {
  // Logs every module URL node resolves, through a module hook loaded before the bin.
  const hook = `data:text/javascript,${encodeURIComponent(`
    import { registerHooks } from "node:module";
    import { appendFileSync } from "node:fs";
    registerHooks({ resolve(specifier, context, next) {
      const result = next(specifier, context);
      appendFileSync(process.env.LOAD_LOG, result.url + "\\n");
      return result;
    } });`)}`;

  async function loaded(args: string[]): Promise<string[]> {
    const log = join(home, "loaded.txt");
    writeFileSync(log, "");
    const { code } = await runBin(home, ["models", "status", ...args], {
      env: { LOAD_LOG: log },
      nodeArgs: ["--import", hook],
    });
    expect(code).toBe(0);
    return readFileSync(log, "utf8").split("\n").filter(Boolean);
  }

  it("status without --probe loads no probe, ky or p-queue code; with --probe it does", async () => {
    const plain = await loaded([]);
    expect(plain.some((url) => url.includes("/cli/dist/cli.cjs"))).toBe(true);
    // Not just /probe/: a checkout may live under a folder of that name.
    expect(plain.filter((url) => /\/probe\/(dist|src)\/|\/ky\/|p-queue/.test(url))).toEqual([]);
    const probing = await loaded(["--probe", "--probe-provider", "ollama"]);
    expect(probing.some((url) => url.includes("/probe/dist/"))).toBe(true);
    expect(probing.some((url) => url.includes("/ky/"))).toBe(true);
  });
});

describe("live progress", () => {
  async function statusWithTerminal(isTTY: boolean) {
    const { statusCommand } = await import("../src/commands/status.js");
    const out: string[] = [];
    const err: string[] = [];
    const { Readable } = await import("node:stream");
    const code = await statusCommand(
      {
        stdin: Readable.from([]),
        stdout: { write: (text: string) => out.push(text), isTTY, columns: 100 },
        stderr: { write: (text: string) => err.push(text), isTTY },
        env: { MODELCTL_HOME: join(home, ".modelctl"), GEMINI_API_KEY: KEYS.gemini },
        homedir: home,
        programName: "modelctl",
      },
      { probe: true, probeProvider: "anthropic" },
    );
    return { code, stdout: out.join(""), stderr: err.join("") };
  }

  it("on a terminal: one line on stderr, redrawn per result and cleared at the end", async () => {
    const { code, stdout, stderr } = await statusWithTerminal(true);
    expect(code).toBe(0);
    expect(stderr).toContain("Probing 0/2…");
    expect(stderr).toContain("Probing 2/2…");
    expect(stderr.endsWith("\r\x1b[2K")).toBe(true);
    expect(stdout).not.toContain("Probing");
    // A terminal gets colour: the frame is measured without its codes.
    expect(stdout).toContain("\x1b[32mok\x1b[39m");
    const table = stripVTControlCharacters(stdout)
      .split("\n")
      .filter((line) => /^[│┌├└]/.test(line));
    expect(table.length).toBeGreaterThan(4);
    expect(table.every((line) => line.length <= 100)).toBe(true);
  });

  it("without a terminal: nothing on stderr", async () => {
    const { stderr } = await statusWithTerminal(false);
    expect(stderr).toBe("");
  });
});
