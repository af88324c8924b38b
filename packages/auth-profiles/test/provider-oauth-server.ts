// A local OAuth 2.0 server on 127.0.0.1 (port 0) for the sign-in tests: authorize (redirects with code + state),
// token (checks PKCE S256; single-use refresh tokens whose reuse revokes the grant), RFC 8628 device authorization
// answering by script, Codex's device sign-in, MiniMax's user-code sign-in (PKCE checked, MiniMax's reply shapes), a
// Copilot-style exchange and userinfo. Every token it issues carries a canary, so a test can prove none reaches an
// error or a log.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const CANARY = "CANARY7f3a";

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  query: URLSearchParams;
  form: URLSearchParams;
  json: unknown;
}

export type DeviceAnswer = "authorization_pending" | "slow_down" | "expired_token" | "access_denied" | "ok";

export interface ServerScript {
  /** The authorize endpoint denies (`error=access_denied`). */
  deny?: boolean;
  /** Answers the device token endpoint gives, in order (then "ok"). */
  device?: DeviceAnswer[];
  /** GitHub style: pending answers with HTTP 200 (true) or RFC 8628's 400 (false). */
  deviceErrorsAs200?: boolean;
  /** The server-sent device `interval` in seconds. */
  deviceInterval?: number;
  /** The `interval` a `slow_down` answer carries, as GitHub sends one (absent: RFC 8628's bare error). */
  slowDownInterval?: number;
  /** How many 403s Codex's device poll answers before the code. */
  codexDevicePending?: number;
  /** Claims of the id_token issued. */
  idTokenClaims?: Record<string, unknown>;
  /** A refresh answers without a new refresh token (Google). */
  refreshKeepsToken?: boolean;
  /**
   * Gemini Code Assist: `current` names a project for an account set up already; `onboard` (the default) has none,
   * so the sign-in onboards it (one pending poll, then the project); `ineligible` has neither tier nor project.
   */
  gemini?: "current" | "onboard" | "ineligible";
  /** The token endpoint answers this status and body instead. */
  tokenError?: { status: number; body: string };
  /** MiniMax's user-code sign-in (`/minimax/oauth2/*`). */
  minimax?: MiniMaxScript;
}

