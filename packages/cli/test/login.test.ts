// `models auth login`: the real CLI against a local OAuth server on 127.0.0.1 (MODELCTL_AUTH_ENDPOINTS), no terminal,
// CI=true. Every token the server issues carries a canary that no output may hold.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CANARY,
  followAuthorize,
  type OAuthTestServer,
  type ServerScript,
  startOAuthServer,
} from "../../auth-profiles/test/provider-oauth-server.js";
import { AuthLoginJsonSchema, PluginsJsonSchema } from "../src/schemas.js";
import { type RunOptions, type RunResult, runBin, runCli, tempHome } from "./run-cli.js";

let home: string;
let cleanup: () => void;
let agentDir: string;
let endpointsPath: string;
let server: OAuthTestServer | undefined;
const results: RunResult[] = [];

const profilesPath = () => join(agentDir, "auth-profiles.json");
const profiles = () => JSON.parse(readFileSync(profilesPath(), "utf8")).profiles;

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  agentDir = join(home, ".modelctl", "agents", "main", "agent");
  endpointsPath = join(home, "endpoints.json");
  results.length = 0;
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  cleanup();
  // Nothing the server issued (access, refresh, id and device tokens, codes) reaches any output.
  for (const result of results) expect(result.stdout + result.stderr).not.toContain(CANARY);
});

async function start(script: ServerScript = {}) {
  server = await startOAuthServer(script);
  writeFileSync(
    endpointsPath,
    JSON.stringify({
      "openai-codex": { authorizeUrl: `${server.url}/authorize`, tokenUrl: `${server.url}/token` },
      "github-copilot": {
        deviceCodeUrl: `${server.url}/device/code`,
        tokenUrl: `${server.url}/token`,
        exchangeUrl: `${server.url}/copilot/token`,
      },
    }),
  );
  return server;
}

const ENV = () => ({ MODELCTL_AUTH_ENDPOINTS: endpointsPath, CI: "true" });

async function login(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await runCli(home, ["models", "auth", "login", ...args], {
    ...options,
    env: { ...ENV(), ...options.env },
  });
  results.push(result);
  return result;
}

/** Calls `answer` once with the authorize URL as soon as the CLI prints it on stderr. */
function onAuthorizeUrl(answer: (url: string) => Promise<void>) {
  let printed = "";
  let answered: Promise<void> | undefined;
  return {
    onStderr(text: string) {
      printed += text;
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+)$/m.exec(printed)?.[1];
      if (url && !answered) answered = answer(url);
    },
    done: () => answered,
  };
}

const idClaims = {
  email: "codex-user@example.com",
  "https://api.openai.com/auth": { chatgpt_account_id: "acct-123", chatgpt_plan_type: "pro" },
};

/** A store that holds one profile already: a failed sign-in must leave its bytes as they are. */
function seedStore(): Buffer {
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(
    profilesPath(),
    `${JSON.stringify({ version: 1, profiles: { "openai:default": { type: "api_key", provider: "openai", key: "sk-seeded-0123456789" } } }, null, 2)}\n`,
  );
  return readFileSync(profilesPath());
}

