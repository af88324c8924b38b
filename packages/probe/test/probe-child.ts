// probeAll in a process of its own, with the garbage collector forced every `gcEveryMs`: run by tests as
// `node --expose-gc --import ./ts-hooks.mjs probe-child.ts '<json>'`. Prints `{ wallMs, results }` and then exits
// by itself, which it only can once no timer or connection of the run is left open.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { probeAll } from "../src/index.js";
import type { ProbeTarget } from "../src/target.js";

interface ChildInput {
  readonly targets: ProbeTarget[];
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly gcEveryMs: number;
}

const input = JSON.parse(process.argv[2] ?? "{}") as ChildInput;
const { gc } = globalThis as { gc?: () => void };
if (!gc) throw new Error("run with node --expose-gc");
const loop = setInterval(gc, input.gcEveryMs);
const lag = monitorEventLoopDelay({ resolution: 5 });
lag.enable();
const started = performance.now();
const results = await probeAll(input.targets, { timeoutMs: input.timeoutMs, concurrency: input.concurrency });
const wallMs = performance.now() - started;
clearInterval(loop);
lag.disable();
process.stdout.write(JSON.stringify({ wallMs, results, maxLagMs: lag.max / 1e6 }));
