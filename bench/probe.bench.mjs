// Probe scheduling and deadlines against local servers: how close a run comes to its ideal, how exact the hard
// timeout is, what a run costs in memory, and the reference's offline scenario end to end through the CLI.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./timing.mjs";

const PROBE = fileURLToPath(new URL("../packages/probe/dist/index.js", import.meta.url));
const BIN = fileURLToPath(new URL("../packages/cli/bin/modelctl.js", import.meta.url));
const RUNS = 5;

const REPLY = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  choices: [{ index: 0, message: { role: "assistant", content: "OK" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 14, completion_tokens: 1, total_tokens: 15 },
});

/** A server in this process: answers every request after `delayMs`, or never when `delayMs` is undefined. */
async function server(delayMs) {
  const http = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (delayMs === undefined) return;
      setTimeout(() => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(REPLY);
      }, delayMs);
    });
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${http.address().port}`,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(resolve);
      }),
  };
}

/** Runs `script` in a child node (so the server here keeps its own event loop) and returns its JSON output. */
function child(args, env = process.env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const proc = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (chunk) => (stdout += chunk));
    proc.stderr.on("data", (chunk) => (stderr += chunk));
    proc.on("exit", (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`child exited ${code}: ${stderr}`));
      else resolve({ stdout, wallMs });
    });
  });
}

/** probeAll over `count` identical targets in a fresh process; wall time inside it, results, peak RSS. */
async function probeRun(origin, count, options) {
  const script = `
    const { probeAll } = await import(${JSON.stringify(PROBE)});
    const targets = Array.from({ length: ${count} }, (_, i) => ({
      provider: "bench", api: "openai-completions", baseUrl: ${JSON.stringify(origin)},
      model: "m-" + i, credential: { type: "api_key", secret: "sk-bench-0000000000" },
    }));
    const baseline = process.resourceUsage().maxRSS;
    const started = performance.now();
    const results = await probeAll(targets, ${JSON.stringify(options)});
    const wallMs = performance.now() - started;
    console.log(JSON.stringify({
      wallMs, baselineRssKb: baseline, peakRssKb: process.resourceUsage().maxRSS,
      statuses: [...new Set(results.map((r) => r.status))],
      maxLatencyMs: Math.max(...results.map((r) => r.latencyMs ?? 0)),
    }));`;
  return JSON.parse((await child(["--input-type=module", "-e", script])).stdout);
}

async function scheduling() {
  const srv = await server(100);
  try {
    const ideal = Math.ceil(200 / 16) * 100;
    const runs = [];
    for (let i = 0; i < RUNS; i++)
      runs.push(await probeRun(srv.origin, 200, { concurrency: 16, timeoutMs: 8000 }));
    if (runs.some((run) => run.statuses.join() !== "ok"))
      throw new Error(`not all ok: ${JSON.stringify(runs)}`);
    const wall = median(runs.map((run) => run.wallMs));
    return { ideal, wall, ratio: wall / ideal, runs };
  } finally {
    await srv.close();
  }
}

async function deadlines() {
  const srv = await server(undefined);
  try {
    const ideal = Math.ceil(32 / 8) * 500;
    const runs = [];
    for (let i = 0; i < RUNS; i++)
      runs.push(await probeRun(srv.origin, 32, { concurrency: 8, timeoutMs: 500 }));
    if (runs.some((run) => run.statuses.join() !== "timeout"))
      throw new Error(`not all timeout: ${JSON.stringify(runs)}`);
    const wall = median(runs.map((run) => run.wallMs));
    return {
      ideal,
      wall,
      ratio: wall / ideal,
      maxLatency: Math.max(...runs.map((run) => run.maxLatencyMs)),
      runs,
    };
  } finally {
    await srv.close();
  }
}

/**
 * The transcript's run (`--probe-timeout 3000 --probe-concurrency 4`, 8 targets sent, nothing answering), through
 * the CLI: 8 profiles whose endpoints accept the connection and never answer, the worst case for a deadline.
 */
async function offline() {
  const srv = await server(undefined);
  const home = mkdtempSync(join(tmpdir(), "modelctl-bench-probe-"));
  try {
    const agentDir = join(home, "agents", "main", "agent");
    mkdirSync(agentDir, { recursive: true });
    const providers = ["anthropic", "google", "minimax", "openai", "openrouter", "xai"];
    writeFileSync(
      join(home, "modelctl.json"),
      JSON.stringify({
        agents: {
          defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] } },
        },
        models: {
          providers: Object.fromEntries(providers.map((id) => [id, { baseUrl: `${srv.origin}/${id}` }])),
        },
      }),
    );
    const key = (i) => `sk-bench-offline-${i}-0123456789`;
    const profiles = {
      "anthropic:manual": { type: "token", provider: "anthropic", token: key(1) },
      "anthropic:soon": { type: "token", provider: "anthropic", token: key(2) },
      "anthropic:static": { type: "token", provider: "anthropic", token: key(3) },
      "google:default": { type: "api_key", provider: "google", key: key(4) },
      "minimax:default": { type: "api_key", provider: "minimax", key: key(5) },
      "openai:default": { type: "api_key", provider: "openai", key: key(6) },
      "openrouter:default": { type: "api_key", provider: "openrouter", key: key(7) },
      "xai:default": { type: "api_key", provider: "xai", key: key(8) },
    };
    writeFileSync(join(agentDir, "auth-profiles.json"), JSON.stringify({ version: 1, profiles }));
    const env = { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: home };
    const args = [
      BIN,
      "models",
      "status",
      "--probe",
      "--json",
      "--probe-timeout",
      "3000",
      "--probe-concurrency",
      "4",
    ];
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const { stdout, wallMs } = await child(args, env);
      const probes = JSON.parse(stdout).auth.probes;
      const statuses = [...new Set(probes.results.map((result) => result.status))];
      if (probes.totalTargets !== 8 || statuses.join() !== "timeout")
        throw new Error(`unexpected offline run: ${probes.totalTargets} targets, ${statuses}`);
      runs.push({ wallMs, maxLatencyMs: Math.max(...probes.results.map((result) => result.latencyMs)) });
    }
    return runs;
  } finally {
    rmSync(home, { recursive: true, force: true });
    await srv.close();
  }
}

const ms = (value) => `${Math.round(value)} ms`;
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

export async function run() {
  const sched = await scheduling();
  const dead = await deadlines();
  const off = await offline();
  const peak = Math.max(...sched.runs.map((r) => r.peakRssKb));
  const base = Math.min(...sched.runs.map((r) => r.baselineRssKb));
  const offWorst = Math.max(...off.map((r) => r.wallMs));
  return `## Probes

