// MiniMax (`minimax-portal`): MiniMax's user-code sign-in, as OpenClaw runs it. Ask for a user code with a PKCE
// challenge and a state, show the code, poll the token endpoint with the user code and the verifier until MiniMax
// says `success`. Global and CN accounts sign in on different servers (`oauth`, `oauth-cn`); a refresh goes back to
// the token endpoint that issued the credential, never to the other region.
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { AuthLoginError } from "../../errors.js";
import type { ProfileInput } from "../../schema.js";
import {
  endpointsFor,
  loadEndpointOverrides,
  type ProviderEndpoints,
  requireEndpoint,
} from "../endpoints.js";
import { type HttpOptions, type HttpReply, safeHost, send } from "../http.js";
import { createPkce, randomState } from "../oauth.js";
import type {
  AuthMethod,
  AuthPlugin,
  LoginContext,
  OAuthCredential,
  RefreshContext,
  RefreshedTokens,
} from "../plugin.js";
import { describeErrorBody, oauthErrorCode, redact } from "../redact.js";

const PROVIDER = "minimax-portal";
const SCOPE = "group_id profile model.completion";
const USER_CODE_GRANT = "urn:ietf:params:oauth:grant-type:user_code";
/** MiniMax's `interval` is in milliseconds; OpenClaw waits 2 s when there is none and never polls faster. */
const MIN_INTERVAL_MS = 2000;
const SLOW_DOWN_MS = 5000;
/** When the user-code reply names no deadline. */
const DEFAULT_DEADLINE_MS = 15 * 60_000;

type Json = Record<string, unknown>;

const need = (endpoints: ProviderEndpoints, key: keyof ProviderEndpoints) =>
  requireEndpoint(PROVIDER, endpoints, key);

/**
 * Epoch ms of MiniMax's `expired_in`, which despite its name is usually an epoch-ms deadline; read as seconds from
 * now when small and as epoch seconds in between, as OpenClaw reads it. Undefined when it is not a positive number.
 */
export function minimaxExpiry(value: unknown, now: number): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) return undefined;
  if (value < 1e9) return now + value * 1000;
  if (value < 1e12) return value * 1000;
  return value;
}

function parse(text: string): Json | undefined {
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** MiniMax's own error text (`base_resp.status_msg`), else an OAuth error body's; redacted, "" when neither. */
function providerMessage(text: string, secrets: readonly string[]): string {
  const base = parse(text)?.base_resp;
  const message = typeof base === "object" && base !== null ? (base as Json).status_msg : undefined;
  if (typeof message === "string" && message.trim()) return redact(message, secrets);
  return describeErrorBody(text, secrets);
}

function providerError(url: string, reply: HttpReply, secrets: readonly string[]): AuthLoginError {
  const what = providerMessage(reply.text, secrets);
  const code = oauthErrorCode(reply.text);
  return new AuthLoginError(
    "PROVIDER_ERROR",
    `${safeHost(url)} answered HTTP ${reply.status}${what ? `: ${what}` : ""}.`,
    { provider: PROVIDER, status: reply.status, ...(code === undefined ? {} : { providerCode: code }) },
  );
}

async function postForm(url: string, form: Record<string, string>, http: HttpOptions, headers = {}) {
  return send(
    url,
    {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        ...headers,
      },
      body: new URLSearchParams(form).toString(),
    },
    http,
  );
}

/** The tokens of a `status: "success"` reply; PROVIDER_ERROR naming the missing field, never a value. */
function tokensOf(url: string, body: Json, now: number) {
  const access = body.access_token;
  const refresh = body.refresh_token;
  const expires = minimaxExpiry(body.expired_in, now);
  if (typeof access !== "string" || !access || expires === undefined)
    throw new AuthLoginError(
      "PROVIDER_ERROR",
      `${safeHost(url)} answered success without an access_token and expired_in.`,
      { provider: PROVIDER },
    );
  const resource = body.resource_url;
  return {
    access,
    refresh: typeof refresh === "string" && refresh ? refresh : undefined,
    expires,
    resourceUrl: typeof resource === "string" && /^https?:\/\/[^\s]+$/.test(resource) ? resource : undefined,
    notice: typeof body.notification_message === "string" ? body.notification_message : undefined,
  };
}

