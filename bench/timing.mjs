// Shared timing helpers of the benchmarks: wall time of a child process, medians, alternating runs.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** `command` is the node arguments, or `{ args, exitCodes }` for one that exits non-zero on purpose (`--check`). */
export function timeMs(command, env) {
  const { args, exitCodes = [0] } = Array.isArray(command) ? { args: command } : command;
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!exitCodes.includes(result.status))
    throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

/**
 * Runs `command` with a preload (`preloadFlag`, `preload`) that writes `<marker>=<number>` on stderr at exit, and
 * returns that number: what the process measured of itself.
 */
function selfReported(command, env, [preloadFlag, preload], marker) {
  const { args, exitCodes = [0] } = Array.isArray(command) ? { args: command } : command;
  const result = spawnSync(process.execPath, [preloadFlag, preload, ...args], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  if (!exitCodes.includes(result.status))
    throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  const value = new RegExp(`${marker}=(\\d+)`).exec(result.stderr)?.[1];
  if (value === undefined) throw new Error(`${args.join(" ")} reported no ${marker}`);
  return Number(value);
}

const PEAK_RSS = ["--import", fileURLToPath(new URL("./peak-rss.mjs", import.meta.url))];

/** Peak resident set size of one run, in MB (reported by the process itself at exit, through `peak-rss.mjs`). */
export const peakRssMb = (command, env) =>
  selfReported(command, env, PEAK_RSS, "MODELCTL_BENCH_MAXRSS_KB") / 1024;

// CommonJS, preloaded with --require: an ES module preload would start the ESM loader the bin itself never starts.
const BIN_WORK = ["--require", fileURLToPath(new URL("./bin-work.cjs", import.meta.url))];

/** The time one run spent after Node's own start-up (loading and running the bin), in ms, as the process reports it. */
export const binWorkMs = (command, env) =>
  selfReported(command, env, BIN_WORK, "MODELCTL_BENCH_WORK_NS") / 1e6;

/** Median time after Node's start-up per command over `runs` alternating runs, after one warm-up run each. */
export function measureBinWork(commands, env, runs) {
  for (const args of Object.values(commands)) binWorkMs(args, env);
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let i = 0; i < runs; i++)
    for (const [name, args] of Object.entries(commands)) samples[name].push(binWorkMs(args, env));
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/** Median peak memory per command over `runs` alternating runs. */
export function measureMemory(commands, env, runs) {
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let i = 0; i < runs; i++)
    for (const [name, args] of Object.entries(commands)) samples[name].push(peakRssMb(args, env));
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Alternates the commands so that load on the machine hits them alike; medians by name. */
export function measure(commands, env, runs) {
  for (const args of Object.values(commands)) timeMs(args, env); // warm the page cache and the compile cache
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let i = 0; i < runs; i++)
    for (const [name, args] of Object.entries(commands)) samples[name].push(timeMs(args, env));
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}
