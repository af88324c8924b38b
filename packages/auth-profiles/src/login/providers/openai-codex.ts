// OpenAI Codex (ChatGPT sign-in): PKCE against auth.openai.com with the Codex CLI's public client, or Codex's own
// device sign-in. The account id and plan are in the id_token's `https://api.openai.com/auth` claim.
import { setTimeout as delay } from "node:timers/promises";
import { AuthLoginError } from "../../errors.js";
import { type ProviderEndpoints, requireEndpoint } from "../endpoints.js";
import { jsonOf, send } from "../http.js";
import { decodeJwtClaims, expiresAt, requestTokens, type TokenReply } from "../oauth.js";
import { runPkceFlow } from "../pkce-flow.js";
import type { AuthPlugin, Identity, LoginContext, RefreshContext } from "../plugin.js";

const PROVIDER = "openai-codex";
const SCOPES = ["openid", "profile", "email", "offline_access"];
/** What the Codex CLI adds to its authorize URL. */
const AUTHORIZE_PARAMS = {
  id_token_add_organizations: "true",
  codex_cli_simplified_flow: "true",
  originator: "codex_cli_rs",
};
const DEVICE_MAX_WAIT_MS = 15 * 60_000;

const required = (context: Pick<LoginContext, "endpoints">, key: keyof ProviderEndpoints) =>
  requireEndpoint(PROVIDER, context.endpoints, key);

export function codexIdentity(tokens: { access: string; idToken?: string }): Identity {
  const id = decodeJwtClaims(tokens.idToken);
  const access = decodeJwtClaims(tokens.access);
  const auth = (claims: Record<string, unknown>) => {
    const value = claims["https://api.openai.com/auth"];
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  };
  const pick = (key: string) => {
    const value = auth(id)[key] ?? auth(access)[key];
    return typeof value === "string" && value ? value : undefined;
  };
  const identity: Identity = {};
  const email = typeof id.email === "string" ? id.email : undefined;
  const accountId = pick("chatgpt_account_id");
  const plan = pick("chatgpt_plan_type");
  if (email) identity.email = email;
  if (accountId) identity.accountId = accountId;
  if (plan) identity.plan = plan;
  return identity;
}

function profileOf(tokens: TokenReply, now: number) {
  if (!tokens.refresh_token)
    throw new AuthLoginError("PROVIDER_ERROR", "auth.openai.com returned no refresh token.", {
      provider: PROVIDER,
    });
  const identity = codexIdentity({
    access: tokens.access_token,
    ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
  });
  return {
    type: "oauth" as const,
    provider: PROVIDER,
    access: tokens.access_token,
    refresh: tokens.refresh_token,
    expires: expiresAt(tokens, now),
    ...(identity.email ? { email: identity.email } : {}),
    ...(identity.accountId ? { accountId: identity.accountId } : {}),
  };
}

/**
 * Codex's device sign-in (not RFC 8628): POST `{client_id}` as JSON to `…/deviceauth/usercode`, show the user code
 * with `<issuer>/codex/device`, poll `…/deviceauth/token` with `{device_auth_id, user_code}` (403/404 while pending),
 * then exchange the authorization code and the server-made verifier with redirect `<issuer>/deviceauth/callback`.
 */
