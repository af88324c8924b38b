import { defineConfig } from "tsup";
import { libraryOptions } from "../../tsup.shared.ts";

// `./errors` is an entry of its own so that a program can recognise this package's errors (`isInstance`) without
// loading the rest of the package: the modelctl bin does so at start-up.
export default defineConfig({ ...libraryOptions, entry: ["src/index.ts", "src/errors.ts"] });