/**
 * One poll's answer: MiniMax's `status` (`success` → the body, `error` → PROVIDER_ERROR, anything else pending), or an
 * RFC 8628 `error` whatever the HTTP status (`access_denied` → DENIED, `expired_token` → EXPIRED).
 */
function readPoll(url: string, reply: HttpReply, secrets: readonly string[]): Json | "pending" | "slow_down" {
  const body = parse(reply.text);
  const error = typeof body?.error === "string" ? body.error : undefined;
  if (error === "authorization_pending" || error === "slow_down")
    return error === "slow_down" ? error : "pending";
  if (error === "access_denied")
    throw new AuthLoginError("DENIED", "The MiniMax sign-in was denied.", { provider: PROVIDER });
  if (error === "expired_token") throw expired();
  if (reply.status < 200 || reply.status > 299 || !body) throw providerError(url, reply, secrets);
  if (body.status === "success") return body;
  if (body.status === "error") {
    const what = providerMessage(reply.text, secrets);
    throw new AuthLoginError("PROVIDER_ERROR", `MiniMax refused the sign-in${what ? `: ${what}` : ""}.`, {
      provider: PROVIDER,
    });
  }
  return "pending";
}

async function signIn(context: LoginContext, endpoints: ProviderEndpoints): Promise<ProfileInput> {
  const codeUrl = need(endpoints, "deviceCodeUrl");
  const tokenUrl = need(endpoints, "tokenUrl");
  const clientId = need(endpoints, "clientId");
  const now = context.now ?? Date.now;
  const sleep =
    context.timing?.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const pkce = createPkce();
  const state = randomState();
  const http = { provider: PROVIDER, timeoutMs: context.timing?.httpTimeoutMs, signal: context.signal };

  const started = await postForm(
    codeUrl,
    {
      response_type: "code",
      client_id: clientId,
      scope: SCOPE,
      code_challenge: pkce.challenge,
      code_challenge_method: "S256",
      state,
    },
    { ...http, secrets: [state] },
    { "x-request-id": randomUUID() },
  );
  const code = started.status >= 200 && started.status <= 299 ? parse(started.text) : undefined;
  if (!code) throw providerError(codeUrl, started, [state]);
  const userCode = code.user_code;
  const verification = code.verification_uri;
  if (typeof userCode !== "string" || !userCode || typeof verification !== "string" || !verification)
    throw new AuthLoginError("PROVIDER_ERROR", "MiniMax answered without a user_code and verification_uri.", {
      provider: PROVIDER,
    });
  // The state comes back in the reply, not through a browser: a different one is not this sign-in's answer.
  if (code.state !== state)
    throw new AuthLoginError(
      "STATE_MISMATCH",
      "MiniMax answered with another sign-in's state; start again.",
      {
        provider: PROVIDER,
      },
    );
  context.ui.showDeviceCode(verification, userCode);

  const deadline = minimaxExpiry(code.expired_in, now()) ?? now() + DEFAULT_DEADLINE_MS;
  const asked = typeof code.interval === "number" && Number.isFinite(code.interval) ? code.interval : 0;
  let wait = Math.max(MIN_INTERVAL_MS, asked);
  const secrets = [pkce.verifier, userCode, state];
  for (;;) {
    if (now() >= deadline) throw expired();
    const reply = await postForm(
      tokenUrl,
      { grant_type: USER_CODE_GRANT, client_id: clientId, user_code: userCode, code_verifier: pkce.verifier },
      { ...http, secrets },
    );
    const answer = readPoll(tokenUrl, reply, secrets);
    if (answer === "slow_down") wait += SLOW_DOWN_MS;
    else if (answer !== "pending") {
      const tokens = tokensOf(tokenUrl, answer, now());
      if (!tokens.refresh)
        throw new AuthLoginError("PROVIDER_ERROR", "MiniMax answered without a refresh_token.", {
          provider: PROVIDER,
        });
      if (tokens.notice) context.ui.log(`MiniMax: ${redact(tokens.notice, secrets, 300)}`);
      return {
        type: "oauth" as const,
        provider: PROVIDER,
        access: tokens.access,
        refresh: tokens.refresh,
        expires: tokens.expires,
        // Where a refresh must go: the regional server that issued these tokens (OpenClaw records the same).
        tokenEndpoint: tokenUrl,
        ...(tokens.resourceUrl ? { resourceUrl: tokens.resourceUrl } : {}),
      };
    }
    await sleep(Math.min(wait, Math.max(0, deadline - now())), context.signal);
    context.signal?.throwIfAborted();
  }
}

