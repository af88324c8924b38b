// Preloaded (`node --require`) into a measured process: reports on stderr at exit how long the process ran after
// Node's own start-up, so the bin's work (loading its bundle, running the command) is timed apart from the
// bootstrap, whose jitter on a busy machine hides a change of a millisecond or two. CommonJS, so that preloading
// it starts no ES module loader the bin would not start itself.
"use strict";
const { writeSync } = require("node:fs");

const start = process.hrtime.bigint();
process.on("exit", () => {
  writeSync(2, `\nMODELCTL_BENCH_WORK_NS=${process.hrtime.bigint() - start}\n`);
});
