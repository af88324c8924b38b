// `plugins list`: the provider plugins modelctl knows, with auth methods, env vars, catalog size and credentials.
import { afterAll, describe, expect, it } from "vitest";
import { PluginsJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

const { home, cleanup } = tempHome();
afterAll(() => cleanup());
const CANARY = "sk-ant-api03-canary-plugins-0123456789";

describe("plugins list", () => {
  it("--json: OpenClaw's .plugins[].id shape and ours, valid against the published schema", async () => {
    const { code, stdout, stderr } = await runCli(home, ["plugins", "list", "--json"], {
      env: { ANTHROPIC_API_KEY: CANARY },
    });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).not.toContain(CANARY);
    const doc = PluginsJsonSchema.parse(JSON.parse(stdout));
    const byId = Object.fromEntries(doc.plugins.map((plugin) => [plugin.id, plugin]));
    expect(byId.anthropic).toMatchObject({
      kind: "provider",
      name: "Anthropic",
      enabled: true,
      providerIds: ["anthropic"],
      authMethods: ["api-key", "token"],
      envVars: ["ANTHROPIC_OAUTH_TOKEN", "ANTHROPIC_API_KEY"],
      credentials: true,
    });
    expect(byId.anthropic?.catalogModels).toBeGreaterThan(5);
    expect(byId.openai).toMatchObject({ credentials: false });
    expect(byId.ollama).toMatchObject({
      authMethods: ["local", "api-key"],
      catalogModels: 0,
      credentials: true,
    });
    // The rows it printed before are still there.
    expect(doc.providers.map((provider) => provider.id)).toEqual(doc.plugins.map((plugin) => plugin.id));
  });

  it("prints one line per provider, and ids alone with --plain", async () => {
    const { stdout } = await runCli(home, ["plugins", "list"]);
    expect(stdout).toMatch(/^Built-in providers \(\d+\):\n/);
    expect(stdout).toMatch(
      /^- anthropic +Anthropic \[anthropic-messages\] auth: api-key, token; env: ANTHROPIC_OAUTH_TOKEN, ANTHROPIC_API_KEY; \d+ catalog models; credentials: no$/m,
    );
    const plain = await runCli(home, ["plugins", "list", "--plain"]);
    expect(plain.stdout.split("\n")).toContain("github-copilot");
  });
});
