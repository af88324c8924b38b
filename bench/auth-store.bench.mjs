// The auth store at scale: `models status` on 1,000 profiles, and update throughput with concurrent writer processes.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure } from "./timing.mjs";

const RUNS = 15;
const PROFILES = 1000;
const WRITERS = 8;
const UPDATES = 50;
const BIN = fileURLToPath(new URL("../packages/cli/bin/modelctl.js", import.meta.url));
const STORE = fileURLToPath(new URL("../packages/auth-profiles/dist/index.js", import.meta.url));
const PROVIDERS = ["anthropic", "openai", "google", "openrouter", "groq", "mistral", "xai", "deepseek"];

function bigStore(now) {
  const profiles = {};
  const usageStats = {};
  for (let i = 0; i < PROFILES; i++) {
    const provider = PROVIDERS[i % PROVIDERS.length];
    const id = `${provider}:p${i}`;
    const secret = `sk-bench-${i.toString(36).padStart(6, "0")}-0123456789abcdefghij`;
    profiles[id] =
      i % 3 === 0
        ? { type: "api_key", provider, key: secret }
        : i % 3 === 1
          ? { type: "token", provider, token: secret, expires: now + (i % 48) * 3_600_000 }
          : {
              type: "oauth",
              provider,
              access: secret,
              refresh: `r-${secret}`,
              expires: now + i * 60_000,
              email: `u${i}@example.com`,
            };
    if (i % 10 === 0) usageStats[id] = { cooldownUntil: now + 600_000, errorCount: 1 };
  }
  return { version: 1, profiles, usageStats };
}

function writer(agentDir, name) {
  const script = `
    const { updateAuthStore } = await import(${JSON.stringify(STORE)});
    for (let i = 0; i < ${UPDATES}; i++)
      await updateAuthStore(${JSON.stringify(agentDir)}, (draft) => {
        draft.usageStats[${JSON.stringify(name)} + ":" + i] = { lastUsed: i };
      }, { timeoutMs: 600000 });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`))));
  });
}

/** Wall time for `writers` processes each making UPDATES locked read-modify-writes of one store. */
async function throughput(root, writers) {
  const agentDir = join(root, `throughput-${writers}`);
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(join(agentDir, "auth-profiles.json"), JSON.stringify({ version: 1, profiles: {} }));
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: writers }, (_, i) => writer(agentDir, `w${i}`)));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const landed = Object.keys(
    JSON.parse(readFileSync(join(agentDir, "auth-state.json"), "utf8")).usageStats,
  ).length;
  if (landed !== writers * UPDATES) throw new Error(`lost updates: ${landed} of ${writers * UPDATES}`);
  return { seconds, perSecond: (writers * UPDATES) / seconds };
}

export async function run() {
  const root = mkdtempSync(join(tmpdir(), "modelctl-bench-store-"));
  try {
    const home = join(root, "home");
    const agentDir = join(home, ".modelctl", "agents", "main", "agent");
    mkdirSync(agentDir, { recursive: true });
    writeFileSync(join(agentDir, "auth-profiles.json"), JSON.stringify(bigStore(Date.now())));
    writeFileSync(
      join(home, ".modelctl", "modelctl.json"),
      JSON.stringify({
        agents: {
          defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] } },
        },
      }),
    );
    const env = { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: join(home, ".modelctl") };
    const times = measure(
      {
        node: ["-e", "0"],
        status: [BIN, "models", "status"],
        statusJson: [BIN, "models", "status", "--json"],
        check: { args: [BIN, "models", "status", "--check", "--plain"], exitCodes: [0, 1, 2] },
      },
      env,
      RUNS,
    );
    const ratio = (ms) => (ms / times.node).toFixed(2);
    const single = await throughput(root, 1);
    const contended = await throughput(root, WRITERS);
    return `## Auth store

\`models status\` on a store of ${PROFILES.toLocaleString("en")} profiles (api_key / token / oauth, ${PROFILES / 10} with cooldowns; ${(readFileSync(join(agentDir, "auth-profiles.json")).length / 1024).toFixed(0)} KB), median of ${RUNS} alternating runs:

| command | median | ratio to \`node -e 0\` |
|---|---:|---:|
| \`node -e 0\` | ${times.node.toFixed(1)} ms | 1.00 |
| \`modelctl models status\` | ${times.status.toFixed(1)} ms | ${ratio(times.status)} |
| \`modelctl models status --json\` | ${times.statusJson.toFixed(1)} ms | ${ratio(times.statusJson)} |
| \`modelctl models status --check --plain\` | ${times.check.toFixed(1)} ms | ${ratio(times.check)} |

Update throughput: each update takes both store locks, re-reads both files, and writes the state file atomically (temp + fsync + rename + folder fsync). Every run checks that all updates landed.

| writers | updates | wall time | updates/s |
|---:|---:|---:|---:|
| 1 | ${UPDATES} | ${single.seconds.toFixed(2)} s | ${single.perSecond.toFixed(0)} |
| ${WRITERS} (separate processes, one store) | ${WRITERS * UPDATES} | ${contended.seconds.toFixed(2)} s | ${contended.perSecond.toFixed(0)} |
`;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