export interface MiniMaxScript {
  /** How many polls answer `status: "pending"` before the tokens. */
  pending?: number;
  /** After the pending polls: tokens (default), MiniMax's `status: "error"`, or an RFC 8628 error code. */
  outcome?: "success" | "error" | "access_denied" | "expired_token";
  /** The user-code reply carries another `state` than the one sent. */
  forgeState?: boolean;
  /** The user code's deadline (`expired_in`, epoch ms). Default 10 min after the request. */
  deadline?: number;
  /** The `interval` (ms) of the user-code reply. */
  intervalMs?: number;
  /** The token reply's `expired_in` as seconds from now instead of epoch ms. */
  expiryInSeconds?: boolean;
}

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.sig${CANARY}`;
}

const token = (kind: string) => `${kind}-${CANARY}-${randomBytes(8).toString("hex")}`;

export interface OAuthTestServer {
  url: string;
  requests: Recorded[];
  script: ServerScript;
  /** Issued GitHub-style access tokens, for the exchange's check. */
  revoked: boolean;
  close(): Promise<void>;
}

export async function startOAuthServer(script: ServerScript = {}): Promise<OAuthTestServer> {
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
  const refreshTokens = new Map<string, boolean>(); // token → used
  const accessTokens = new Set<string>();
  const deviceAnswers = [...(script.device ?? [])];
  // MiniMax: the PKCE challenge and client of each user code issued, and the polls left before the outcome.
  const userCodes = new Map<string, { challenge: string; clientId: string }>();
  let minimaxPending = script.minimax?.pending ?? 0;
  let codexPending = script.codexDevicePending ?? 0;
  const state: OAuthTestServer = {
    url: "",
    requests: [],
    script,
    revoked: false,
    close: async () => {},
  };

  const issue = (withIdToken: boolean) => {
    const access = token("access");
    const refresh = token("refresh");
    accessTokens.add(access);
    refreshTokens.set(refresh, false);
    return {
      access_token: access,
      refresh_token: refresh,
      expires_in: 3600,
      token_type: "Bearer",
      ...(withIdToken ? { id_token: jwt(script.idTokenClaims ?? { email: "user@example.com" }) } : {}),
    };
  };

  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const form = new URLSearchParams(request.headers["content-type"]?.includes("form") ? text : "");
    state.requests.push({
      method: request.method ?? "",
      path: url.pathname,
      headers: request.headers,
      query: url.searchParams,
      form,
      json,
    });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const bearer = (request.headers.authorization ?? "").replace(/^(Bearer|token) /, "");

    switch (url.pathname) {
      case "/authorize": {
        const q = url.searchParams;
        const redirect = new URL(q.get("redirect_uri") ?? "");
        redirect.searchParams.set("state", q.get("state") ?? "");
        if (script.deny) redirect.searchParams.set("error", "access_denied");
        else {
          if (q.get("code_challenge_method") !== "S256") return send(400, { error: "invalid_request" });
          const code = token("code");
          codes.set(code, {
            challenge: q.get("code_challenge") ?? "",
            redirectUri: q.get("redirect_uri") ?? "",
            clientId: q.get("client_id") ?? "",
          });
          redirect.searchParams.set("code", code);
        }
        response.writeHead(302, { location: redirect.toString() }).end();
        return;
      }
      case "/token": {
        if (script.tokenError) {
          response.writeHead(script.tokenError.status, { "content-type": "application/json" });
          response.end(script.tokenError.body);
          return;
        }
        const grant = form.get("grant_type");
        if (grant === "authorization_code") {
          const code = codes.get(form.get("code") ?? "");
          codes.delete(form.get("code") ?? "");
          const verifier = form.get("code_verifier") ?? "";
          const s256 = createHash("sha256").update(verifier).digest("base64url");
          if (!code || code.challenge !== s256 || code.redirectUri !== form.get("redirect_uri"))
            return send(400, { error: "invalid_grant", error_description: `bad code ${form.get("code")}` });
          if (code.clientId !== form.get("client_id")) return send(401, { error: "invalid_client" });
          return send(200, issue(true));
        }
        if (grant === "refresh_token") {
          const presented = form.get("refresh_token") ?? "";
          const used = refreshTokens.get(presented);
          if (used === undefined || state.revoked) return send(400, { error: "invalid_grant" });
          if (used) {
            // Reuse of a single-use refresh token revokes the whole grant, as OpenAI and others do.
            state.revoked = true;
            return send(400, {
              error: "invalid_grant",
              error_description: "refresh token reused; grant revoked",
            });
          }
          refreshTokens.set(presented, true);
          const next = issue(true);
          if (script.refreshKeepsToken) {
            const { refresh_token: _dropped, ...rest } = next;
            return send(200, rest);
          }
          return send(200, next);
        }
        if (grant === "urn:ietf:params:oauth:grant-type:device_code") {
          const answer = deviceAnswers.shift() ?? "ok";
          if (answer === "ok") return send(200, issue(false));
          const interval =
            answer === "slow_down" && script.slowDownInterval !== undefined
              ? { interval: script.slowDownInterval }
              : {};
          return send(script.deviceErrorsAs200 ? 200 : 400, { error: answer, ...interval });
        }
        return send(400, { error: "unsupported_grant_type" });
      }
      case "/device/code":
        return send(200, {
          device_code: token("device"),
          user_code: "WDJB-MJHT",
          verification_uri: `${state.url}/device`,
          expires_in: 900,
          interval: script.deviceInterval ?? 0,
        });
      case "/api/accounts/deviceauth/usercode":
        return send(200, { device_auth_id: token("devauth"), user_code: "ABCD-1234", interval: "0" });
      case "/api/accounts/deviceauth/token": {
        if (codexPending > 0) {
          codexPending -= 1;
          return send(403, { error: { message: "pending" } });
        }
        const verifier = randomBytes(32).toString("base64url");
        const challenge = createHash("sha256").update(verifier).digest("base64url");
        const code = token("code");
        codes.set(code, {
          challenge,
          redirectUri: `${state.url}/deviceauth/callback`,
          clientId: "app_EMoamEEZ73f0CkXaXp7hrann",
        });
        return send(200, { authorization_code: code, code_challenge: challenge, code_verifier: verifier });
      }
      case "/minimax/oauth2/device/code": {
        const mm = script.minimax ?? {};
        if (form.get("response_type") !== "code" || form.get("code_challenge_method") !== "S256")
          return send(400, { base_resp: { status_code: 1002, status_msg: "invalid request" } });
        const userCode = `MM${randomBytes(3).toString("hex").toUpperCase()}`;
        userCodes.set(userCode, {
          challenge: form.get("code_challenge") ?? "",
          clientId: form.get("client_id") ?? "",
        });
        return send(200, {
          user_code: userCode,
          verification_uri: `${state.url}/oauth-authorize?user_code=${userCode}&client=OpenClaw`,
          expired_in: mm.deadline ?? Date.now() + 600_000,
          ...(mm.intervalMs === undefined ? {} : { interval: mm.intervalMs }),
          state: mm.forgeState ? "forged" : (form.get("state") ?? ""),
        });
      }
      case "/minimax/oauth2/token": {
        const mm = script.minimax ?? {};
        const grant = form.get("grant_type");
        const fail = (status: number, message: string) =>
          send(status, { base_resp: { status_code: 1004, status_msg: message } });
        const tokens = () => {
          const issued = issue(false);
          const expiredIn = mm.expiryInSeconds ? 7200 : Date.now() + 7_200_000;
          return {
            status: "success",
            access_token: issued.access_token,
            refresh_token: issued.refresh_token,
            expired_in: expiredIn,
            token_type: "Bearer",
            resource_url: "https://api.minimax.io/anthropic",
            notification_message: `Coding Plan active for ${token("note")}`,
          };
        };
        if (grant === "urn:ietf:params:oauth:grant-type:user_code") {
          const issued = userCodes.get(form.get("user_code") ?? "");
          const s256 = createHash("sha256")
            .update(form.get("code_verifier") ?? "")
            .digest("base64url");
          if (!issued || issued.challenge !== s256 || issued.clientId !== form.get("client_id"))
            return fail(400, `bad verifier ${form.get("code_verifier")}`);
          if (minimaxPending > 0) {
            minimaxPending -= 1;
            return send(200, { status: "pending", base_resp: { status_code: 0, status_msg: "" } });
          }
          const outcome = mm.outcome ?? "success";
          if (outcome === "error")
            return send(200, {
              status: "error",
              base_resp: { status_code: 1001, status_msg: "login failed" },
            });
          if (outcome !== "success") return send(400, { error: outcome });
          userCodes.delete(form.get("user_code") ?? "");
          return send(200, tokens());
        }
        if (grant === "refresh_token") {
          const presented = form.get("refresh_token") ?? "";
          const used = refreshTokens.get(presented);
          if (used === undefined || state.revoked) return fail(401, "invalid refresh token");
          if (used) {
            state.revoked = true;
            return fail(401, `refresh token ${presented} reused; grant revoked`);
          }
          refreshTokens.set(presented, true);
          const next = tokens();
          if (script.refreshKeepsToken) {
            const { refresh_token: _dropped, ...rest } = next;
            return send(200, rest);
          }
          return send(200, next);
        }
        return fail(400, "unsupported grant_type");
      }
      case "/copilot/token": {
        if (!accessTokens.has(bearer) || !request.headers["editor-version"])
          return send(401, { message: "Bad credentials" });
        return send(200, {
          token: `tid=1;exp=2;${token("copilot")}`,
          expires_at: 2_000_000_000,
          refresh_in: 1500,
        });
      }
      case "/v1internal:loadCodeAssist":
        if (!accessTokens.has(bearer)) return send(401, { error: { code: 401, status: "UNAUTHENTICATED" } });
        if (script.gemini === "current")
          return send(200, { currentTier: { id: "standard-tier" }, cloudaicompanionProject: "proj-current" });
        if (script.gemini === "ineligible")
          return send(200, {
            allowedTiers: [{ id: "standard-tier", isDefault: true }],
            ineligibleTiers: [
              { reasonCode: "INELIGIBLE_ACCOUNT", reasonMessage: "Your account is not eligible." },
            ],
          });
        return send(200, { allowedTiers: [{ id: "free-tier", isDefault: true }] });
      case "/v1internal:onboardUser":
        if (!accessTokens.has(bearer)) return send(401, { error: { code: 401, status: "UNAUTHENTICATED" } });
        if (script.gemini === "ineligible") return send(200, { done: true, response: {} });
        return send(200, { name: "operations/onboard-1", done: false });
      case "/v1internal/operations/onboard-1":
        return send(200, {
          name: "operations/onboard-1",
          done: true,
          response: { cloudaicompanionProject: { id: "proj-onboarded" } },
        });
      case "/userinfo":
        if (!accessTokens.has(bearer)) return send(401, { error: "invalid_token" });
        return send(200, { email: "gemini-user@example.com", verified_email: true });
      default:
        return send(404, { error: "not_found" });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** A test browser: follows the authorize URL's redirect to the flow's callback server, as a browser would. */
export async function followAuthorize(authorizeUrl: string): Promise<{ status: number; body: string }> {
  const first = await fetch(authorizeUrl, { redirect: "manual" });
  const location = first.headers.get("location");
  if (!location) throw new Error(`authorize answered ${first.status} without a redirect`);
  const second = await fetch(location, { redirect: "manual" });
  return { status: second.status, body: await second.text() };
}
