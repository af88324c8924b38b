import { defineConfig } from "tsup";
import { libraryOptions } from "../../tsup.shared.ts";

export default defineConfig([
  // The library entry (registerModelsCommands, schemas): dependencies stay external for the host to install.
  libraryOptions,
  // The bin: one minified file with every dependency inlined. Node resolves no package and reads one file
  // (measured faster than a chain of chunks); modules reached only through a dynamic import are still evaluated
  // only when a command needs them.
  {
    ...libraryOptions,
    entry: { cli: "src/cli.ts" },
    dts: false,
    clean: false,
    // Everything but the prompt library, which only an interactive terminal session loads, and the probe engine
    // (with ky and p-queue), which only `--probe` loads: status without it never reads their code.
    noExternal: [/^(?!@clack\/|@modelctl\/probe$)/],
    external: [/^@clack\//, "@modelctl/probe"],
    splitting: false,
    minify: true,
    // CommonJS dependencies bundled into ESM need require, __filename and __dirname of their own.
    shims: true,
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
  },
]);
