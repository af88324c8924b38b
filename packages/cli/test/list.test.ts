// `models list`: OpenClaw's listing (table, --json, --plain, --all, --provider, --local) over the offline catalog.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { modelListSchema } from "@modelctl/model-ref";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin, runCli, tempHome } from "./run-cli.js";

const { home, cleanup } = tempHome();
const empty = tempHome();
const CANARY = "sk-canary-list-0123456789abcdef";

// The state of the reference transcript (OpenClaw 2026.4.27 `models list` on it).
beforeAll(() => {
  mkdirSync(join(home, ".modelctl"), { recursive: true });
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({
      agents: {
        defaults: {
          model: {
            primary: "anthropic/claude-opus-4-6",
            fallbacks: ["openai/gpt-5.2", "openrouter/moonshotai/kimi-k2.6", "nosuch/foo"],
          },
          imageModel: { primary: "google/gemini-3.1-pro-preview", fallbacks: ["openai/gpt-5.2"] },
          models: {
            "anthropic/claude-opus-4-6": { alias: "opus" },
            "zai/glm-4.6": {},
            "ollama/llama3.3": { alias: "local" },
          },
        },
      },
      models: {
        providers: {
          ollama: {
            baseUrl: "http://127.0.0.1:11434",
            api: "ollama",
            models: [{ id: "llama3.3", name: "Llama 3.3", contextWindow: 131072, input: ["text"] }],
          },
          myproxy: {
            baseUrl: "https://proxy.example.com/v1",
            api: "openai-completions",
            models: [{ id: "m1", name: "M One" }],
          },
        },
      },
    }),
  );
});
afterAll(() => {
  cleanup();
  empty.cleanup();
});

const list = (args: string[], env: Record<string, string> = {}) =>
  runCli(home, ["models", "list", ...args], { env });

describe("models list", () => {
  it("prints OpenClaw's table of the configured models, in its order and with its tags", async () => {
    const { code, stdout, stderr } = await list([], { OPENAI_API_KEY: CANARY });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "Model                                      Input      Ctx         Local Auth  Tags",
    );
    expect(lines.slice(1).map((line) => [line.slice(0, 42).trimEnd(), line.slice(78).trim()])).toEqual([
      ["anthropic/claude-opus-4-6", "default,configured,alias:opus"],
      ["openai/gpt-5.2", "fallback#1,img-fallback#1"],
      ["openrouter/moonshotai/kimi-k2.6", "fallback#2"],
      ["nosuch/foo", "fallback#3,missing"],
      ["google/gemini-3.1-pro-preview", "image"],
      ["zai/glm-4.6", "configured"],
      ["ollama/llama3.3", "configured,alias:local"],
    ]);
    // Ctx in units of 1024 (OpenClaw's formatTokenK), Local and Auth as yes/no, `-` where a model is missing.
    expect(lines[2]).toMatch(/^openai\/gpt-5\.2 +text\+image 391k +no +yes +fallback#1/);
    expect(lines[4]).toMatch(/^nosuch\/foo +- +- +- +- +fallback#3,missing$/);
    expect(lines[7]).toMatch(/^ollama\/llama3\.3 +text +128k +yes +yes +configured,alias:local$/);
    expect(stdout).not.toContain(CANARY);
  });

  it("--json: OpenClaw's fields and ours, valid against the published schema", async () => {
    const { code, stdout } = await list(["--json"]);
    expect(code).toBe(0);
    const doc = modelListSchema().parse(JSON.parse(stdout));
    expect(doc.count).toBe(7);
    expect(doc.models[0]).toMatchObject({
      key: "anthropic/claude-opus-4-6",
      name: "Claude Opus 4.6",
      input: "text+image",
      local: false,
      available: false,
      tags: ["default", "configured", "alias:opus"],
      missing: false,
      toolCall: true,
    });
    expect(doc.models[0]?.cost?.input).toBeGreaterThan(0);
    expect(doc.models.find((row) => row.key === "nosuch/foo")).toMatchObject({
      missing: true,
      contextWindow: null,
    });
  });

  it("--plain: one key per line", async () => {
    const { stdout } = await list(["--plain"]);
    expect(stdout.split("\n").slice(0, 2)).toEqual(["anthropic/claude-opus-4-6", "openai/gpt-5.2"]);
  });

  it("--all --json lists the bundled catalog: at least 1,500 models of 30 providers, nearly all with a context window", async () => {
    const { stdout } = await list(["--all", "--json"]);
    const doc = modelListSchema().parse(JSON.parse(stdout));
    expect(doc.count).toBe(doc.models.length);
    expect(doc.count).toBeGreaterThanOrEqual(1500);
    expect(new Set(doc.models.map((row) => row.key.split("/")[0])).size).toBeGreaterThanOrEqual(30);
    expect(doc.models.filter((row) => row.contextWindow !== null).length / doc.count).toBeGreaterThan(0.95);
    expect(doc.models.at(-1)).toMatchObject({ key: "myproxy/m1", name: "M One" });
  });

  it("--provider takes an id in any spelling, and refuses a display label (64)", async () => {
    const { stdout } = await list(["--all", "--provider", "MyProxy", "--plain"]);
    expect(stdout).toBe("myproxy/m1\n");
    const bad = await list(["--provider", "Anthropic Claude"]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toBe(
      'Error: Invalid provider filter "Anthropic Claude". Use a provider id such as "moonshot", not a display label.\n',
    );
  });

  it("--local keeps the models served from this machine or the local network", async () => {
    const { stdout } = await list(["--local", "--plain"]);
    expect(stdout).toBe("ollama/llama3.3\n");
  });

  it("says so when nothing matches, and gives scripts an empty list", async () => {
    expect((await list(["--provider", "groq"])).stdout).toBe("No models found.\n");
    expect(JSON.parse((await list(["--provider", "groq", "--json"])).stdout)).toEqual({
      count: 0,
      models: [],
    });
    expect((await list(["--provider", "groq", "--plain"])).stdout).toBe("");
  });

  it("on an empty home lists the built-in default from the catalog", async () => {
    const { stdout } = await runCli(empty.home, ["models", "list", "--json"]);
    expect(JSON.parse(stdout)).toMatchObject({
      count: 1,
      models: [{ key: "openai/gpt-5.5", tags: ["default"] }],
    });
  });

  it("the bin loads the catalog it does not inline, and prints the same", async () => {
    const bin = await runBin(home, ["models", "list", "--all", "--provider", "anthropic", "--plain"]);
    const inProcess = await list(["--all", "--provider", "anthropic", "--plain"]);
    expect(bin.code).toBe(0);
    expect(bin.stdout).toBe(inProcess.stdout);
    expect(bin.stdout).toContain("anthropic/claude-opus-4-6\n");
  });
});