function expired(): AuthLoginError {
  return new AuthLoginError(
    "EXPIRED",
    "The MiniMax user code expired before the sign-in was finished. Start again.",
    {
      provider: PROVIDER,
    },
  );
}

function method(id: "oauth" | "oauth-cn"): AuthMethod {
  const cn = id === "oauth-cn";
  return {
    id,
    kind: "device-code",
    label: cn
      ? "Sign in to MiniMax (China, api.minimaxi.com) by user code"
      : "Sign in to MiniMax (global) by user code",
    async run(context) {
      // CN accounts have endpoints of their own, kept (and overridable) under `minimax-portal-cn`.
      const endpoints = cn
        ? endpointsFor(`${PROVIDER}-cn`, await loadEndpointOverrides(context.env))
        : context.endpoints;
      return signIn(context, endpoints);
    },
  };
}

async function refresh(credential: OAuthCredential, context: RefreshContext): Promise<RefreshedTokens> {
  const tokenUrl = credential.tokenEndpoint;
  // Without the endpoint that issued it, the region is a guess, and a guess could send the token to the other one.
  if (typeof tokenUrl !== "string" || !/^https?:\/\//.test(tokenUrl))
    throw new AuthLoginError(
      "NOT_CONFIGURED",
      "This MiniMax sign-in does not record the server that issued it, so it cannot be refreshed; sign in again.",
      { provider: PROVIDER },
    );
  const http = {
    provider: PROVIDER,
    timeoutMs: context.timing?.httpTimeoutMs,
    signal: context.signal,
    secrets: [credential.refresh],
  };
  const reply = await postForm(
    tokenUrl,
    {
      grant_type: "refresh_token",
      client_id: need(context.endpoints, "clientId"),
      refresh_token: credential.refresh,
    },
    http,
  );
  const body = parse(reply.text);
  if (reply.status < 200 || reply.status > 299) throw providerError(tokenUrl, reply, http.secrets);
  if (body?.status !== "success")
    throw new AuthLoginError("PROVIDER_ERROR", `${safeHost(tokenUrl)} answered without new tokens.`, {
      provider: PROVIDER,
      status: reply.status,
    });
  const tokens = tokensOf(tokenUrl, body, (context.now ?? Date.now)());
  // MiniMax may keep the refresh token; then the caller keeps the one it has.
  return {
    access: tokens.access,
    ...(tokens.refresh ? { refresh: tokens.refresh } : {}),
    expires: tokens.expires,
  };
}

export const minimaxPortalPlugin: AuthPlugin = {
  provider: PROVIDER,
  label: "MiniMax (OAuth)",
  // OpenClaw 2026.4.27's MiniMax default (MINIMAX_DEFAULT_MODEL_ID).
  defaultModel: "minimax-portal/MiniMax-M2.7",
  methods: [method("oauth"), method("oauth-cn")],
  refresh,
};
