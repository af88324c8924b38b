import { defineConfig } from "tsup";
import { libraryOptions } from "../../tsup.shared.ts";

export default defineConfig([
  // The library entry (registerModelsCommands, schemas): dependencies stay external for the host to install.
  libraryOptions,
  // The bin: one minified file with every dependency inlined. Node resolves no package and reads one file
  // (measured faster than a chain of chunks); modules reached only through a dynamic import are still evaluated
  // only when a command needs them. CommonJS (`dist/cli.cjs`, required by the CommonJS `bin/modelctl.js`): a process
  // that loads no ES module never starts Node's ESM loader, which took ~4 ms of a ~50 ms `models status` (measured
  // with alternating runs). The probe engine and the prompt library stay ES modules, loaded by `import()`.
  {
    ...libraryOptions,
    entry: { cli: "src/cli.ts" },
    format: ["cjs"],
    dts: false,
    clean: false,
    // Everything but the prompt library, which only an interactive terminal session loads, the probe engine (with
    // ky and p-queue), which only `--probe` loads, the model catalog (0.5 MB of data, which every start would
    // read and scan were it inlined), which only list, set and plugins load, and the sign-in flows, which only
    // `auth login` and `plugins list` load: status never reads their code. Inlined, the flows' static imports of
    // node:http and node:crypto would be required at the top of the bundle, on every start.
    noExternal: [
      /^(?!@clack\/|@modelctl\/probe$|@modelctl\/model-ref\/catalog$|@modelctl\/auth-profiles\/login$)/,
    ],
    external: [
      /^@clack\//,
      "@modelctl/probe",
      "@modelctl/model-ref/catalog",
      "@modelctl/auth-profiles/login",
    ],
    splitting: false,
    minify: true,
    // `import.meta.url` in bundled ES modules, made to work in CommonJS.
    shims: true,
    // dist/metafile-cjs.json (left out of the tarball): which packages' code is in the bundle, for
    // scripts/third-party-notices.mjs and the test that keeps THIRD_PARTY_NOTICES.md in step with it.
    metafile: true,
  },
]);