describe("models auth login: OpenAI Codex (PKCE)", () => {
  it("prints the authorize URL on stderr, takes the browser's callback and stores the OAuth profile", async () => {
    await start({ idTokenClaims: idClaims });
    let page: { status: number; body: string } | undefined;
    const browser = onAuthorizeUrl(async (url) => {
      page = await followAuthorize(url);
    });
    const result = await login(["--provider", "openai-codex", "--method", "oauth"], {
      onStderr: browser.onStderr,
    });
    await browser.done();
    expect(result.code).toBe(0);
    expect(page).toMatchObject({ status: 200 });
    expect(result.stdout).toMatch(
      /^Saved openai-codex:codex-user@example\.com \(oauth, codex-user@example\.com, expires in \d+[mh]\) in ~\/\.modelctl\/agents\/main\/agent\/auth-profiles\.json\n$/,
    );
    expect(result.stderr).toContain("Open this URL in a browser and sign in:");
    expect(result.stderr).toContain("Default model available: openai-codex/gpt-5.6-terra");
    const stored = profiles()["openai-codex:codex-user@example.com"];
    expect(stored).toMatchObject({
      type: "oauth",
      provider: "openai-codex",
      email: "codex-user@example.com",
      accountId: "acct-123",
      access: expect.stringContaining(CANARY),
      refresh: expect.stringContaining(CANARY),
    });
    expect(stored.expires).toBeGreaterThan(Date.now());
    const authorize = server?.requests.find((r) => r.path === "/authorize")?.query;
    expect(authorize?.get("redirect_uri")).toMatch(/^http:\/\/localhost:\d+\/auth\/callback$/);
  });

  it("--no-browser: reads the redirect URL from the first line of stdin, and --json prints the documented object", async () => {
    await start({ idTokenClaims: idClaims });
    const stdin = new PassThrough();
    const browser = onAuthorizeUrl(async (url) => {
      const reply = await fetch(url, { redirect: "manual" });
      stdin.end(`${reply.headers.get("location")}\nnot read\n`);
    });
    const result = await login(
      ["--provider", "openai-codex", "--method", "oauth", "--no-browser", "--json", "--profile-id", "work"],
      { stdin, onStderr: browser.onStderr },
    );
    await browser.done();
    expect(result.code).toBe(0);
    const doc = AuthLoginJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc).toEqual({
      providerId: "openai-codex",
      methodId: "oauth",
      profiles: [
        {
          profileId: "openai-codex:work",
          provider: "openai-codex",
          mode: "oauth",
          expires: profiles()["openai-codex:work"].expires,
          email: "codex-user@example.com",
          accountId: "acct-123",
        },
      ],
      defaultModel: "openai-codex/gpt-5.6-terra",
      defaultModelSet: false,
      agentDir,
      storePath: profilesPath(),
      changed: true,
    });
    // The JSON is the whole of stdout; no key of the document holds more than it says.
    expect(Object.keys(JSON.parse(result.stdout)).sort()).toEqual(Object.keys(doc).sort());
  });

  it("refuses a redirect of another sign-in (state mismatch) with 65 and leaves the store's bytes as they were", async () => {
    await start({ idTokenClaims: idClaims });
    const before = seedStore();
    const stdin = new PassThrough();
    const browser = onAuthorizeUrl(async () => {
      stdin.end(`http://localhost:1455/auth/callback?code=code-${CANARY}-stale&state=not-this-one\n`);
    });
    const result = await login(["--provider", "openai-codex", "--method", "oauth", "--no-browser"], {
      stdin,
      onStderr: browser.onStderr,
    });
    await browser.done();
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/^Error: The redirect does not belong to this sign-in/m);
    expect(result.stdout).toBe("");
    expect(readFileSync(profilesPath())).toEqual(before);
    expect(server?.requests.some((r) => r.path === "/token")).toBe(false);
  });

  it("a sign-in denied in the browser exits 77, one line on stderr, nothing written", async () => {
    await start({ deny: true });
    const before = seedStore();
    const browser = onAuthorizeUrl(async (url) => {
      await followAuthorize(url);
    });
    const result = await login(["--provider", "openai-codex", "--method", "oauth"], {
      onStderr: browser.onStderr,
    });
    await browser.done();
    expect(result.code).toBe(77);
    expect(result.stderr.trimEnd().split("\n").at(-1)).toBe("Error: The sign-in was denied in the browser.");
    expect(readFileSync(profilesPath())).toEqual(before);
  });

  it("a code the token endpoint refuses exits 69, the code it echoes redacted; nothing written", async () => {
    await start({ idTokenClaims: idClaims });
    const before = seedStore();
    const stdin = new PassThrough();
    const browser = onAuthorizeUrl(async (url) => {
      // A forged code with this sign-in's state: the server answers invalid_grant, quoting the code it was sent.
      const state = new URL(url).searchParams.get("state");
      stdin.end(`http://localhost:1455/auth/callback?code=code-${CANARY}-forged&state=${state}\n`);
    });
    const result = await login(["--provider", "openai-codex", "--method", "oauth", "--no-browser"], {
      stdin,
      onStderr: browser.onStderr,
    });
    await browser.done();
    expect(result.code).toBe(69);
    expect(result.stderr).toMatch(
      /^Error: http:\/\/127\.0\.0\.1:\d+ answered HTTP 400: invalid_grant: bad code \[redacted\]\.$/m,
    );
    expect(readFileSync(profilesPath())).toEqual(before);
  });
});

