// A local OAuth 2.0 token endpoint for tests: refresh tokens are single-use, and spending one twice revokes its whole
// grant (every access and refresh token of it), as OpenAI's and other strict servers do.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type TokenMode =
  /** Rotate: a new access and a new refresh token, the old refresh token spent. */
  | "rotate"
  /** Google's way: a new access token, no refresh_token in the answer, the refresh token stays valid. */
  | "keep-refresh"
  | "error-500"
  /** Never answers (the request stays open until the server closes). */
  | "hang"
  | "redirect"
  | "huge";

interface Grant {
  revoked: boolean;
  refreshRequests: number;
}

export interface OAuthTestServer {
  readonly tokenUrl: string;
  mode: TokenMode;
  /** A new grant: its first access token (already expired as far as the profile says) and refresh token. */
  issue(): { access: string; refresh: string; grant: Grant };
  /** Whether an access token is one the server still honours (issued, newest of its grant, grant not revoked). */
  isValid(access: string): boolean;
  /** Every token request received, with its form. */
  readonly requests: URLSearchParams[];
  close(): Promise<void>;
}

const token = (kind: string) => `${kind}-${randomBytes(12).toString("hex")}`;

export async function startOAuthServer(): Promise<OAuthTestServer> {
  const refreshTokens = new Map<string, { grant: Grant; used: boolean }>();
  const accessTokens = new Map<string, Grant>();
  const latestAccess = new Map<Grant, string>();
  const requests: URLSearchParams[] = [];
  const issueAccess = (grant: Grant) => {
    const access = token("at");
    accessTokens.set(access, grant);
    latestAccess.set(grant, access);
    return access;
  };
  const state = {
    mode: "rotate" as TokenMode,
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const form = new URLSearchParams(body);
      requests.push(form);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      switch (state.mode) {
        case "hang":
          return;
        case "error-500":
          // A hostile server echoes the token back: it must not reach an error or the state.
          return json(500, { error: "server_error", error_description: `boom ${form.get("refresh_token")}` });
        case "redirect":
          res.writeHead(307, { location: "http://127.0.0.1:1/steal" });
          return res.end();
        case "huge":
          return json(200, { access_token: "x".repeat(200_000), expires_in: 3600 });
      }
      const presented = form.get("refresh_token") ?? "";
      const entry = refreshTokens.get(presented);
      if (form.get("grant_type") !== "refresh_token" || entry === undefined || entry.grant.revoked)
        return json(400, { error: "invalid_grant", error_description: `unknown ${presented}` });
      entry.grant.refreshRequests++;
      if (entry.used) {
        // Reuse: the whole grant is revoked, as a stolen-token defence.
        entry.grant.revoked = true;
        return json(400, { error: "invalid_grant", error_description: `reused ${presented}` });
      }
      const access = issueAccess(entry.grant);
      if (state.mode === "keep-refresh")
        return json(200, { access_token: access, expires_in: 3600, token_type: "Bearer" });
      entry.used = true;
      const refresh = token("rt");
      refreshTokens.set(refresh, { grant: entry.grant, used: false });
      return json(200, {
        access_token: access,
        refresh_token: refresh,
        expires_in: 3600,
        token_type: "Bearer",
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}/oauth/token`,
    get mode() {
      return state.mode;
    },
    set mode(mode: TokenMode) {
      state.mode = mode;
    },
    issue() {
      const grant: Grant = { revoked: false, refreshRequests: 0 };
      const refresh = token("rt");
      refreshTokens.set(refresh, { grant, used: false });
      return { access: issueAccess(grant), refresh, grant };
    },
    isValid(access) {
      const grant = accessTokens.get(access);
      return grant !== undefined && !grant.revoked && latestAccess.get(grant) === access;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
