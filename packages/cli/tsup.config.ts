import { defineConfig } from "tsup";
import { libraryOptions } from "../../tsup.shared.ts";

export default defineConfig([
  // The library entry (registerModelsCommands, schemas): dependencies stay external for the host to install.
  libraryOptions,
  // The bin: one bundle with its dependencies inlined, so start-up resolves no packages; commands load lazily.
  {
    ...libraryOptions,
    entry: { cli: "src/cli.ts" },
    dts: false,
    clean: false,
    noExternal: [/.*/],
    // CommonJS dependencies bundled into ESM need require, __filename and __dirname of their own.
    shims: true,
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
  },
]);