describe("models auth login: GitHub Copilot (device code)", () => {
  it("shows the code on stderr, polls through authorization_pending and slow_down, exchanges and stores", async () => {
    await start({ device: ["authorization_pending", "slow_down", "ok"], slowDownInterval: 1 });
    const result = await login(["--provider", "github-copilot", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`To sign in, open ${server?.url}/device and enter the code WDJB-MJHT`);
    const polls = server?.requests.filter((r) => r.path === "/token") ?? [];
    expect(polls.map((r) => r.form.get("grant_type"))).toEqual(
      Array(3).fill("urn:ietf:params:oauth:grant-type:device_code"),
    );
    const exchange = server?.requests.find((r) => r.path === "/copilot/token");
    expect(exchange?.headers["editor-version"]).toBeTruthy();
    const stored = profiles()["github-copilot:default"];
    expect(stored).toMatchObject({
      type: "oauth",
      provider: "github-copilot",
      access: expect.stringMatching(/^tid=1;exp=2;copilot-/),
      refresh: expect.stringContaining(CANARY),
      expires: 2_000_000_000_000,
    });
    const doc = AuthLoginJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc.profiles).toEqual([
      {
        profileId: "github-copilot:default",
        provider: "github-copilot",
        mode: "oauth",
        expires: 2_000_000_000_000,
      },
    ]);
  });

  it("--set-default makes the plugin's model the default through the config edit, after storing", async () => {
    await start();
    const result = await login(["--provider", "github-copilot", "--set-default"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      expect.stringMatching(/^Saved github-copilot:default \(oauth, expires in \d+d\) in /),
      "Updated ~/.modelctl/modelctl.json",
      "Default model: github-copilot/gpt-5.6-terra",
      "",
    ]);
    const config = JSON.parse(readFileSync(join(home, ".modelctl", "modelctl.json"), "utf8"));
    expect(config.agents.defaults.model).toEqual({ primary: "github-copilot/gpt-5.6-terra" });
    expect(config.agents.defaults.models).toHaveProperty(["github-copilot/gpt-5.6-terra"]);
  });

  it("--set-default --json keeps stdout for the document", async () => {
    await start();
    const result = await login(["--provider", "github-copilot", "--set-default", "--json"]);
    expect(result.code).toBe(0);
    expect(AuthLoginJsonSchema.parse(JSON.parse(result.stdout))).toMatchObject({
      defaultModel: "github-copilot/gpt-5.6-terra",
      defaultModelSet: true,
    });
    expect(result.stderr).toContain("Default model: github-copilot/gpt-5.6-terra");
  });

  it.each([
    ["access_denied", 77, "Error: The device sign-in was denied."],
    ["expired_token", 75, "Error: The device code expired before the sign-in was finished. Start again."],
  ] as const)("%s exits %i and writes nothing", async (answer, code, message) => {
    await start({ device: ["authorization_pending", answer] });
    const before = seedStore();
    const result = await login(["--provider", "github-copilot"]);
    expect(result.code).toBe(code);
    expect(result.stderr.trimEnd().split("\n").at(-1)).toBe(message);
    expect(readFileSync(profilesPath())).toEqual(before);
  });

  it("runs in the built bin as a real process", async () => {
    await start({ device: ["authorization_pending", "ok"] });
    const result = await runBin(home, ["models", "auth", "login", "--provider", "github-copilot", "--json"], {
      env: ENV(),
    });
    results.push(result);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ profiles: [{ profileId: "github-copilot:default" }] });
    expect(profiles()["github-copilot:default"]).toMatchObject({ type: "oauth" });
  });
});

