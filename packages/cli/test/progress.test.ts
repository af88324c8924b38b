// Progress lines of long work, `models list --refresh` and `models scan`: drawn on stderr only when it is a terminal
// (a terminal io in process, a real pty through `script`), erased at the end, never on stdout.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateModelList, type OpenRouterServer, startOpenRouter } from "../../probe/test/openrouter.js";
import { sendJson, startServer, type TestServer } from "../../probe/test/provider-server.js";
import { hasScript, runCli, runInPty, tempHome } from "./run-cli.js";

const OPENAI_KEY = "sk-canary-progress-openai-0123456789";
const OR_KEY = "sk-or-v1-canary-progress-0123456789abcdef";
const { models, behaviours } = generateModelList({ tools: ["call", "call", "no_call"] });
const { home, cleanup } = tempHome();
let openai: TestServer;
let openrouter: OpenRouterServer;

beforeAll(async () => {
  openai = await startServer((_request, response) =>
    sendJson(response, 200, {
      object: "list",
      data: [{ id: "gpt-5.2", object: "model", created: 1, owned_by: "o" }],
    }),
  );
  openrouter = await startOpenRouter({ models, behaviours, key: OR_KEY });
  mkdirSync(join(home, ".modelctl"), { recursive: true });
  writeFileSync(
    join(home, ".modelctl", "modelctl.json"),
    JSON.stringify({
      agents: { defaults: { model: { primary: "openai/gpt-5.2" } } },
      models: {
        providers: {
          openai: { baseUrl: `${openai.origin}/v1` },
          openrouter: { baseUrl: openrouter.baseUrl },
        },
      },
    }),
  );
});
afterAll(async () => {
  await openai.close();
  openrouter.close();
  cleanup();
});

// Each command gets only the key it needs: OPENROUTER_API_KEY also puts perplexity in play, a real host.
/** Carriage return and erase-line: how the line is redrawn and, at the end, erased. */
const CLEAR = "\r\x1b[2K";
const listEnv = { OPENAI_API_KEY: OPENAI_KEY };
const env = { OPENROUTER_API_KEY: OR_KEY };

describe("models list --refresh progress", () => {
  it("on a terminal: counts the providers asked on stderr and erases the line", async () => {
    const { code, stdout, stderr } = await runCli(home, ["models", "list", "--refresh"], {
      env: listEnv,
      terminal: true,
    });
    expect(code).toBe(0);
    expect(stderr).toContain(`${CLEAR}Refreshing model lists 0/1…`);
    expect(stderr).toContain(`${CLEAR}Refreshing model lists 1/1…${CLEAR}`);
    expect(stdout).not.toContain("Refreshing");
  });

  it("off a terminal: no progress at all", async () => {
    const { stderr } = await runCli(home, ["models", "list", "--refresh"], { env: listEnv });
    expect(stderr).not.toContain("Refreshing model lists");
    expect(stderr).not.toContain("\r");
  });
});

describe("models scan progress", () => {
  it("on a terminal: the listing, then each probe counted, then erased (with --json too)", async () => {
    for (const args of [[], ["--json"]]) {
      const { code, stdout, stderr } = await runCli(home, ["models", "scan", ...args], {
        env,
        terminal: true,
      });
      expect(code).toBe(0);
      expect(
        stderr.startsWith("\r\x1b[2KListing OpenRouter's models…\r\x1b[2KProbing OpenRouter models 0/"),
      ).toBe(true);
      const total = /Probing OpenRouter models 0\/(\d+)/.exec(stderr)?.[1];
      expect(stderr).toContain(`Probing OpenRouter models ${total}/${total}…${CLEAR}`);
      expect(stdout).not.toContain("Probing");
    }
  });

  it("a metadata-only scan on a terminal shows the listing and erases it", async () => {
    const { stderr } = await runCli(home, ["models", "scan"], { env: {}, terminal: true });
    expect(stderr).toContain("listing metadata only");
    expect(stderr).toContain("\r\x1b[2KListing OpenRouter's models…\r\x1b[2K");
    expect(stderr).not.toContain("Probing");
  });

  it("off a terminal: none", async () => {
    const { stderr } = await runCli(home, ["models", "scan"], { env });
    expect(stderr).not.toContain("Listing");
    expect(stderr).not.toContain("Probing");
  });
});

describe.runIf(await hasScript())("progress on a real terminal (script)", () => {
  it("models list --refresh draws and erases its line on the pty", async () => {
    const out = await runInPty(["models", "list", "--refresh"], {
      PATH: process.env.PATH,
      HOME: home,
      MODELCTL_HOME: join(home, ".modelctl"),
      TERM: "xterm-256color",
      ...listEnv,
    });
    expect(out).toContain(`${CLEAR}Refreshing model lists 1/1…${CLEAR}`);
    expect(out).toContain("openai/gpt-5.2");
  });
});
