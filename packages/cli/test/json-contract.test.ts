// Every --json document matches the zod schema the package exports (and publishes as JSON Schema).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthListJsonSchema, AuthOrderJsonSchema, StatusJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

const FIXTURE = new URL("../../auth-profiles/test/fixtures/handwritten-auth-profiles.json", import.meta.url);
const { home, cleanup } = tempHome();
const empty = tempHome();
beforeAll(() => {
  const agentDir = join(home, ".modelctl", "agents", "main", "agent");
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(join(agentDir, "auth-profiles.json"), readFileSync(FIXTURE));
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({
      agents: {
        defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["groq/llama-3.3-70b"] } },
      },
    }),
  );
});
afterAll(() => {
  cleanup();
  empty.cleanup();
});

const parsed = async (target: string, args: string[], env: Record<string, string> = {}) => {
  const result = await runCli(target, args, { env });
  return JSON.parse(result.stdout) as unknown;
};

describe("--json documents match their schemas", () => {
  it.each([
    ["status on the reference store", () => parsed(home, ["models", "status", "--json"])],
    [
      "status with an env key",
      () => parsed(home, ["models", "status", "--json"], { GROQ_API_KEY: "gsk_0123456789abcdef" }),
    ],
    ["status on an empty home", () => parsed(empty.home, ["models", "status", "--json"])],
  ])("%s", async (_name, load) => {
    const result = StatusJsonSchema.safeParse(await load());
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("auth list", async () => {
    const result = AuthListJsonSchema.safeParse(await parsed(home, ["models", "auth", "list", "--json"]));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("auth order get, with and without an override", async () => {
    for (const provider of ["openai", "anthropic"]) {
      const result = AuthOrderJsonSchema.safeParse(
        await parsed(home, ["models", "auth", "order", "get", "--provider", provider, "--json"]),
      );
      expect(result.success ? [] : result.error.issues).toEqual([]);
    }
  });
});