describe("models auth login: keys, tokens and imports (anthropic)", () => {
  it("stores an API key piped on stdin as <provider>:default", async () => {
    await start();
    const key = `sk-ant-api03-${CANARY}-0123456789`;
    const result = await login(["--provider", "anthropic", "--method", "api-key"], { input: `${key}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Saved anthropic:default (api_key) in ");
    expect(profiles()["anthropic:default"]).toEqual({ type: "api_key", provider: "anthropic", key });
  });

  it("imports the Claude Code login as anthropic:claude-cli, and exits 66 when there is none", async () => {
    await start();
    const claude = join(home, "claude-config");
    const missing = await login(["--provider", "anthropic", "--method", "import-claude-code"], {
      env: { CLAUDE_CONFIG_DIR: claude },
    });
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain(`No Claude Code login found at ${join(claude, ".credentials.json")}`);
    mkdirSync(claude);
    const token = `sk-ant-oat01-${CANARY}-claude-code`;
    writeFileSync(
      join(claude, ".credentials.json"),
      JSON.stringify({ claudeAiOauth: { accessToken: token, expiresAt: 4_000_000_000_000 } }),
    );
    const result = await login(["--provider", "anthropic", "--method", "import-claude-code"], {
      env: { CLAUDE_CONFIG_DIR: claude },
    });
    expect(result.code).toBe(0);
    expect(profiles()["anthropic:claude-cli"]).toEqual({
      type: "token",
      provider: "anthropic",
      token,
      expires: 4_000_000_000_000,
    });
  });
});

describe("models auth login: refused before any sign-in starts", () => {
  it.each([
    [
      ["--provider", "openai"],
      'No sign-in for the provider "openai". Providers with one: anthropic, github-copilot',
    ],
    [
      ["--provider", "openai-codex"],
      "openai-codex has several sign-in methods; choose one with --method: oauth (",
    ],
    [
      ["--provider", "openai-codex", "--method", "magic"],
      'Invalid --method "magic" for openai-codex: use one of oauth',
    ],
    [["--provider", "google-gemini-cli", "--set-default"], "google-gemini-cli recommends no default model"],
    [
      ["--provider", "anthropic", "--method", "api-key", "--enterprise-domain", "x.example"],
      "--enterprise-domain is for",
    ],
    [[], "models auth login needs --provider <id>"],
  ])("%j: 64", async (args, message) => {
    const result = await login(args);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("an endpoints file that does not parse exits 78 naming the file; nothing is written", async () => {
    writeFileSync(endpointsPath, JSON.stringify({ "openai-codex": { tokenUrl: "ftp://example.com/token" } }));
    const result = await login(["--provider", "openai-codex", "--method", "oauth"]);
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(
      new RegExp(
        `^Error: The endpoints file ${endpointsPath.replace(/[.]/g, "\\.")} \\(MODELCTL_AUTH_ENDPOINTS\\) has a bad value at "openai-codex\\.tokenUrl"`,
        "m",
      ),
    );
    expect(() => readFileSync(profilesPath())).toThrow();
  });
});

describe("plugins list shows the sign-in methods", () => {
  it("as text and as --json (authPlugins, and loginMethods per provider)", async () => {
    const text = await runCli(home, ["plugins", "list"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Sign-in (modelctl models auth login --provider <id> --method <method>):");
    expect(text.stdout).toMatch(/^- openai-codex +oauth \(Sign in with ChatGPT in a browser\), device \(/m);
    expect(text.stdout).toMatch(/^- google-gemini-cli +oauth \(/m);
    const json = await runCli(home, ["plugins", "list", "--json"]);
    const doc = PluginsJsonSchema.parse(JSON.parse(json.stdout));
    expect(doc.authPlugins.map((plugin) => plugin.provider)).toEqual([
      "anthropic",
      "github-copilot",
      "google-gemini-cli",
      "minimax-portal",
      "openai-codex",
    ]);
    expect(doc.authPlugins.find((p) => p.provider === "openai-codex")).toEqual({
      provider: "openai-codex",
      label: "OpenAI Codex (ChatGPT sign-in)",
      methods: [
        { id: "oauth", kind: "oauth-pkce", label: "Sign in with ChatGPT in a browser" },
        { id: "device", kind: "device-code", label: "Sign in with ChatGPT by device code" },
      ],
      defaultModel: "openai-codex/gpt-5.6-terra",
    });
    const byId = Object.fromEntries(doc.plugins.map((plugin) => [plugin.id, plugin]));
    expect(byId["openai-codex"]?.loginMethods).toEqual(["oauth", "device"]);
    expect(byId.openai?.loginMethods).toEqual([]);
  });
});
