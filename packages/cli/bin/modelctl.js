#!/usr/bin/env node
// Committed so that `pnpm install` can link the bin before the first build; the code lives in ../dist.
// CommonJS (see bin/package.json): a process that loads no ES module never starts Node's ESM loader.
"use strict";

// Node's compile cache roughly halves the start-up cost of the bundled CLI from the second run on.
require("node:module").enableCompileCache?.();
require("../dist/cli.cjs").mainAndExit(process.argv);
