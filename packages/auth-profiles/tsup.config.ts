import { defineConfig } from "tsup";
import { libraryOptions } from "../../tsup.shared.ts";

// `./errors` is an entry of its own so that a program can recognise this package's errors (`isInstance`) without
// loading the rest of the package: the modelctl bin does so at start-up. `./oauth` holds the network side of OAuth
// refresh and `./login` the sign-in flows, so that the main entry (bundled into the bin) carries no HTTP or server code.
export default defineConfig({
  ...libraryOptions,
  entry: ["src/index.ts", "src/errors.ts", "src/oauth.ts", "src/login.ts"],
});
