// Preloaded (`node --import`) into a measured process: reports its peak resident set size on stderr at exit.
import { writeSync } from "node:fs";

process.on("exit", () => {
  writeSync(2, `\nMODELCTL_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
