// Cold start of `modelctl models status` against a bare `node -e 0` on the same machine and Node.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = 21;
const BIN = fileURLToPath(new URL("../packages/cli/bin/modelctl.js", import.meta.url));
const TARGET = 2;

function timeMs(args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Alternates the two commands so that load on the machine hits both alike. */
function measure(commands, env) {
  for (const args of Object.values(commands)) timeMs(args, env); // warm the page cache and the compile cache
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let i = 0; i < RUNS; i++)
    for (const [name, args] of Object.entries(commands)) samples[name].push(timeMs(args, env));
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

export async function run() {
  const home = mkdtempSync(join(tmpdir(), "modelctl-bench-"));
  try {
    const env = { PATH: process.env.PATH, HOME: home, MODELCTL_HOME: join(home, ".modelctl") };
    const result = measure(
      {
        node: ["-e", "0"],
        status: [BIN, "models", "status"],
        statusJson: [BIN, "models", "status", "--json"],
        help: [BIN, "--help"],
      },
      env,
    );
    const ratio = (ms) => (ms / result.node).toFixed(2);
    const verdict = result.status / result.node <= TARGET ? "within" : "OVER";
    return `## CLI cold start

Median of ${RUNS} runs each, alternating, after one warm-up run (which fills Node's compile cache), on the embedded
default state (empty home). Target: \`models status\` at most ${TARGET}× bare Node.

| command | median | ratio to \`node -e 0\` |
|---|---:|---:|
| \`node -e 0\` | ${result.node.toFixed(1)} ms | 1.00 |
| \`modelctl models status\` | ${result.status.toFixed(1)} ms | ${ratio(result.status)} |
| \`modelctl models status --json\` | ${result.statusJson.toFixed(1)} ms | ${ratio(result.statusJson)} |
| \`modelctl --help\` | ${result.help.toFixed(1)} ms | ${ratio(result.help)} |

\`models status\` is ${verdict} the ${TARGET}× target.
`;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
