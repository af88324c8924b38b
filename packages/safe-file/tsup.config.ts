import { defineConfig } from "tsup";
import { libraryOptions } from "../../tsup.shared.ts";

// `./errors` is an entry of its own so that a program can recognise this package's errors (`isInstance`) without
// loading the rest of it (the modelctl bin maps every error to an exit code before any command runs).
export default defineConfig({ ...libraryOptions, entry: ["src/index.ts", "src/errors.ts"] });
