import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string, module = "index") =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${module}.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Unit tests and most CLI tests (`runCli`) run against the sources; the CLI tests that need a real process
    // (`runBin`: pipes, signals, exit, start-up) run the built bin as a child process.
    // The subpaths (`/errors`, `/catalog`) first: an alias also matches the names that start with it.
    alias: {
      "@modelctl/model-ref/errors": src("model-ref", "errors"),
      "@modelctl/model-ref/catalog": src("model-ref", "catalog"),
      "@modelctl/auth-profiles/errors": src("auth-profiles", "errors"),
      "@modelctl/auth-profiles/oauth": src("auth-profiles", "oauth"),
      "@modelctl/auth-profiles/login": src("auth-profiles", "login"),
      "@modelctl/probe/errors": src("probe", "errors"),
      "@modelctl/probe/model-cache": src("probe", "model-cache"),
      "@modelctl/probe/usage": src("probe", "usage"),
      "@modelctl/safe-file/errors": src("safe-file", "errors"),
      "@modelctl/model-ref": src("model-ref"),
      "@modelctl/safe-file": src("safe-file"),
      "@modelctl/auth-profiles": src("auth-profiles"),
      "@modelctl/probe": src("probe"),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // Child-process tests share 2 cores on CI with everything else; give them room, never assert on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
