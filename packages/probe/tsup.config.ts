import { defineConfig } from "tsup";
import { libraryOptions } from "../../tsup.shared.ts";

// `./errors` is an entry of its own so that a program can recognise this package's errors (`isInstance`) without
// loading the rest of the package: the modelctl bin does so at start-up. `./model-cache` likewise reads and writes
// the model cache without ky or p-queue: `models list` reads it on every run; `./usage` the usage cache and its line,
// which plain `models status` shows.
export default defineConfig({
  ...libraryOptions,
  entry: ["src/index.ts", "src/errors.ts", "src/model-cache.ts", "src/usage.ts"],
});
