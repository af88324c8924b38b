import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CANARY,
  followAuthorize,
  type OAuthTestServer,
  type ServerScript,
  startOAuthServer,
} from "../../test/provider-oauth-server.js";
import { putProfile } from "../edits.js";
import { AuthLoginError, OAuthError } from "../errors.js";
import { refreshIfNeeded } from "../refresh.js";
import { updateAuthStore } from "../store.js";
import { login, refreshOAuth } from "./login.js";
import { authPluginFor, authPlugins, type LoginUi, registerAuthPlugin } from "./plugin.js";

let server: OAuthTestServer;
let dir: string;
let logs: string[];
let sleeps: number[];

async function start(script: ServerScript = {}) {
  server = await startOAuthServer(script);
  const endpoints = {
    "openai-codex": {
      authorizeUrl: `${server.url}/authorize`,
      tokenUrl: `${server.url}/token`,
      deviceCodeUrl: `${server.url}/api/accounts/deviceauth/usercode`,
    },
    "github-copilot": {
      deviceCodeUrl: `${server.url}/device/code`,
      tokenUrl: `${server.url}/token`,
      exchangeUrl: `${server.url}/copilot/token`,
    },
    "google-gemini-cli": {
      authorizeUrl: `${server.url}/authorize`,
      tokenUrl: `${server.url}/token`,
      userinfoUrl: `${server.url}/userinfo`,
      codeAssistUrl: `${server.url}/v1internal`,
    },
    "minimax-portal": {
      deviceCodeUrl: `${server.url}/minimax/oauth2/device/code`,
      tokenUrl: `${server.url}/minimax/oauth2/token`,
    },
  };
  await writeFile(join(dir, "endpoints.json"), JSON.stringify(endpoints));
}

const env = (extra: Record<string, string> = {}) => ({
  MODELCTL_AUTH_ENDPOINTS: join(dir, "endpoints.json"),
  PATH: "",
  ...extra,
});

function ui(overrides: Partial<LoginUi> = {}): LoginUi {
  return {
    openUrl: async (url) => {
      await followAuthorize(url);
    },
    showDeviceCode: (url, code) => logs.push(`device ${url} ${code}`),
    promptRedirectUrl: async () => {
      throw new Error("not asked");
    },
    log: (message) => logs.push(message),
    ...overrides,
  };
}

const timing = {
  callbackPort: 0,
  sleep: async (ms: number) => {
    sleeps.push(ms);
  },
};

async function failure(promise: Promise<unknown>): Promise<AuthLoginError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!AuthLoginError.isInstance(error)) throw new Error(`expected an AuthLoginError, got ${String(error)}`);
  // Nothing a provider issued, nor any code, reaches a message or a log.
  expect(error.message).not.toContain(CANARY);
  return error;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelctl-login-"));
  logs = [];
  sleeps = [];
});

afterEach(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
  expect(logs.join("\n")).not.toContain(CANARY);
});

const idClaims = {
  email: "codex-user@example.com",
  "https://api.openai.com/auth": { chatgpt_account_id: "acct-123", chatgpt_plan_type: "pro" },
};

