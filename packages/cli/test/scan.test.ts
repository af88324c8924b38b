// `models scan` against a local OpenRouter-compatible server with a 320-entry model list in OpenRouter's shape: the
// metadata-only fallback, probing, the non-interactive refusal, and --yes / --set-default / --set-image writing the
// config.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateModelList, type OpenRouterServer, startOpenRouter } from "../../probe/test/openrouter.js";
import { ScanJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

const KEY = "sk-or-v1-canary-scan-0123456789abcdef";
const { models, behaviours } = generateModelList({
  tools: ["call", "call", "no_call", "no_endpoint", "tool_choice"],
});
let server: OpenRouterServer;
let home: string;
let cleanup: () => void;
let configPath: string;
let configText: string;

beforeAll(async () => {
  server = await startOpenRouter({ models, behaviours, key: KEY });
});
afterAll(() => server.close());
beforeEach(() => {
  cleanup?.();
  ({ home, cleanup } = tempHome());
  configPath = join(home, ".modelctl", "modelctl.json");
  mkdirSync(join(home, ".modelctl"), { recursive: true });
  configText = `${JSON.stringify({
    agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5.2"] } } },
    models: { providers: { openrouter: { baseUrl: server.baseUrl } } },
  })}\n`;
  writeFileSync(configPath, configText);
});
afterAll(() => cleanup?.());

const scan = (args: string[], withKey = true) =>
  runCli(home, ["models", "scan", ...args], { env: withKey ? { OPENROUTER_API_KEY: KEY } : {} });
const readConfig = () => JSON.parse(readFileSync(configPath, "utf8"));
const toolCapableFree = [...behaviours.keys()];

describe("models scan", () => {
  it("without a credential lists metadata only, says so in one line, and probes nothing", async () => {
    const chats = server.chats().length;
    const { code, stdout, stderr } = await scan(["--json"], false);
    expect(code).toBe(0);
    expect(stderr).toBe(
      "No usable OpenRouter credential (OPENROUTER_API_KEY or a stored openrouter profile): listing metadata only, nothing probed.\n",
    );
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      selected: [],
      selectedImages: [],
      setDefault: false,
      setImage: false,
      applied: false,
    });
    expect(report.results.map((result: { id: string }) => result.id).sort()).toEqual(
      [...toolCapableFree].sort(),
    );
    expect(report.results.every((result: { tool: unknown }) => result.tool === null)).toBe(true);
    expect(server.chats()).toHaveLength(chats);
    expect(readFileSync(configPath, "utf8")).toBe(configText);
  });

  it("refuses to apply a metadata-only scan", async () => {
    const noProbe = await scan(["--no-probe", "--set-default"]);
    expect(noProbe.code).toBe(64);
    expect(noProbe.stderr).toMatch(/^Error: A metadata-only scan \(--no-probe\) cannot be applied/);
    const noKey = await scan(["--yes"], false);
    expect(noKey.code).toBe(69);
    expect(noKey.stderr).toMatch(/^Error: No usable OpenRouter credential, so the models cannot be probed/);
    expect(readFileSync(configPath, "utf8")).toBe(configText);
  });

  it("probes every candidate, ranks the tool-capable first, and without a terminal or --yes changes nothing", async () => {
    const { code, stdout, stderr } = await scan(["--json", "--concurrency", "8"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.applied).toBe(false);
    expect(report.selected.length).toBeGreaterThan(0);
    expect(report.selected.length).toBeLessThanOrEqual(6);
    for (const ref of report.selected)
      expect(behaviours.get(ref.replace(/^openrouter\//, ""))?.tool).toBe("call");
    const statuses = new Set(
      report.results.map((result: { tool: { status: string } }) => result.tool.status),
    );
    expect(statuses).toEqual(new Set(["ok", "format"]));
    expect(stderr).toMatch(/^Nothing was changed: pass --yes to apply the picks \(openrouter\/.*\)\.$/m);
    expect(readFileSync(configPath, "utf8")).toBe(configText);
    for (const text of [stdout, stderr]) expect(text).not.toContain(KEY);
  });

  it("--yes --set-default --set-image applies the picks: fallbacks replaced, allowlisted, first as primary", async () => {
    const { code, stdout } = await scan([
      "--yes",
      "--set-default",
      "--set-image",
      "--max-candidates",
      "3",
      "--json",
    ]);
    expect(code).toBe(0);
    const report = ScanJsonSchema.parse(JSON.parse(stdout));
    expect(report).toMatchObject({ applied: true, setDefault: true, setImage: true });
    expect(report.selected).toHaveLength(3);
    const defaults = readConfig().agents.defaults;
    expect(defaults.model).toEqual({ primary: report.selected[0], fallbacks: report.selected.slice(1) });
    expect(defaults.imageModel.primary).toBe(report.selectedImages[0]);
    for (const ref of report.selected) expect(Object.keys(defaults.models)).toContain(ref);
    expect(readConfig().models.providers.openrouter.baseUrl).toBe(server.baseUrl);
  });

  it("--yes without --set-default keeps the primary and replaces the fallbacks (human output)", async () => {
    const { code, stdout } = await scan(["--yes", "--max-candidates", "2"]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^Scan results: tested \d+, tool ok \d+, image ok \d+$/);
    expect(lines[1]).toBe(
      "Model                                      Tool       Image      Ctx         Params   Notes",
    );
    expect(stdout).toMatch(
      /^Updated ~\/\.modelctl\/modelctl\.json\nFallbacks: openrouter\/\S+, openrouter\/\S+\n/m,
    );
    const model = readConfig().agents.defaults.model;
    expect(model.primary).toBe("anthropic/claude-opus-4-6");
    expect(model.fallbacks).toHaveLength(2);
  });

  it("filters by maker, size and age", async () => {
    const all = JSON.parse((await scan(["--no-probe", "--json"])).stdout).results as {
      id: string;
      paramsB: number | null;
      created: string | null;
    }[];
    const maker = all[0]?.id.split("/")[0] as string;
    const byMaker = JSON.parse((await scan(["--no-probe", "--json", "--provider", maker])).stdout).results;
    expect(byMaker.length).toBeGreaterThan(0);
    expect(byMaker.every((result: { id: string }) => result.id.startsWith(`${maker}/`))).toBe(true);
    const big = JSON.parse((await scan(["--no-probe", "--json", "--min-params", "30"])).stdout).results;
    expect(big.length).toBeGreaterThan(0);
    expect(big.every((result: { paramsB: number | null }) => (result.paramsB ?? 0) >= 30)).toBe(true);
    const recent = JSON.parse((await scan(["--no-probe", "--json", "--max-age-days", "365"])).stdout).results;
    expect(recent.length).toBeLessThan(all.length);
  });

  it("refuses malformed numbers with the flag's name (64)", async () => {
    for (const args of [
      ["--min-params", "lots"],
      ["--max-age-days", "1.5"],
      ["--timeout", "0x10"],
      ["--max-candidates", "0"],
    ]) {
      const result = await scan(["--no-probe", ...args]);
      expect(result.code, args.join(" ")).toBe(64);
      expect(result.stderr).toContain(args[0] as string);
    }
  });

  it("a model list that cannot be had is one line and exit 69", async () => {
    const broken = await startOpenRouter({
      models,
      behaviours,
      key: KEY,
      list: (response) => {
        response.writeHead(503, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: "Service Unavailable", code: 503 } }));
      },
    });
    try {
      writeFileSync(
        configPath,
        JSON.stringify({ models: { providers: { openrouter: { baseUrl: broken.baseUrl } } } }),
      );
      const { code, stdout, stderr } = await scan(["--no-probe"]);
      expect(code).toBe(69);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^Error: Could not read .*: HTTP 503: Service Unavailable\n$/);
    } finally {
      await broken.close();
    }
  });
});
