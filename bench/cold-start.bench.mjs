// Cold start of `modelctl models status` against a bare `node -e 0` on the same machine and Node.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measure, measureBinWork, measureMemory } from "./timing.mjs";

const RUNS = 41;
const BIN = fileURLToPath(new URL("../packages/cli/bin/modelctl.js", import.meta.url));
const MEMORY_RUNS = 9;
const WORK_RUNS = 41;
/** Targets of issue 12: time and peak memory of `models status` against bare Node; `--json` against plain status. */
const TARGET = 1.6;
const MEMORY_TARGET = 1.2;
const JSON_TARGET = 1.1;
/** Issue 13: the whole catalog as JSON (OpenClaw's `models list` takes seconds to minutes). */
const LIST_TARGET = 3;

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
        listAll: [BIN, "models", "list", "--all", "--json"],
      },
      env,
      RUNS,
    );
    const memory = measureMemory(
      {
        node: ["-e", "0"],
        status: [BIN, "models", "status"],
        statusJson: [BIN, "models", "status", "--json"],
      },
      env,
      MEMORY_RUNS,
    );
    const work = measureBinWork(
      {
        status: [BIN, "models", "status"],
        statusJson: [BIN, "models", "status", "--json"],
        help: [BIN, "--help"],
      },
      env,
      WORK_RUNS,
    );
    const ratio = (ms) => (ms / result.node).toFixed(2);
    const memoryRatio = (mb) => (mb / memory.node).toFixed(2);
    const mark = (ok) => (ok ? "✓" : "✗");
    return `## CLI cold start

Median of ${RUNS} runs each, alternating, after one warm-up run (which fills Node's compile cache), on the embedded
default state (empty home). Targets: \`models status\` at most ${TARGET}× bare Node in time and ${MEMORY_TARGET}× in
peak memory; \`--json\` within ${Math.round((JSON_TARGET - 1) * 100)} % of plain status.

| command | median | ratio to \`node -e 0\` |
|---|---:|---:|
| \`node -e 0\` | ${result.node.toFixed(1)} ms | 1.00 |
| \`modelctl models status\` | ${result.status.toFixed(1)} ms | ${ratio(result.status)} |
| \`modelctl models status --json\` | ${result.statusJson.toFixed(1)} ms | ${ratio(result.statusJson)} |
| \`modelctl --help\` | ${result.help.toFixed(1)} ms | ${ratio(result.help)} |
| \`modelctl models list --all --json\` (1,698 models) | ${result.listAll.toFixed(1)} ms | ${ratio(result.listAll)} |

Peak resident memory (the process's own \`maxRSS\` at exit), median of ${MEMORY_RUNS} alternating runs:

| command | peak RSS | ratio to \`node -e 0\` |
|---|---:|---:|
| \`node -e 0\` | ${memory.node.toFixed(1)} MB | 1.00 |
| \`modelctl models status\` | ${memory.status.toFixed(1)} MB | ${memoryRatio(memory.status)} |
| \`modelctl models status --json\` | ${memory.statusJson.toFixed(1)} MB | ${memoryRatio(memory.statusJson)} |

The bin's own time: from the end of Node's start-up to the process's exit (loading \`dist/cli.cjs\`, running the
command), as the process reports it (\`bench/bin-work.cjs\`), median of ${WORK_RUNS} alternating runs. Steadier than
the whole-process times above on a busy machine; compare these between builds to see a change of a millisecond:

| command | bin's own time |
|---|---:|
| \`modelctl models status\` | ${work.status.toFixed(2)} ms |
| \`modelctl models status --json\` | ${work.statusJson.toFixed(2)} ms |
| \`modelctl --help\` | ${work.help.toFixed(2)} ms |

- time: ${ratio(result.status)}× bare Node (target ≤ ${TARGET}) ${mark(result.status / result.node <= TARGET)}
- memory: ${memoryRatio(memory.status)}× bare Node (target ≤ ${MEMORY_TARGET}) ${mark(memory.status / memory.node <= MEMORY_TARGET)}
- \`--json\`: ${(result.statusJson / result.status).toFixed(2)}× plain status (target ≤ ${JSON_TARGET}) ${mark(result.statusJson / result.status <= JSON_TARGET)}
- \`models list --all --json\`: ${ratio(result.listAll)}× bare Node (target ≤ ${LIST_TARGET}) ${mark(result.listAll / result.node <= LIST_TARGET)}
`;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