describe("OpenAI Codex", () => {
  it("signs in with PKCE through the browser callback and reads the account from the id_token", async () => {
    await start({ idTokenClaims: idClaims });
    const profile = await login({ provider: "openai-codex", method: "oauth", env: env(), ui: ui(), timing });
    expect(profile).toMatchObject({
      type: "oauth",
      provider: "openai-codex",
      email: "codex-user@example.com",
      accountId: "acct-123",
    });
    expect(profile).toHaveProperty("access", expect.stringContaining(CANARY));
    expect(profile).toHaveProperty("refresh", expect.stringContaining(CANARY));
    const authorize = server.requests.find((r) => r.path === "/authorize")?.query;
    expect(authorize?.get("client_id")).toBe("app_EMoamEEZ73f0CkXaXp7hrann");
    expect(authorize?.get("scope")).toBe("openid profile email offline_access");
    expect(authorize?.get("id_token_add_organizations")).toBe("true");
    expect(authorize?.get("codex_cli_simplified_flow")).toBe("true");
    expect(authorize?.get("redirect_uri")).toMatch(/^http:\/\/localhost:\d+\/auth\/callback$/);
    const exchange = server.requests.find((r) => r.path === "/token")?.form;
    expect(exchange?.get("grant_type")).toBe("authorization_code");
    expect(exchange?.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("takes a pasted redirect URL with --no-browser and binds no server", async () => {
    await start({ idTokenClaims: idClaims });
    const profile = await login({
      provider: "openai-codex",
      method: "oauth",
      env: env(),
      noBrowser: true,
      timing: { sleep: timing.sleep },
      ui: ui({
        openUrl: async () => {
          throw new Error("no browser");
        },
        promptRedirectUrl: async () => {
          const url = logs.at(-1)?.split("\n")[1] ?? "";
          const reply = await fetch(url, { redirect: "manual" });
          return reply.headers.get("location") ?? "";
        },
      }),
    });
    expect(profile).toMatchObject({ accountId: "acct-123" });
    expect(server.requests.find((r) => r.path === "/authorize")?.query.get("redirect_uri")).toBe(
      "http://localhost:1455/auth/callback",
    );
  });

  it("refuses a callback whose state is not this flow's (STATE_MISMATCH)", async () => {
    await start();
    const error = await failure(
      login({
        provider: "openai-codex",
        method: "oauth",
        env: env(),
        timing,
        ui: ui({
          openUrl: async (url) => {
            const reply = await fetch(url, { redirect: "manual" });
            const callback = new URL(reply.headers.get("location") ?? "");
            callback.searchParams.set("state", "forged");
            await fetch(callback);
          },
        }),
      }),
    );
    expect(error.code).toBe("STATE_MISMATCH");
    expect(server.requests.some((r) => r.path === "/token")).toBe(false);
  });

  it("reports a denial in the browser as DENIED", async () => {
    await start({ deny: true });
    const error = await failure(
      login({ provider: "openai-codex", method: "oauth", env: env(), timing, ui: ui() }),
    );
    expect(error.code).toBe("DENIED");
  });

  it("gives up waiting for the browser with TIMEOUT", async () => {
    await start();
    const error = await failure(
      login({
        provider: "openai-codex",
        method: "oauth",
        env: env(),
        timing: { ...timing, callbackTimeoutMs: 20 },
        ui: ui({ openUrl: () => {} }),
      }),
    );
    expect(error.code).toBe("TIMEOUT");
  });

  it("keeps waiting for the callback when the browser cannot be opened", async () => {
    await start();
    const error = await failure(
      login({
        provider: "openai-codex",
        method: "oauth",
        env: env(),
        timing: { ...timing, callbackTimeoutMs: 20 },
        ui: ui({
          openUrl: () => {
            throw new Error("xdg-open: not found");
          },
        }),
      }),
    );
    expect(error.code).toBe("TIMEOUT");
    expect(logs).toContain("Could not open a browser; open the URL above by hand.");
  });

  it("signs in by Codex's device code and exchanges the code the server made", async () => {
    await start({ codexDevicePending: 2, idTokenClaims: idClaims });
    const profile = await login({ provider: "openai-codex", method: "device", env: env(), timing, ui: ui() });
    expect(profile).toMatchObject({ type: "oauth", accountId: "acct-123" });
    expect(logs[0]).toBe(`device ${server.url}/codex/device ABCD-1234`);
    expect(sleeps).toEqual([0, 0]);
    const exchange = server.requests.find((r) => r.path === "/token")?.form;
    expect(exchange?.get("redirect_uri")).toBe(`${server.url}/deviceauth/callback`);
  });

  it("refreshes once; the server revokes the grant if the same refresh token is spent twice", async () => {
    await start({ idTokenClaims: idClaims });
    const profile = (await login({
      provider: "openai-codex",
      method: "oauth",
      env: env(),
      ui: ui(),
      timing,
    })) as {
      refresh: string;
    };
    const fresh = await refreshOAuth("openai-codex", { refresh: profile.refresh }, { env: env() });
    expect(fresh).toMatchObject({ accountId: "acct-123", email: "codex-user@example.com" });
    expect(fresh.refresh).not.toBe(profile.refresh);
    const error = await refreshOAuth("openai-codex", { refresh: profile.refresh }, { env: env() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    // An OAuthError, so that refreshIfNeeded reports INVALID_GRANT (sign in again) rather than a bare failure.
    if (!OAuthError.isInstance(error)) throw new Error(`expected an OAuthError, got ${String(error)}`);
    expect(error).toMatchObject({ code: "INVALID_GRANT", providerCode: "invalid_grant", status: 400 });
    expect(error.message).toContain("invalid_grant");
    expect(error.message).not.toContain(CANARY);
    expect(server.revoked).toBe(true);
  });
});

describe("the callback port", () => {
  let blocker: Server;
  let port: number;
  beforeEach(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    port = (blocker.address() as AddressInfo).port;
  });
  afterEach(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("moves to the next port when the asked one is busy, and says so", async () => {
    await start();
    await login({
      provider: "openai-codex",
      method: "oauth",
      env: env(),
      ui: ui(),
      timing: { callbackPort: port },
    });
    expect(logs).toContain(`Port ${port} is in use; trying ${port + 1} for the sign-in callback.`);
  });

  it("is PORT_BUSY when the flow needs exactly that port", async () => {
    const { runPkceFlow } = await import("./pkce-flow.js");
    const error = await failure(
      runPkceFlow({
        provider: "test",
        authorizeUrl: "http://127.0.0.1:9/authorize",
        tokenUrl: "http://127.0.0.1:9/token",
        clientId: "c",
        scopes: [],
        redirect: { port, path: "/cb" },
        fixedPort: true,
        ui: ui(),
      }),
    );
    expect(error.code).toBe("PORT_BUSY");
  });
});

describe("GitHub Copilot", () => {
  it("polls the device code (pending, slow_down), then exchanges the GitHub token with the editor headers", async () => {
    await start({
      device: ["authorization_pending", "slow_down"],
      deviceErrorsAs200: true,
      deviceInterval: 1,
    });
    const profile = await login({ provider: "github-copilot", env: env(), timing, ui: ui() });
    expect(profile).toMatchObject({ type: "oauth", provider: "github-copilot", expires: 2_000_000_000_000 });
    expect(sleeps).toEqual([1000, 1000, 6000]);
    expect(logs[0]).toBe(`device ${server.url}/device WDJB-MJHT`);
    const started = server.requests.find((r) => r.path === "/device/code")?.form;
    expect(started?.get("client_id")).toBe("Iv1.b507a08c87ecfe98");
    expect(started?.get("scope")).toBe("read:user");
    const exchange = server.requests.find((r) => r.path === "/copilot/token");
    expect(exchange?.headers["editor-version"]).toMatch(/^vscode\//);
    expect(exchange?.headers["copilot-integration-id"]).toBe("vscode-chat");
    const { refresh } = profile as { refresh: string };
    const again = await refreshOAuth("github-copilot", { refresh }, { env: env() });
    expect(again.access).toContain("tid=");
    expect(again.refresh).toBeUndefined();
  });

  it("stops with EXPIRED on expired_token and DENIED on access_denied", async () => {
    await start({ device: ["authorization_pending", "expired_token"] });
    expect((await failure(login({ provider: "github-copilot", env: env(), timing, ui: ui() }))).code).toBe(
      "EXPIRED",
    );
    await server.close();
    await start({ device: ["access_denied"] });
    expect((await failure(login({ provider: "github-copilot", env: env(), timing, ui: ui() }))).code).toBe(
      "DENIED",
    );
  });
});

describe("Google Gemini CLI", () => {
  const client = {
    GEMINI_CLI_OAUTH_CLIENT_ID: "123-abc.apps.googleusercontent.com",
    GEMINI_CLI_OAUTH_CLIENT_SECRET: "test-secret",
  };

  it("signs in with PKCE, offline access and consent, and reads the e-mail from userinfo", async () => {
    await start({ refreshKeepsToken: true });
    const profile = await login({ provider: "google-gemini-cli", env: env(client), timing, ui: ui() });
    expect(profile).toMatchObject({
      type: "oauth",
      email: "gemini-user@example.com",
      clientId: client.GEMINI_CLI_OAUTH_CLIENT_ID,
      // A new account is onboarded to the free tier; the operation is polled until it names the project.
      projectId: "proj-onboarded",
    });
    const onboard = server.requests.find((r) => r.path === "/v1internal:onboardUser")?.json;
    expect(onboard).toMatchObject({ tierId: "free-tier", metadata: { pluginType: "GEMINI" } });
    expect(onboard).not.toHaveProperty("cloudaicompanionProject");
    expect(sleeps).toEqual([5000]);
    const authorize = server.requests.find((r) => r.path === "/authorize")?.query;
    expect(authorize?.get("access_type")).toBe("offline");
    expect(authorize?.get("prompt")).toBe("consent");
    expect(authorize?.get("scope")?.split(" ")).toContain("https://www.googleapis.com/auth/cloud-platform");
    expect(authorize?.get("redirect_uri")).toMatch(/\/oauth2callback$/);
    expect(server.requests.find((r) => r.path === "/token")?.form.get("client_secret")).toBe("test-secret");
    const { refresh } = profile as { refresh: string };
    const fresh = await refreshOAuth("google-gemini-cli", { refresh }, { env: env(client) });
    expect(fresh.refresh).toBe(refresh);
  });

  it("keeps the project of an account already set up, and sends GOOGLE_CLOUD_PROJECT when set", async () => {
    await start({ gemini: "current" });
    const profile = await login({
      provider: "google-gemini-cli",
      env: env({ ...client, GOOGLE_CLOUD_PROJECT: "my-proj" }),
      timing,
      ui: ui(),
    });
    expect(profile).toMatchObject({ projectId: "proj-current" });
    expect(server.requests.find((r) => r.path === "/v1internal:loadCodeAssist")?.json).toMatchObject({
      cloudaicompanionProject: "my-proj",
      metadata: { duetProject: "my-proj" },
    });
    expect(server.requests.some((r) => r.path === "/v1internal:onboardUser")).toBe(false);
  });

  it("fails, naming Google's reason and GOOGLE_CLOUD_PROJECT, when no project can be had", async () => {
    await start({ gemini: "ineligible" });
    const error = await failure(login({ provider: "google-gemini-cli", env: env(client), timing, ui: ui() }));
    expect(error.code).toBe("NOT_CONFIGURED");
    expect(error.message).toContain("Your account is not eligible.");
    expect(error.message).toContain("GOOGLE_CLOUD_PROJECT");
  });

  it("says where to get a client when there is none", async () => {
    await start();
    const error = await failure(login({ provider: "google-gemini-cli", env: env(), timing, ui: ui() }));
    expect(error.code).toBe("NOT_CONFIGURED");
    expect(error.message).toContain("GEMINI_CLI_OAUTH_CLIENT_ID");
  });
});

describe("MiniMax", () => {
  const minimaxTokenUrl = () => `${server.url}/minimax/oauth2/token`;

  it("signs in by user code with PKCE and a state, polls until success, and records the issuing server", async () => {
    await start({ minimax: { pending: 2, intervalMs: 1500 } });
    const profile = await login({
      provider: "minimax-portal",
      method: "oauth",
      env: env(),
      timing,
      ui: ui(),
    });
    expect(profile).toMatchObject({
      type: "oauth",
      provider: "minimax-portal",
      tokenEndpoint: minimaxTokenUrl(),
      resourceUrl: "https://api.minimax.io/anthropic",
    });
    expect(profile).toHaveProperty("access", expect.stringContaining(CANARY));
    expect(profile).toHaveProperty("refresh", expect.stringContaining(CANARY));
    expect((profile as { expires: number }).expires).toBeGreaterThan(Date.now());
    // The reply's interval is in milliseconds; MiniMax is never polled faster than every 2 s.
    expect(sleeps).toEqual([2000, 2000]);
    expect(logs[0]).toMatch(
      new RegExp(`^device ${server.url}/oauth-authorize\\?user_code=(MM\\w+)&client=OpenClaw MM\\w+$`),
    );
    const started = server.requests.find((r) => r.path === "/minimax/oauth2/device/code");
    expect(Object.fromEntries(started?.form ?? [])).toMatchObject({
      response_type: "code",
      client_id: "78257093-7e40-4613-99e0-527b14b39113",
      scope: "group_id profile model.completion",
      code_challenge_method: "S256",
    });
    expect(started?.form.get("state")).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(started?.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const polls = server.requests.filter((r) => r.path === "/minimax/oauth2/token");
    expect(polls).toHaveLength(3);
    expect(polls[0]?.form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:user_code");
    expect(polls[0]?.form.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // MiniMax's notice is passed on, with anything token-shaped in it redacted.
    expect(logs).toContain("MiniMax: Coding Plan active for [redacted]");
  });

  it("signs in on the CN servers with --method oauth-cn, from their own endpoints entry", async () => {
    await start();
    await writeFile(
      join(dir, "endpoints.json"),
      JSON.stringify({
        "minimax-portal": { deviceCodeUrl: "http://127.0.0.1:9/code", tokenUrl: "http://127.0.0.1:9/token" },
        "minimax-portal-cn": {
          deviceCodeUrl: `${server.url}/minimax/oauth2/device/code`,
          tokenUrl: minimaxTokenUrl(),
        },
      }),
    );
    const profile = await login({
      provider: "minimax-portal",
      method: "oauth-cn",
      env: env(),
      timing,
      ui: ui(),
    });
    expect(profile).toMatchObject({ provider: "minimax-portal", tokenEndpoint: minimaxTokenUrl() });
    expect(server.requests.find((r) => r.path === "/minimax/oauth2/device/code")?.form.get("client_id")).toBe(
      "78257093-7e40-4613-99e0-527b14b39113",
    );
  });

  it("refuses a user-code reply carrying another state (STATE_MISMATCH) and polls nothing", async () => {
    await start({ minimax: { forgeState: true } });
    const error = await failure(
      login({ provider: "minimax-portal", method: "oauth", env: env(), timing, ui: ui() }),
    );
    expect(error.code).toBe("STATE_MISMATCH");
    expect(logs).toEqual([]);
    expect(server.requests.some((r) => r.path === "/minimax/oauth2/token")).toBe(false);
  });

  it("stops with EXPIRED at the user code's deadline, the last wait cut to it", async () => {
    let clock = 1_800_000_000_000;
    await start({ minimax: { pending: 100, deadline: clock + 3000 } });
    const error = await failure(
      login({
        provider: "minimax-portal",
        method: "oauth",
        env: env(),
        ui: ui(),
        now: () => clock,
        timing: {
          sleep: async (ms: number) => {
            sleeps.push(ms);
            clock += ms;
          },
        },
      }),
    );
    expect(error.code).toBe("EXPIRED");
    expect(sleeps).toEqual([2000, 1000]);
    expect(server.requests.filter((r) => r.path === "/minimax/oauth2/token")).toHaveLength(2);
  });

  it("maps MiniMax's status error to PROVIDER_ERROR with its message, and an RFC access_denied to DENIED", async () => {
    await start({ minimax: { outcome: "error" } });
    const refused = await failure(
      login({ provider: "minimax-portal", method: "oauth", env: env(), timing, ui: ui() }),
    );
    expect(refused).toMatchObject({
      code: "PROVIDER_ERROR",
      message: "MiniMax refused the sign-in: login failed.",
    });
    await server.close();
    await start({ minimax: { pending: 1, outcome: "access_denied" } });
    const denied = await failure(
      login({ provider: "minimax-portal", method: "oauth", env: env(), timing, ui: ui() }),
    );
    expect(denied.code).toBe("DENIED");
  });

  it("refreshes at the server that issued the tokens; spending a refresh token twice revokes the grant", async () => {
    await start();
    const profile = (await login({
      provider: "minimax-portal",
      method: "oauth",
      env: env(),
      timing,
      ui: ui(),
    })) as {
      refresh: string;
      tokenEndpoint: string;
    };
    // The endpoints file no longer names the test server: the recorded endpoint is what a refresh uses.
    await writeFile(join(dir, "endpoints.json"), "{}");
    const held = { refresh: profile.refresh, tokenEndpoint: profile.tokenEndpoint };
    const fresh = await refreshOAuth("minimax-portal", held, { env: env() });
    expect(fresh.access).toContain(CANARY);
    expect(fresh.refresh).not.toBe(profile.refresh);
    expect(fresh.expires).toBeGreaterThan(Date.now());
    const refresh = server.requests.filter((r) => r.path === "/minimax/oauth2/token").at(-1)?.form;
    expect(refresh?.get("grant_type")).toBe("refresh_token");
    expect(refresh?.get("client_id")).toBe("78257093-7e40-4613-99e0-527b14b39113");
    const error = await refreshOAuth("minimax-portal", held, { env: env() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!OAuthError.isInstance(error)) throw new Error(`expected an OAuthError, got ${String(error)}`);
    expect(error).toMatchObject({ code: "HTTP_STATUS", status: 401 });
    // MiniMax's message quoted the token; it is redacted.
    expect(error.message).toContain("refresh token [redacted] reused");
    expect(error.message).not.toContain(CANARY);
    expect(server.revoked).toBe(true);
  });

  it("keeps the refresh token when MiniMax does not rotate it, and reads an expiry in seconds", async () => {
    await start({ refreshKeepsToken: true, minimax: { expiryInSeconds: true } });
    const now = Date.now();
    const profile = (await login({
      provider: "minimax-portal",
      method: "oauth",
      env: env(),
      timing,
      ui: ui(),
      now: () => now,
    })) as { refresh: string; tokenEndpoint: string; expires: number };
    expect(profile.expires).toBe(now + 7_200_000);
    const fresh = await refreshOAuth("minimax-portal", profile, { env: env() });
    expect(fresh.refresh).toBeUndefined();
  });

  it("is stored with its token endpoint, which refreshIfNeeded hands back for the refresh", async () => {
    await start();
    const profile = await login({
      provider: "minimax-portal",
      method: "oauth",
      env: env(),
      timing,
      ui: ui(),
    });
    const agentDir = join(dir, "agent");
    await mkdir(agentDir);
    await updateAuthStore(agentDir, (draft) => {
      putProfile(draft, "minimax-portal:default", { ...profile, expires: 1 } as typeof profile);
    });
    const result = await refreshIfNeeded({
      agentDir,
      profileId: "minimax-portal:default",
      refresh: (held, signal) =>
        refreshOAuth(
          held.provider,
          { refresh: held.data.refresh?.reveal() ?? "", tokenEndpoint: held.data.tokenEndpoint },
          { env: env(), signal },
        ),
    });
    expect(result.status).toBe("refreshed");
    expect(result.profile.data.tokenEndpoint).toBe(minimaxTokenUrl());
  });

  it("will not refresh a credential that does not record its server, rather than guess the region", async () => {
    await start();
    const error = await refreshOAuth("minimax-portal", { refresh: `r-${CANARY}` }, { env: env() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!OAuthError.isInstance(error)) throw new Error(`expected an OAuthError, got ${String(error)}`);
    expect(error.code).toBe("NOT_CONFIGURED");
    expect(error.message).toContain("sign in again");
    expect(server.requests).toEqual([]);
  });

  it("reads expired_in as epoch ms, epoch seconds or seconds from now", async () => {
    const { minimaxExpiry } = await import("./providers/minimax-portal.js");
    server = await startOAuthServer();
    const now = 1_800_000_000_000;
    expect(minimaxExpiry(1_800_003_600_000, now)).toBe(1_800_003_600_000);
    expect(minimaxExpiry(1_800_003_600, now)).toBe(1_800_003_600_000);
    expect(minimaxExpiry(3600, now)).toBe(now + 3_600_000);
    expect(minimaxExpiry("3600", now)).toBeUndefined();
    expect(minimaxExpiry(0, now)).toBeUndefined();
  });
});

describe("Anthropic", () => {
  const secretUi = (value: string) => ui({ promptSecret: async () => value });

  it("stores a pasted setup token and an API key as they are", async () => {
    await start();
    expect(
      await login({
        provider: "anthropic",
        method: "setup-token",
        env: env(),
        ui: secretUi(" sk-ant-oat01-x\n"),
      }),
    ).toEqual({
      type: "token",
      provider: "anthropic",
      token: "sk-ant-oat01-x",
    });
    expect(
      await login({ provider: "anthropic", method: "api-key", env: env(), ui: secretUi("sk-ant-api03-y") }),
    ).toEqual({
      type: "api_key",
      provider: "anthropic",
      key: "sk-ant-api03-y",
    });
  });

  it("imports the Claude Code login as a token with its expiry, and says when there is none", async () => {
    await start();
    const home = join(dir, "home");
    const none = await failure(
      login({ provider: "anthropic", method: "import-claude-code", env: env(), homeDir: home, ui: ui() }),
    );
    expect(none.code).toBe("NOTHING_TO_IMPORT");
    await mkdir(join(home, ".claude"), { recursive: true });
    await writeFile(
      join(home, ".claude", ".credentials.json"),
      JSON.stringify({
        claudeAiOauth: {
          accessToken: `sk-ant-oat01-${CANARY}`,
          refreshToken: "r",
          expiresAt: 1_900_000_000_000,
        },
      }),
    );
    const profile = await login({
      provider: "anthropic",
      method: "import-claude-code",
      env: env(),
      homeDir: home,
      ui: ui(),
    });
    expect(profile).toEqual({
      type: "token",
      provider: "anthropic",
      token: `sk-ant-oat01-${CANARY}`,
      expires: 1_900_000_000_000,
    });
  });

  it("asks for a method when there are several", async () => {
    await start();
    const error = await failure(login({ provider: "anthropic", env: env(), ui: ui() }));
    expect(error.message).toBe("Choose a method of anthropic: setup-token, api-key, import-claude-code.");
  });
});

describe("errors a user meets", () => {
  it("redacts a provider's error body: no code, verifier or token-shaped value", async () => {
    await start({
      tokenError: {
        status: 400,
        body: JSON.stringify({
          error: "invalid_grant",
          error_description: `code ${CANARY}-abcdefghijklmnopqrstuvwxyz0123 is bad`,
        }),
      },
    });
    const error = await failure(
      login({ provider: "openai-codex", method: "oauth", env: env(), ui: ui(), timing }),
    );
    expect(error.code).toBe("PROVIDER_ERROR");
    expect(error.status).toBe(400);
    expect(error.message).toContain("invalid_grant: code [redacted] is bad");
  });

  it("does not follow a redirect from a token endpoint", async () => {
    await start();
    const redirector = createServer((_, response) =>
      response.writeHead(302, { location: `${server.url}/token` }).end(),
    );
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/token`;
      await writeFile(
        join(dir, "endpoints.json"),
        JSON.stringify({ "openai-codex": { authorizeUrl: `${server.url}/authorize`, tokenUrl: url } }),
      );
      const error = await failure(
        login({ provider: "openai-codex", method: "oauth", env: env(), ui: ui(), timing }),
      );
      expect(error.message).toContain("HTTP 302 (a redirect, not followed)");
      expect(server.requests.some((r) => r.path === "/token")).toBe(false);
    } finally {
      redirector.closeAllConnections();
      redirector.close();
    }
  });

  it("names the endpoints file and the key it cannot accept", async () => {
    await start();
    const path = join(dir, "endpoints.json");
    await writeFile(path, JSON.stringify({ "openai-codex": { tokenUrl: "not a url" } }));
    const bad = await failure(
      login({ provider: "openai-codex", method: "oauth", env: env(), ui: ui(), timing }),
    );
    expect(bad).toMatchObject({ code: "ENDPOINTS_INVALID", path, key: "openai-codex.tokenUrl" });
    await writeFile(path, JSON.stringify({ "openai-codex": { tokenURL: "https://x" } }));
    const unknown = await failure(
      login({ provider: "openai-codex", method: "oauth", env: env(), ui: ui(), timing }),
    );
    expect(unknown).toMatchObject({ code: "ENDPOINTS_INVALID", key: "openai-codex.tokenURL" });
  });
});

describe("the registry", () => {
  it("lists the built-in plugins and takes a third-party one the same way", async () => {
    await start();
    expect(authPlugins().map((p) => p.provider)).toEqual(
      expect.arrayContaining([
        "anthropic",
        "github-copilot",
        "google-gemini-cli",
        "minimax-portal",
        "openai-codex",
      ]),
    );
    registerAuthPlugin({
      provider: "example",
      label: "Example",
      methods: [
        {
          id: "token",
          kind: "token",
          label: "Paste",
          run: async () => ({ type: "token", provider: "example", token: "t" }),
        },
      ],
    });
    expect(authPluginFor("example")?.label).toBe("Example");
    expect(await login({ provider: "example", env: env(), ui: ui() })).toEqual({
      type: "token",
      provider: "example",
      token: "t",
    });
  });
});

describe("Gemini CLI client discovery", () => {
  it("reads the client of an installed gemini, as OpenClaw does", async () => {
    const { installedGeminiClient } = await import("./providers/google-gemini-cli.js");
    const root = join(dir, "gemini-cli");
    const core = join(root, "node_modules", "@google", "gemini-cli-core", "dist", "src", "code_assist");
    await mkdir(core, { recursive: true });
    await mkdir(join(root, "bin"), { recursive: true });
    await writeFile(join(root, "bin", "gemini"), "#!/usr/bin/env node\n");
    await writeFile(
      join(core, "oauth2.js"),
      'const OAUTH_CLIENT_ID = "42-fakeclient.apps.googleusercontent.com";\nconst OAUTH_CLIENT_SECRET = "GOCSPX-fake_secret";\n',
    );
    server = await startOAuthServer();
    expect(installedGeminiClient({ PATH: join(root, "bin") })).toEqual({
      clientId: "42-fakeclient.apps.googleusercontent.com",
      clientSecret: "GOCSPX-fake_secret",
    });
    expect(installedGeminiClient({ PATH: dir })).toBeUndefined();
  });
});

describe("GitHub Enterprise", () => {
  it("refuses a domain that is not one", async () => {
    await start();
    const error = await failure(
      login({
        provider: "github-copilot",
        env: env(),
        timing,
        ui: ui(),
        options: { enterpriseDomain: "evil.com/x?y" },
      }),
    );
    expect(error.code).toBe("NOT_CONFIGURED");
  });
});
