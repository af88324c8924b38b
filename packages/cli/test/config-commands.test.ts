import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let configPath: string;
const run = (...args: string[]) => runCli(home, args);
const readConfig = () => JSON.parse(readFileSync(configPath, "utf8"));

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  configPath = join(home, ".modelctl", "modelctl.json");
});
afterEach(() => cleanup());

describe("models status on a fresh home", () => {
  it("shows the built-in default and says it is one", async () => {
    const result = await run("models", "status");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Config        : ~/.modelctl/modelctl.json");
    expect(result.stdout).toContain("Agent dir     : ~/.modelctl/agents/main/agent");
    expect(result.stdout).toMatch(/^Default {7}: openai\/gpt-5\.5 \(built-in default/m);
    expect(result.stdout).toContain("Configured models (0): all");
    expect(existsSync(configPath)).toBe(false);
  });

  it("prints the reference's JSON fields, with absolute paths", async () => {
    const result = await run("models", "status", "--json");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({
      configPath,
      agentDir: join(home, ".modelctl", "agents", "main", "agent"),
      defaultModel: "openai/gpt-5.5",
      resolvedDefault: "openai/gpt-5.5",
      fallbacks: [],
      imageModel: null,
      imageFallbacks: [],
      aliases: {},
      allowed: [],
      defaultResolution: { via: "built-in", provider: "openai", model: "gpt-5.5" },
    });
  });

  it("bare `models` is `models status`", async () => {
    const result = await run("models", "--plain");
    expect(result).toMatchObject({ code: 0, stdout: "openai/gpt-5.5\n" });
  });
});

describe("choosing models", () => {
  it("sets the default through an alias", async () => {
    expect((await run("models", "aliases", "add", "opus", "anthropic/claude-opus-4-6")).stdout).toContain(
      "Alias opus -> anthropic/claude-opus-4-6",
    );
    const set = await run("models", "set", "opus");
    expect(set.code).toBe(0);
    expect(set.stdout).toBe("Updated ~/.modelctl/modelctl.json\nDefault model: anthropic/claude-opus-4-6\n");
    expect((await run("models", "status", "--plain")).stdout).toBe("anthropic/claude-opus-4-6\n");
    expect(readConfig().agents.defaults.model.primary).toBe("anthropic/claude-opus-4-6");
  });

  it("splits a nested OpenRouter ref on the first slash", async () => {
    await run("models", "set", "openrouter/moonshotai/kimi-k2");
    const doc = JSON.parse((await run("models", "status", "--json")).stdout);
    expect(doc.resolvedDefault).toBe("openrouter/moonshotai/kimi-k2");
    expect(doc.defaultResolution).toMatchObject({
      provider: "openrouter",
      model: "moonshotai/kimi-k2",
      via: "explicit",
    });
  });

  it("reads a bare id with the default provider and says so on stderr", async () => {
    const result = await run("models", "set", "gpt-5.2");
    expect(result.stdout).toContain("Default model: openai/gpt-5.2");
    expect(result.stderr).toMatch(/"gpt-5\.2" has no provider.*openai\/gpt-5\.2/);
  });

  it("explains an aliased default in human status", async () => {
    await run("models", "aliases", "add", "opus", "anthropic/claude-opus-4-6");
    writeFileSync(
      configPath,
      JSON.stringify({
        ...readConfig(),
        agents: { defaults: { ...readConfig().agents.defaults, model: "opus" } },
      }),
    );
    expect((await run("models", "status")).stdout).toContain(
      "Default       : anthropic/claude-opus-4-6 (from opus)",
    );
  });

  it("sets the image model and its fallbacks", async () => {
    expect((await run("models", "set-image", "openai/gpt-5.2")).stdout).toContain(
      "Image model: openai/gpt-5.2",
    );
    expect((await run("models", "image-fallbacks", "add", "google/gemini-2.5-flash")).stdout).toContain(
      "Image fallbacks: google/gemini-2.5-flash",
    );
    expect(JSON.parse((await run("models", "image-fallbacks", "list", "--json")).stdout)).toEqual({
      fallbacks: ["google/gemini-2.5-flash"],
    });
    const status = JSON.parse((await run("models", "status", "--json")).stdout);
    expect(status).toMatchObject({
      imageModel: "openai/gpt-5.2",
      imageFallbacks: ["google/gemini-2.5-flash"],
    });
    expect((await run("models", "image-fallbacks", "remove", "google/gemini-2.5-flash")).stdout).toContain(
      "Image fallbacks: -",
    );
    expect((await run("models", "image-fallbacks", "clear")).stdout).toContain(
      "Image fallback list cleared.",
    );
  });
});

describe("aliases", () => {
  it("lists in three forms, moves a re-used alias and keeps one alias per model", async () => {
    await run("models", "aliases", "add", "opus", "anthropic/claude-opus-4-6");
    await run("models", "aliases", "add", "Fast", "openai/gpt-5.2");
    await run("models", "aliases", "add", "fast2", "fast");
    expect(JSON.parse((await run("models", "aliases", "list", "--json")).stdout)).toEqual({
      aliases: { opus: "anthropic/claude-opus-4-6", fast2: "openai/gpt-5.2" },
    });
    expect((await run("models", "aliases", "list", "--plain")).stdout).toBe(
      "opus anthropic/claude-opus-4-6\nfast2 openai/gpt-5.2\n",
    );
    expect((await run("models", "aliases")).stdout).toBe(
      "Aliases (2):\n- opus -> anthropic/claude-opus-4-6\n- fast2 -> openai/gpt-5.2\n",
    );
    await run("models", "aliases", "add", "opus", "anthropic/claude-opus-4-7");
    expect(readConfig().agents.defaults.models).toMatchObject({
      "anthropic/claude-opus-4-6": {},
      "anthropic/claude-opus-4-7": { alias: "opus" },
    });
    expect(readConfig().agents.defaults.models["anthropic/claude-opus-4-6"].alias).toBeUndefined();
  });

  it("removes an alias and reports one that does not exist", async () => {
    await run("models", "aliases", "add", "opus", "anthropic/claude-opus-4-6");
    const removed = await run("models", "aliases", "remove", "OPUS");
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain("Removed alias opus (was anthropic/claude-opus-4-6)");
    const before = readFileSync(configPath, "utf8");
    const missing = await run("models", "aliases", "remove", "nosuch");
    expect(missing.code).toBe(65);
    expect(missing.stderr).toBe("Error: Alias not found: nosuch. No aliases are configured.\n");
    expect(readFileSync(configPath, "utf8")).toBe(before);
  });
});

describe("fallbacks", () => {
  it("adds canonical refs once, resolves aliases, and removes by alias", async () => {
    await run("models", "set", "anthropic/claude-opus-4-6");
    await run("models", "aliases", "add", "fast2", "openai/gpt-5.2");
    expect((await run("models", "fallbacks", "add", "openai/gpt-5.2")).stdout).toContain(
      "Fallbacks: openai/gpt-5.2\n",
    );
    const again = await run("models", "fallbacks", "add", "fast2");
    expect(again.stdout).toBe("No change to ~/.modelctl/modelctl.json\nFallbacks: openai/gpt-5.2\n");
    await run("models", "fallbacks", "add", "openrouter/meta-llama/llama-3.3-70b-instruct:free");
    expect((await run("models", "fallbacks", "list", "--plain")).stdout).toBe(
      "openai/gpt-5.2\nopenrouter/meta-llama/llama-3.3-70b-instruct:free\n",
    );
    expect((await run("models", "fallbacks")).stdout).toBe(
      "Fallbacks (2):\n- openai/gpt-5.2\n- openrouter/meta-llama/llama-3.3-70b-instruct:free\n",
    );
    expect((await run("models", "fallbacks", "remove", "fast2")).stdout).toContain(
      "Fallbacks: openrouter/meta-llama/llama-3.3-70b-instruct:free",
    );
    expect((await run("models", "fallbacks", "clear")).stdout).toContain("Fallback list cleared.");
    expect(readConfig().agents.defaults.model).toEqual({
      primary: "anthropic/claude-opus-4-6",
      fallbacks: [],
    });
  });

  it("refuses the primary as a fallback and drops a fallback that becomes the primary", async () => {
    await run("models", "set", "anthropic/claude-opus-4-6");
    const refused = await run("models", "fallbacks", "add", "anthropic/claude-opus-4-6");
    expect(refused.code).toBe(65);
    expect(refused.stderr).toMatch(/^Error: anthropic\/claude-opus-4-6 is the primary model/);
    await run("models", "fallbacks", "add", "openai/gpt-5.2");
    await run("models", "set", "openai/gpt-5.2");
    expect(readConfig().agents.defaults.model).toEqual({ primary: "openai/gpt-5.2", fallbacks: [] });
  });

  // OpenClaw 2026.4.27 writes no `fallbacks` where there were none, and keeps an existing list (also `[]`). Recorded
  // with a fresh state directory per run, the config's `agents.defaults` before → after (`meta` left out):
  //   OC_HOME=$d /tmp/reference/openclaw-ref models set openai/gpt-5.2
  //     {}                                              → model: {"primary":"openai/gpt-5.2"}, models: {"openai/gpt-5.2":{}}
  //     model: "anthropic/claude-opus-4-6"              → model: {"primary":"openai/gpt-5.2"}
  //     model: {"primary":"anthropic/claude-opus-4-6"}  → model: {"primary":"openai/gpt-5.2"}
  //     model: {"primary":"anthropic/claude-opus-4-6","fallbacks":[]} → model: {"primary":"openai/gpt-5.2","fallbacks":[]}
  //   OC_HOME=$d /tmp/reference/openclaw-ref models set-image openai/gpt-5.2
  //     {}                                              → imageModel: {"primary":"openai/gpt-5.2"}
  //     imageModel: "anthropic/claude-opus-4-6"         → imageModel: {"primary":"openai/gpt-5.2"}
  it("set and set-image write no fallbacks where there were none, and keep an existing list", async () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      ["set", {}, { model: { primary: "openai/gpt-5.2" } }],
      ["set", { model: "anthropic/claude-opus-4-6" }, { model: { primary: "openai/gpt-5.2" } }],
      ["set", { model: { primary: "anthropic/claude-opus-4-6" } }, { model: { primary: "openai/gpt-5.2" } }],
      [
        "set",
        { model: { primary: "anthropic/claude-opus-4-6", fallbacks: [] } },
        { model: { primary: "openai/gpt-5.2", fallbacks: [] } },
      ],
      ["set-image", {}, { imageModel: { primary: "openai/gpt-5.2" } }],
      [
        "set-image",
        { imageModel: "anthropic/claude-opus-4-6" },
        { imageModel: { primary: "openai/gpt-5.2" } },
      ],
    ];
    mkdirSync(join(home, ".modelctl"));
    for (const [command, defaults, expected] of cases) {
      writeFileSync(configPath, JSON.stringify({ agents: { defaults } }));
      expect((await run("models", command, "openai/gpt-5.2")).code).toBe(0);
      expect(readConfig().agents.defaults).toEqual({ ...expected, models: { "openai/gpt-5.2": {} } });
    }
  });

  it("reports a fallback that is not in the list", async () => {
    const result = await run("models", "fallbacks", "remove", "nonexist/x");
    expect(result.code).toBe(65);
    expect(result.stderr).toBe("Error: Fallback not found: nonexist/x. The list holds nothing.\n");
  });
});