async function runCodexDevice(context: LoginContext) {
  const usercodeUrl = required(context, "deviceCodeUrl");
  const tokenUrl = required(context, "tokenUrl");
  const clientId = required(context, "clientId");
  const pollUrl = usercodeUrl.replace(/\/usercode$/, "/token");
  const issuer = new URL(tokenUrl).origin;
  const http = {
    provider: PROVIDER,
    timeoutMs: context.timing?.httpTimeoutMs,
    signal: context.signal,
  };
  const json = { "content-type": "application/json", accept: "application/json" };
  const started = jsonOf(
    usercodeUrl,
    await send(
      usercodeUrl,
      { method: "POST", headers: json, body: JSON.stringify({ client_id: clientId }) },
      http,
    ),
    http,
  ) as Record<string, unknown>;
  const deviceAuthId = started.device_auth_id;
  const userCode = started.user_code ?? started.usercode;
  if (typeof deviceAuthId !== "string" || typeof userCode !== "string")
    throw new AuthLoginError("PROVIDER_ERROR", "The device sign-in answered without a user code.", {
      provider: PROVIDER,
    });
  const interval = Math.max(0, Number.parseInt(String(started.interval ?? "5"), 10) || 0);
  context.ui.showDeviceCode(`${new URL(usercodeUrl).origin}/codex/device`, userCode);
  const now = context.now ?? Date.now;
  const sleep =
    context.timing?.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const end = now() + DEVICE_MAX_WAIT_MS;
  const secrets = [deviceAuthId, userCode];
  for (;;) {
    const reply = await send(
      pollUrl,
      {
        method: "POST",
        headers: json,
        body: JSON.stringify({ device_auth_id: deviceAuthId, user_code: userCode }),
      },
      { ...http, secrets },
    );
    if (reply.status === 403 || reply.status === 404) {
      if (now() >= end)
        throw new AuthLoginError(
          "EXPIRED",
          "The device code expired before the sign-in was finished. Start again.",
          {
            provider: PROVIDER,
          },
        );
      await sleep(interval * 1000, context.signal);
      continue;
    }
    const done = jsonOf(pollUrl, reply, { ...http, secrets }) as Record<string, unknown>;
    const code = done.authorization_code;
    const verifier = done.code_verifier;
    if (typeof code !== "string" || typeof verifier !== "string")
      throw new AuthLoginError(
        "PROVIDER_ERROR",
        "The device sign-in finished without an authorization code.",
        {
          provider: PROVIDER,
        },
      );
    const tokens = await requestTokens(
      tokenUrl,
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: `${issuer}/deviceauth/callback`,
        client_id: clientId,
        code_verifier: verifier,
      },
      http,
    );
    return profileOf(tokens, now());
  }
}

export const openaiCodexPlugin: AuthPlugin = {
  provider: PROVIDER,
  label: "OpenAI Codex (ChatGPT sign-in)",
  // pi's Codex default; listed in the bundled catalog.
  defaultModel: "openai-codex/gpt-5.6-terra",
  methods: [
    {
      id: "oauth",
      kind: "oauth-pkce",
      label: "Sign in with ChatGPT in a browser",
      async run(context) {
        const { tokens } = await runPkceFlow({
          provider: PROVIDER,
          authorizeUrl: required(context, "authorizeUrl"),
          tokenUrl: required(context, "tokenUrl"),
          clientId: required(context, "clientId"),
          scopes: SCOPES,
          authorizeParams: AUTHORIZE_PARAMS,
          redirect: { host: "localhost", port: context.timing?.callbackPort ?? 1455, path: "/auth/callback" },
          ui: context.ui,
          noBrowser: context.noBrowser,
          callbackTimeoutMs: context.timing?.callbackTimeoutMs,
          httpTimeoutMs: context.timing?.httpTimeoutMs,
          signal: context.signal,
        });
        return profileOf(tokens, (context.now ?? Date.now)());
      },
    },
    { id: "device", kind: "device-code", label: "Sign in with ChatGPT by device code", run: runCodexDevice },
  ],
  async refresh(credential, context: RefreshContext) {
    // Refresh tokens are single-use: the caller holds the profile's refresh lock and stores what this returns.
    const tokens = await requestTokens(
      required(context, "tokenUrl"),
      {
        grant_type: "refresh_token",
        refresh_token: credential.refresh,
        client_id: required(context, "clientId"),
      },
      { provider: PROVIDER, timeoutMs: context.timing?.httpTimeoutMs, signal: context.signal },
    );
    const identity = codexIdentity({
      access: tokens.access_token,
      ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
    });
    return {
      access: tokens.access_token,
      ...(tokens.refresh_token ? { refresh: tokens.refresh_token } : {}),
      expires: expiresAt(tokens, (context.now ?? Date.now)()),
      ...(identity.email ? { email: identity.email } : {}),
      ...(identity.accountId ? { accountId: identity.accountId } : {}),
    };
  },
  identity: codexIdentity,
};