Each run is a fresh Node process calling \`probeAll\` against a \`node:http\` server in the bench process on
127.0.0.1 (OpenAI chat-completions replies); medians of ${RUNS} runs.

| scenario | ideal | median wall | ratio | target |
|---|---:|---:|---:|---|
| 200 targets, server answers in 100 ms, concurrency 16 | ${ms(sched.ideal)} (\`ceil(200/16) × 100\`) | ${ms(sched.wall)} | ${sched.ratio.toFixed(3)} | ≤ 1.15 ${sched.ratio <= 1.15 ? "✓" : "✗"} |
| 32 targets, server never answers, timeout 500 ms, concurrency 8 | ${ms(dead.ideal)} (\`4 × 500\`) | ${ms(dead.wall)} | ${dead.ratio.toFixed(3)} | ≤ 1.2 ${dead.ratio <= 1.2 ? "✓" : "✗"} |

- Never-answering server: every result \`timeout\`; the slowest single probe over all runs took ${ms(dead.maxLatency)} (target ≤ 600 ms ${dead.maxLatency <= 600 ? "✓" : "✗"}).
- Memory of the 200-target run: peak RSS ${mb(peak)}, of which ${mb(base)} is Node with the library loaded before the run (so ≈ ${mb(peak - base)} for 200 requests, replies and results).

The reference's offline run (transcript \`03-probe.txt\`: 8 targets sent, \`--probe-timeout 3000 --probe-concurrency 4\`,
83.7 s there), through the CLI (\`modelctl models status --probe --json\`, whole process) with all 8 endpoints
accepting the connection and never answering — the worst case: ${off.map((r) => `${(r.wallMs / 1000).toFixed(2)} s`).join(", ")}
(slowest probe ${ms(Math.max(...off.map((r) => r.maxLatencyMs)))}). Ideal \`ceil(8/4) × 3000\` = 6.00 s; target < 7 s ${offWorst < 7000 ? "✓" : "✗"}.
`;
}
