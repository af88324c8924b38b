import { defineConfig } from "tsup";
import { libraryOptions } from "../../tsup.shared.ts";

// `./errors` is an entry of its own so that a program can recognise this package's errors (`isInstance`) without
// loading the rest of the package: the modelctl bin does so at start-up. `./catalog` is one so that the main entry
// never carries the catalog's data: a program pays for it only when it imports it.
export default defineConfig({
  ...libraryOptions,
  entry: ["src/index.ts", "src/errors.ts", "src/catalog.ts"],
});
