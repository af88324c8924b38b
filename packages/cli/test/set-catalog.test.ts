// Models written into the config are checked against the offline catalog: a provider nobody knows is refused before
// anything is written; a model the catalog lacks is saved with a warning and the nearest ids.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let configPath: string;
beforeEach(() => {
  ({ home, cleanup } = tempHome());
  configPath = join(home, ".modelctl", "modelctl.json");
});
afterEach(() => cleanup());

const run = (...args: string[]) => runCli(home, ["models", ...args]);
const CONFIG = '// mine\n{ "agents": { "defaults": { "model": { "primary": "openai/gpt-5.2" } } } }\n';

describe("models set and the catalog", () => {
  it("saves a listed model without a word on stderr", async () => {
    const result = await run("set", "anthropic/claude-opus-4-6");
    expect(result).toMatchObject({ code: 0, stderr: "" });
  });

  it("saves a model the catalog lacks, warning with the nearest id", async () => {
    const result = await run("set", "anthropic/claude-opus-4.6");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Default model: anthropic/claude-opus-4.6\n");
    expect(result.stderr).toMatch(
      /^Warning: Model "anthropic\/claude-opus-4\.6" is not in the local model catalog \(@earendil-works\/pi-ai [\d.]+, \d{4}-\d\d-\d\d\)\. Did you mean anthropic\/claude-opus-4-6\? The selection was saved\.\n$/,
    );
    expect(JSON.parse(readFileSync(configPath, "utf8")).agents.defaults.model.primary).toBe(
      "anthropic/claude-opus-4.6",
    );
  });

  it("notes a built-in provider the catalog cannot vouch for", async () => {
    const result = await run("set", "ollama/llama3.3");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'Note: "ollama/llama3.3" could not be checked offline: the local model catalog has no ollama models. The selection was saved.\n',
    );
  });

  it("refuses a provider nobody knows, says how to declare it, and leaves the file byte for byte", async () => {
    mkdirSync(join(home, ".modelctl"), { recursive: true });
    writeFileSync(configPath, CONFIG);
    for (const args of [
      ["set", "nosuch/foo"],
      ["set-image", "nosuch/foo"],
      ["fallbacks", "add", "nosuch/foo"],
      ["aliases", "add", "foo", "nosuch/foo"],
    ]) {
      const result = await run(...args);
      expect(result.code, args.join(" ")).toBe(65);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        'Error: Unknown model provider "nosuch" in nosuch/foo. To use a provider modelctl does not know, declare it under models.providers.nosuch in ~/.modelctl/modelctl.json (its baseUrl and api), then run this again; `modelctl plugins list` shows the known ones. Config was not changed.\n',
      );
      expect(readFileSync(configPath, "utf8")).toBe(CONFIG);
    }
  });

  it("names the provider a typo was probably meant to be", async () => {
    const result = await run("fallbacks", "add", "antropic/claude-opus-4-6");
    expect(result.code).toBe(65);
    expect(result.stderr).toContain(
      'Unknown model provider "antropic" in antropic/claude-opus-4-6. Did you mean anthropic?',
    );
    expect(existsSync(configPath)).toBe(false);
  });

  it("takes a provider the config declares, and its models", async () => {
    mkdirSync(join(home, ".modelctl"), { recursive: true });
    writeFileSync(
      configPath,
      JSON.stringify({
        models: { providers: { myproxy: { baseUrl: "https://proxy.example/v1", models: [{ id: "m1" }] } } },
      }),
    );
    expect(await run("set", "myproxy/m1")).toMatchObject({ code: 0, stderr: "" });
    expect(await run("fallbacks", "add", "myproxy/m2")).toMatchObject({ code: 0, stderr: "" });
  });
});
