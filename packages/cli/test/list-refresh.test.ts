// `models list --refresh`: providers with a usable credential are asked for their model lists (real servers on
// 127.0.0.1 speaking OpenAI's and Anthropic's list APIs); answers go to the agent's cache and every later list reads
// them; a provider that fails is reported and keeps what it had.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendJson, startServer, type TestServer } from "../../probe/test/provider-server.js";
import { ListJsonSchema } from "../src/schemas.js";
import { runCli, tempHome } from "./run-cli.js";

const OPENAI_KEY = "sk-canary-refresh-openai-0123456789";
const ANTHROPIC_KEY = "sk-ant-api03-canary-refresh-0123456789";
const { home, cleanup } = tempHome();
const cachePath = join(home, ".modelctl", "agents", "main", "agent", "modelctl-models-cache.json");
let openai: TestServer;
let anthropic: TestServer;
let anthropicFails = false;

beforeAll(async () => {
  openai = await startServer((request, response) => {
    if (request.path !== "/v1/models") return sendJson(response, 404, { error: { message: "not found" } });
    sendJson(response, 200, {
      object: "list",
      data: [
        { id: "gpt-5.2", object: "model", created: 1765000000, owned_by: "openai" },
        { id: "gpt-6-preview", object: "model", created: 1790000000, owned_by: "openai" },
      ],
    });
  });
  anthropic = await startServer((_request, response) => {
    if (anthropicFails)
      return sendJson(response, 401, {
        type: "error",
        error: { type: "authentication_error", message: "invalid x-api-key" },
      });
    sendJson(response, 200, {
      data: [
        {
          type: "model",
          id: "claude-opus-4-6",
          display_name: "Claude Opus 4.6",
          created_at: "2026-02-05T00:00:00Z",
        },
      ],
      has_more: false,
      first_id: "claude-opus-4-6",
      last_id: "claude-opus-4-6",
    });
  });
  mkdirSync(join(home, ".modelctl"), { recursive: true });
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({
      agents: { defaults: { model: { primary: "openai/gpt-5.2" } } },
      models: {
        providers: {
          openai: { baseUrl: `${openai.origin}/v1` },
          anthropic: { baseUrl: anthropic.origin },
        },
      },
    }),
  );
});
afterAll(async () => {
  await openai.close();
  await anthropic.close();
  cleanup();
});

const env = { OPENAI_API_KEY: OPENAI_KEY, ANTHROPIC_API_KEY: ANTHROPIC_KEY };
const list = (...args: string[]) => runCli(home, ["models", "list", ...args], { env });

describe("models list --refresh", () => {
  it("lists without any request unless asked", async () => {
    const { code } = await list("--all", "--provider", "openai", "--plain");
    expect(code).toBe(0);
    expect(openai.requests).toHaveLength(0);
    expect(existsSync(cachePath)).toBe(false);
  });

  it("asks each provider with a credential, caches the answers, and lists what they added", async () => {
    const { code, stdout, stderr } = await list("--refresh", "--all", "--json");
    expect(code).toBe(0);
    expect(openai.requests.map((request) => request.path)).toEqual(["/v1/models"]);
    expect(openai.requests[0]?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(anthropic.requests[0]?.headers["x-api-key"]).toBe(ANTHROPIC_KEY);
    const doc = ListJsonSchema.parse(JSON.parse(stdout));
    expect(doc.refresh).toEqual([
      { provider: "anthropic", status: "ok", models: 1 },
      { provider: "openai", status: "ok", models: 2 },
    ]);
    expect(doc.models.find((row) => row.key === "openai/gpt-6-preview")).toMatchObject({
      source: "live",
      available: true,
    });
    // A catalogued model the provider's list leaves out is not available to this account.
    expect(doc.models.find((row) => row.key === "openai/gpt-5.5")?.available).toBe(false);
    expect(stderr).toContain("Refreshed: anthropic (1), openai (2).");
    const cache = JSON.parse(readFileSync(cachePath, "utf8"));
    expect(Object.keys(cache.providers).sort()).toEqual(["anthropic", "openai"]);
    for (const text of [stdout, stderr, readFileSync(cachePath, "utf8")]) {
      expect(text).not.toContain(OPENAI_KEY);
      expect(text).not.toContain(ANTHROPIC_KEY);
    }
  });

  it("later lists read the cache, with no request", async () => {
    const before = openai.requests.length;
    const { stdout } = await list("--all", "--provider", "openai", "--plain");
    expect(stdout.split("\n")).toContain("openai/gpt-6-preview");
    expect(openai.requests).toHaveLength(before);
  });

  it("reports a provider that fails, and keeps its cached list", async () => {
    anthropicFails = true;
    const cached = JSON.parse(readFileSync(cachePath, "utf8")).providers.anthropic;
    const { code, stdout, stderr } = await list("--refresh", "--json");
    expect(code).toBe(0);
    const doc = ListJsonSchema.parse(JSON.parse(stdout));
    expect(doc.refresh?.find((report) => report.provider === "anthropic")).toMatchObject({
      status: "auth",
      models: 0,
    });
    expect(stderr).toMatch(
      /^Warning: anthropic's model list could not be refreshed: auth \(.*invalid x-api-key.*\); its list of \d{4}-\d\d-\d\dT[\d:.]+Z is kept\.$/m,
    );
    expect(JSON.parse(readFileSync(cachePath, "utf8")).providers.anthropic).toEqual(cached);
    expect(stderr).not.toContain(ANTHROPIC_KEY);
  });

  it("warns about a cache it cannot read, lists without it, and does not overwrite it", async () => {
    writeFileSync(cachePath, "{ not json");
    const { code, stdout, stderr } = await list("--all", "--provider", "openai", "--plain");
    expect(code).toBe(0);
    expect(stdout.split("\n")).not.toContain("openai/gpt-6-preview");
    expect(stderr).toMatch(/^Warning: .*modelctl-models-cache\.json.* Listing without it\.$/m);
    const refreshed = await list("--refresh", "--plain");
    expect(refreshed.code).toBe(0);
    expect(refreshed.stderr).toContain("Warning: the model cache was not updated");
    expect(readFileSync(cachePath, "utf8")).toBe("{ not json");
  });
});
