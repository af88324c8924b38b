// Start-up cost: `models status` builds the zod schemas it uses and no other. Without a config or auth file there
// is nothing to validate, and printing (text or --json) needs no schema, so such a run builds none.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBin, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
});
afterEach(() => cleanup());

// zod (inlined in the bin) hands every schema it constructs to `globalThis.__zod_globalConfig.postProcessor`; the
// hook counts them and reports the count on stderr at exit. The last test keeps the count honest: were the hook to
// go away in a zod release, it would read 0 there and fail.
const hook = `data:text/javascript,${encodeURIComponent(`
  let built = 0;
  globalThis.__zod_globalConfig = { postProcessor: () => { built++; } };
  process.on("exit", () => process.stderr.write("zod schemas built: " + built + "\\n"));`)}`;

async function schemasBuilt(args: string[]): Promise<number> {
  const { code, stderr } = await runBin(home, ["models", "status", ...args], {
    nodeArgs: ["--import", hook],
  });
  expect(code).toBe(0);
  const count = /zod schemas built: (\d+)/.exec(stderr)?.[1];
  expect(count).toBeDefined();
  return Number(count);
}

describe("zod schemas built by models status", () => {
  it("none with no config or auth file, as text or as --json", async () => {
    expect(await schemasBuilt([])).toBe(0);
    expect(await schemasBuilt(["--json"])).toBe(0);
  });

  it("the config's and the store's when those files exist", async () => {
    mkdirSync(join(home, ".modelctl", "agents", "main", "agent"), { recursive: true });
    writeFileSync(join(home, ".modelctl", "modelctl.json"), JSON.stringify({ agents: { defaults: {} } }));
    writeFileSync(
      join(home, ".modelctl", "agents", "main", "agent", "auth-profiles.json"),
      JSON.stringify({ version: 1, profiles: {} }),
      { mode: 0o600 },
    );
    expect(await schemasBuilt([])).toBeGreaterThan(0);
  });
});
