import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withFileLock } from "@modelctl/safe-file";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type OAuthTestServer, startOAuthServer } from "../test/oauth-server.js";
import { AuthStoreError, OAuthError } from "./errors.js";
import { oauthRefreshRequest } from "./oauth-request.js";
import { type RefreshFunction, type RefreshInput, refreshIfNeeded, refreshLockTarget } from "./refresh.js";
import { updateAuthStore } from "./store.js";

let server: OAuthTestServer;
let root: string;
let agentDir: string;
beforeEach(async () => {
  server = await startOAuthServer();
  root = mkdtempSync(join(tmpdir(), "modelctl-refresh-"));
  agentDir = join(root, "agent");
});
afterEach(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const HOUR = 3_600_000;
const profilesText = () => readFileSync(join(agentDir, "auth-profiles.json"), "utf8");
const stateText = () => {
  try {
    return readFileSync(join(agentDir, "auth-state.json"), "utf8");
  } catch {
    return "";
  }
};
const stored = (id: string) => JSON.parse(profilesText()).profiles[id];

/** Stores an OAuth profile of a new grant, expiring `expiresIn` from now (negative: expired). */
async function storeProfile(id: string, expiresIn = -HOUR, extra: Record<string, unknown> = {}) {
  const tokens = server.issue();
  await updateAuthStore(agentDir, (draft) => {
    draft.profiles[id] = {
      type: "oauth",
      provider: "openai-codex",
      access: tokens.access,
      refresh: tokens.refresh,
      expires: Date.now() + expiresIn,
      ...extra,
    };
  });
  return tokens;
}

const refreshWith =
  (timeoutMs?: number): RefreshFunction =>
  (profile, signal) =>
    oauthRefreshRequest({
      tokenUrl: server.tokenUrl,
      clientId: "app_test",
      refreshToken: profile.data.refresh?.reveal() ?? "",
      signal,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });

const run = (profileId: string, options: Partial<RefreshInput> = {}) =>
  refreshIfNeeded({ agentDir, profileId, refresh: refreshWith(), ...options });

describe("refreshIfNeeded", () => {
  it("refreshes an expired profile and stores the rotated tokens, keeping every other field", async () => {
    const old = await storeProfile("openai-codex:default", -HOUR, {
      email: "me@example.com",
      accountId: "acct_1",
      vendorField: { keep: [1, 2] },
    });
    const result = await run("openai-codex:default");
    expect(result.status).toBe("refreshed");
    const now = stored("openai-codex:default");
    expect(now.access).not.toBe(old.access);
    expect(now.refresh).not.toBe(old.refresh);
    expect(server.isValid(now.access)).toBe(true);
    expect(now.expires).toBeGreaterThan(Date.now());
    expect(now).toMatchObject({
      email: "me@example.com",
      accountId: "acct_1",
      vendorField: { keep: [1, 2] },
    });
    expect(result.profile.data.access?.reveal()).toBe(now.access);
    expect(server.requests).toHaveLength(1);
  });

  it("refreshes inside the margin, and not outside it", async () => {
    await storeProfile("a:1", 2 * 60_000);
    expect((await run("a:1", { marginMs: 60_000 })).status).toBe("fresh");
    expect(server.requests).toHaveLength(0);
    expect((await run("a:1")).status).toBe("refreshed");
    expect(server.requests).toHaveLength(1);
  });

  it("keeps the old refresh token when the answer has none (Google)", async () => {
    const old = await storeProfile("google-gemini-cli:me");
    server.mode = "keep-refresh";
    expect((await run("google-gemini-cli:me")).status).toBe("refreshed");
    const now = stored("google-gemini-cli:me");
    expect(now.refresh).toBe(old.refresh);
    expect(now.access).not.toBe(old.access);
  });

  it("reports a profile without a refresh token as not refreshable, sending nothing", async () => {
    await updateAuthStore(agentDir, (draft) => {
      draft.profiles["x:1"] = { type: "oauth", provider: "x", access: "at-old", expires: 1 };
    });
    const result = await run("x:1");
    expect(result).toMatchObject({ status: "not_refreshable", reason: "NO_REFRESH_TOKEN" });
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a missing profile and a profile that is not OAuth with stable codes", async () => {
    await updateAuthStore(agentDir, (draft) => {
      draft.profiles["openai:default"] = {
        type: "api_key",
        provider: "openai",
        key: "sk-test-key-1234567890",
      };
    });
    const missing = await run("nope:1").catch((error: unknown) => error);
    expect(AuthStoreError.isInstance(missing) && missing.code).toBe("PROFILE_NOT_FOUND");
    const notOAuth = await run("openai:default").catch((error: unknown) => error);
    expect(OAuthError.isInstance(notOAuth) && notOAuth.code).toBe("PROFILE_NOT_OAUTH");
  });

  it("uses the token another process stored while it waited for the lock, without a request", async () => {
    await storeProfile("a:1");
    const other = server.issue();
    const target = await refreshLockTarget(agentDir, "a:1");
    let result: Promise<unknown> | undefined;
    let checked: () => void = () => {};
    const firstCheck = new Promise<void>((resolve) => {
      checked = resolve;
    });
    const now = () => {
      checked();
      return Date.now();
    };
    await withFileLock(target, async () => {
      result = run("a:1", { now });
      // Once it has judged the profile expired and is waiting for the lock:
      await firstCheck;
      // While the refresh lock is held, "another process" stores a fresh token.
      await updateAuthStore(agentDir, (draft) => {
        Object.assign(draft.profiles["a:1"] as object, {
          access: other.access,
          refresh: other.refresh,
          expires: Date.now() + HOUR,
        });
      });
    });
    expect(await result).toMatchObject({ status: "refreshed_elsewhere" });
    expect(server.requests).toHaveLength(0);
    expect(stored("a:1").access).toBe(other.access);
  });

  it("refreshes another profile while one profile's refresh lock is held", async () => {
    await storeProfile("a:1");
    await storeProfile("b:1");
    const target = await refreshLockTarget(agentDir, "a:1");
    await withFileLock(target, async () => {
      expect((await run("b:1")).status).toBe("refreshed");
      const busy = await run("a:1", { lockTimeoutMs: 50 }).catch((error: unknown) => error);
      expect(busy).toMatchObject({ code: "LOCK_BUSY" });
    });
    expect(server.requests).toHaveLength(1);
  });

  it("names each profile's lock file by a hash of its id, beside the store", async () => {
    const a = await refreshLockTarget(agentDir, "a:1");
    expect(a).toMatch(/auth-profiles\.json\.refresh-[0-9a-f]{16}$/);
    expect(await refreshLockTarget(agentDir, "a:1")).toBe(a);
    expect(await refreshLockTarget(agentDir, "../../etc/passwd")).toMatch(/\.refresh-[0-9a-f]{16}$/);
    expect(await refreshLockTarget(agentDir, "a:2")).not.toBe(a);
  });
});

describe("refreshIfNeeded when the refresh fails", () => {
  // Canary tokens: none may appear in a result, an error or the state.
  async function failing(
    setup: () => Promise<Partial<RefreshInput>> | Partial<RefreshInput>,
    reason: string,
    stateReason: string | undefined,
  ) {
    const tokens = await storeProfile("openai-codex:default");
    const before = profilesText();
    const result = await run("openai-codex:default", await setup());
    expect(result).toMatchObject({ status: "refresh_failed", reason });
    expect(profilesText()).toBe(before);
    const state = stateText();
    if (stateReason === undefined) expect(state).toBe("");
    else
      expect(JSON.parse(state).usageStats["openai-codex:default"]).toMatchObject({
        errorCount: 1,
        failureCounts: { [stateReason]: 1 },
      });
    for (const text of [
      JSON.stringify(result),
      String(result.status === "refresh_failed" ? result.error : ""),
      result.status === "refresh_failed" ? (result.error?.message ?? "") : "",
      state,
    ]) {
      expect(text).not.toContain(tokens.refresh);
      expect(text).not.toContain(tokens.access);
    }
    return result;
  }

  it("keeps the credential byte for byte on a 500 that echoes the token, and counts it", async () => {
    server.mode = "error-500";
    const result = await failing(() => ({}), "HTTP_STATUS", "overloaded");
    expect(result.status === "refresh_failed" && result.error?.status).toBe(500);
  });

  it("keeps it when the endpoint cannot be reached", async () => {
    const closed = await startOAuthServer();
    await closed.close();
    await failing(
      () => ({
        refresh: (profile, signal) =>
          oauthRefreshRequest({
            tokenUrl: closed.tokenUrl,
            clientId: "app_test",
            refreshToken: profile.data.refresh?.reveal() ?? "",
            signal,
          }),
      }),
      "NETWORK",
      "unknown",
    );
  });

  it("keeps it when the endpoint never answers", async () => {
    server.mode = "hang";
    await failing(() => ({ refresh: refreshWith(100) }), "TIMEOUT", "timeout");
  });

  it("ends at its own deadline even when the refresh function ignores its signal", async () => {
    await failing(() => ({ refresh: () => new Promise(() => {}), timeoutMs: 100 }), "TIMEOUT", "timeout");
  });

  it("keeps it on invalid_grant and disables the profile (a revoked grant needs a new sign-in)", async () => {
    await failing(
      () => ({
        refresh: (_profile, signal) =>
          oauthRefreshRequest({
            tokenUrl: server.tokenUrl,
            clientId: "c",
            refreshToken: "rt-unknown",
            signal,
          }),
      }),
      "INVALID_GRANT",
      "auth_permanent",
    );
  });

  it("keeps it when the refresh function throws something else, without keeping its text", async () => {
    const result = await failing(
      () => ({
        refresh: (profile) => Promise.reject(new Error(`leaked ${profile.data.refresh?.reveal()}`)),
      }),
      "REFRESH_FAILED",
      "unknown",
    );
    expect(result.status === "refresh_failed" && result.error).toBeUndefined();
  });

  it("keeps it when the refresh gives no usable tokens", async () => {
    await failing(
      () => ({ refresh: async () => ({ access: "", expires: Number.NaN }) }),
      "RESPONSE_INVALID",
      "unknown",
    );
  });

  it("records nothing when the caller aborts", async () => {
    server.mode = "hang";
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await failing(() => ({ signal: controller.signal }), "ABORTED", undefined);
  });
});
