// The refresh race under real processes: 8 processes refresh the same expired profile at once against a server
// whose refresh tokens are single-use and whose reuse revokes the grant. Exactly one request may reach it.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OAuthTestServer, startOAuthServer } from "./oauth-server.js";

// Child processes use the built package, as another program would.
const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const OAUTH = fileURLToPath(new URL("../dist/oauth.js", import.meta.url));
const PROCESSES = 8;
const ROUNDS = 20;

let server: OAuthTestServer;
let root: string;
const children: ChildProcess[] = [];

/**
 * A process that, for each agent folder it reads on stdin, calls refreshIfNeeded on `p:1` there and prints
 * `{ status, access }` as one JSON line. Started once and reused for every round: the race is between the
 * refreshes, not Node's start-up.
 */
function refresher(tokenUrl: string) {
  const script = `
    const { refreshIfNeeded } = await import(${JSON.stringify(DIST)});
    const { oauthRefreshRequest } = await import(${JSON.stringify(OAUTH)});
    const refresh = (profile, signal) => oauthRefreshRequest({
      tokenUrl: ${JSON.stringify(tokenUrl)}, clientId: "app_test", refreshToken: profile.data.refresh.reveal(), signal,
    });
    let buffered = "";
    process.stdin.setEncoding("utf8");
    for await (const chunk of process.stdin) {
      buffered += chunk;
      let at;
      while ((at = buffered.indexOf("\\n")) !== -1) {
        const agentDir = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        try {
          const result = await refreshIfNeeded({ agentDir, profileId: "p:1", refresh });
          process.stdout.write(JSON.stringify({ status: result.status, access: result.profile.data.access?.reveal() }) + "\\n");
        } catch (error) {
          process.stdout.write(JSON.stringify({ status: "error", code: error.code, message: error.message }) + "\\n");
        }
      }
    }`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  const waiting: ((line: string) => void)[] = [];
  let buffered = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) waiting.shift()?.(line);
  });
  return {
    /** Asks for one refresh in `agentDir`; resolves with its printed result. */
    refresh(agentDir: string): Promise<{ status: string; access?: string; code?: string }> {
      const line = new Promise<string>((resolve) => waiting.push(resolve));
      child.stdin?.write(`${agentDir}\n`);
      return line.then((text) => JSON.parse(text));
    },
  };
}

beforeAll(async () => {
  server = await startOAuthServer();
  root = mkdtempSync(join(tmpdir(), "modelctl-refresh-race-"));
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe("refreshIfNeeded across processes", () => {
  it(`sends exactly one refresh when ${PROCESSES} processes refresh the same expired profile at once, ${ROUNDS} rounds in a row`, async () => {
    const pool = Array.from({ length: PROCESSES }, () => refresher(server.tokenUrl));
    for (let round = 0; round < ROUNDS; round++) {
      const agentDir = join(root, `agent-${round}`);
      mkdirSync(agentDir, { mode: 0o700 });
      const tokens = server.issue();
      const canaryEmail = `round-${round}@example.com`;
      writeFileSync(
        join(agentDir, "auth-profiles.json"),
        `${JSON.stringify(
          {
            version: 1,
            profiles: {
              "p:1": {
                type: "oauth",
                provider: "openai-codex",
                access: tokens.access,
                refresh: tokens.refresh,
                expires: Date.now() - 60_000,
                email: canaryEmail,
              },
            },
          },
          null,
          2,
        )}\n`,
        { mode: 0o600 },
      );
      const results = await Promise.all(pool.map((child) => child.refresh(agentDir)));
      const stored = JSON.parse(readFileSync(join(agentDir, "auth-profiles.json"), "utf8")).profiles["p:1"];
      const statuses = results.map((result) => result.status).sort();
      expect({ round, requests: tokens.grant.refreshRequests, revoked: tokens.grant.revoked }).toEqual({
        round,
        requests: 1,
        revoked: false,
      });
      expect(statuses.filter((status) => status === "refreshed")).toHaveLength(1);
      // The others used the stored token: after waiting for the lock, or (a late starter) finding it fresh.
      expect(statuses.every((s) => ["refreshed", "refreshed_elsewhere", "fresh"].includes(s))).toBe(true);
      expect(new Set(results.map((result) => result.access))).toEqual(new Set([stored.access]));
      expect(server.isValid(stored.access)).toBe(true);
      expect(stored.email).toBe(canaryEmail);
    }
    expect(server.requests).toHaveLength(ROUNDS);
  });
});
