#!/usr/bin/env node
// Committed so that `pnpm install` can link the bin before the first build; the code lives in ../dist.
import module from "node:module";

// Node's compile cache roughly halves the start-up cost of the bundled CLI from the second run on.
module.enableCompileCache?.();
const { mainAndExit } = await import("../dist/cli.js");
await mainAndExit(process.argv);
