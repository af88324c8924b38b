// Cold start of `modelctl models status` against a bare `node -e 0` on the same machine and Node.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure } from "./timing.mjs";

const RUNS = 21;
const BIN = fileURLToPath(new URL("../packages/cli/bin/modelctl.js", import.meta.url));
const TARGET = 2;

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
      RUNS,
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
