import { defineConfig } from "tsup";
import { libraryOptions } from "../../tsup.shared.ts";

// `./errors` is an entry of its own so that a program can recognise this package's errors (`isInstance`) without
// loading the rest of the package: the modelctl bin does so at start-up. `./login` (the sign-in flows) is one so that
// the main entry carries no HTTP or server code.
export default defineConfig({ ...libraryOptions, entry: ["src/index.ts", "src/errors.ts", "src/login.ts"] });
