// Google Gemini CLI: OAuth with PKCE and a local callback, with the Gemini CLI's installed-app client. As OpenClaw
// does, its id and secret come from the env or from an installed `gemini`, never from our source; the
// MODELCTL_AUTH_ENDPOINTS file can name them too.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { AuthLoginError } from "../../errors.js";
import type { Env } from "../../resolve.js";
import { type ProviderEndpoints, requireEndpoint } from "../endpoints.js";
import { jsonOf, send } from "../http.js";
import { expiresAt, requestTokens } from "../oauth.js";
import { runPkceFlow } from "../pkce-flow.js";
import type { AuthPlugin, LoginContext, RefreshContext } from "../plugin.js";
import { discoverGeminiProject } from "./gemini-project.js";

const PROVIDER = "google-gemini-cli";
const SCOPES = [
  "https://www.googleapis.com/auth/cloud-platform",
  "https://www.googleapis.com/auth/userinfo.email",
  "https://www.googleapis.com/auth/userinfo.profile",
];
const ID_KEYS = ["OPENCLAW_GEMINI_OAUTH_CLIENT_ID", "GEMINI_CLI_OAUTH_CLIENT_ID"];
const SECRET_KEYS = ["OPENCLAW_GEMINI_OAUTH_CLIENT_SECRET", "GEMINI_CLI_OAUTH_CLIENT_SECRET"];

export interface GeminiClient {
  clientId: string;
  clientSecret?: string;
}

/** The client id/secret compiled into an installed Gemini CLI (its `oauth2.js`), found through `env.PATH`. */
export function installedGeminiClient(env: Env): GeminiClient | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const bin = join(dir, "gemini");
    if (!existsSync(bin)) continue;
    try {
      const root = dirname(dirname(realpathSync(bin)));
      for (const sub of ["dist/src/code_assist/oauth2.js", "dist/code_assist/oauth2.js"]) {
        const file = join(root, "node_modules", "@google", "gemini-cli-core", sub);
        if (!existsSync(file)) continue;
        const text = readFileSync(file, "utf8");
        const id = /\d+-[a-z0-9]+\.apps\.googleusercontent\.com/.exec(text)?.[0];
        const secret = /GOCSPX-[A-Za-z0-9_-]+/.exec(text)?.[0];
        if (id) return secret ? { clientId: id, clientSecret: secret } : { clientId: id };
      }
    } catch {
      // An unreadable install is no install.
    }
  }
  return undefined;
}

/** The client to sign in with: the override file, else the env, else an installed Gemini CLI. */
export function geminiClient(context: Pick<LoginContext, "endpoints" | "env">): GeminiClient {
  const { endpoints, env } = context;
  if (endpoints.clientId)
    return endpoints.clientSecret
      ? { clientId: endpoints.clientId, clientSecret: endpoints.clientSecret }
      : { clientId: endpoints.clientId };
  const fromEnv = (keys: string[]) => keys.map((key) => env[key]?.trim()).find(Boolean);
  const id = fromEnv(ID_KEYS);
  if (id) {
    const secret = fromEnv(SECRET_KEYS);
    return secret ? { clientId: id, clientSecret: secret } : { clientId: id };
  }
  const installed = installedGeminiClient(env);
  if (installed) return installed;
  throw new AuthLoginError(
    "NOT_CONFIGURED",
    "No Gemini CLI OAuth client: install the Gemini CLI (npm install -g @google/gemini-cli) or set GEMINI_CLI_OAUTH_CLIENT_ID and GEMINI_CLI_OAUTH_CLIENT_SECRET.",
    { provider: PROVIDER },
  );
}

const need = (context: Pick<LoginContext, "endpoints">, key: keyof ProviderEndpoints) =>
  requireEndpoint(PROVIDER, context.endpoints, key);

/** The e-mail of the signed-in account from userinfo; undefined when it cannot be read (not worth failing over). */
async function emailOf(access: string, context: LoginContext): Promise<string | undefined> {
  const url = context.endpoints.userinfoUrl;
  if (!url) return undefined;
  try {
    const http = {
      provider: PROVIDER,
      timeoutMs: context.timing?.httpTimeoutMs,
      signal: context.signal,
      secrets: [access],
    };
    const reply = await send(
      url,
      { method: "GET", headers: { authorization: `Bearer ${access}`, accept: "application/json" } },
      http,
    );
    const body = jsonOf(url, reply, http) as { email?: unknown };
    return typeof body.email === "string" ? body.email : undefined;
  } catch (error) {
    if (context.signal?.aborted) throw error;
    context.ui.log("Could not read the account's e-mail from Google; the profile is stored without it.");
    return undefined;
  }
}

export const googleGeminiCliPlugin: AuthPlugin = {
  provider: PROVIDER,
  label: "Google Gemini CLI",
  // No defaultModel: the offline catalog has no google-gemini-cli models to recommend.
  methods: [
    {
      id: "oauth",
      kind: "oauth-pkce",
      label: "Sign in with Google in a browser",
      async run(context) {
        const client = geminiClient(context);
        const { tokens } = await runPkceFlow({
          provider: PROVIDER,
          authorizeUrl: need(context, "authorizeUrl"),
          tokenUrl: need(context, "tokenUrl"),
          clientId: client.clientId,
          clientSecret: client.clientSecret,
          scopes: SCOPES,
          authorizeParams: { access_type: "offline", prompt: "consent" },
          redirect: {
            host: "localhost",
            port: context.timing?.callbackPort ?? 8085,
            path: "/oauth2callback",
          },
          ui: context.ui,
          noBrowser: context.noBrowser,
          callbackTimeoutMs: context.timing?.callbackTimeoutMs,
          httpTimeoutMs: context.timing?.httpTimeoutMs,
          signal: context.signal,
        });
        if (!tokens.refresh_token)
          throw new AuthLoginError("PROVIDER_ERROR", "Google returned no refresh token; sign in again.", {
            provider: PROVIDER,
          });
        const email = await emailOf(tokens.access_token, context);
        // The Code Assist API (usage, requests) needs the account's project: found now, stored with the profile.
        const projectId = await discoverGeminiProject(tokens.access_token, context);
        return {
          type: "oauth" as const,
          provider: PROVIDER,
          access: tokens.access_token,
          refresh: tokens.refresh_token,
          expires: expiresAt(tokens, (context.now ?? Date.now)()),
          clientId: client.clientId,
          projectId,
          ...(email ? { email } : {}),
        };
      },
    },
  ],
  async refresh(credential, context: RefreshContext) {
    const client = geminiClient(context);
    const tokens = await requestTokens(
      need(context, "tokenUrl"),
      {
        grant_type: "refresh_token",
        refresh_token: credential.refresh,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      },
      { provider: PROVIDER, timeoutMs: context.timing?.httpTimeoutMs, signal: context.signal },
    );
    // Google usually returns no new refresh token: the old one stays valid and is kept.
    return {
      access: tokens.access_token,
      refresh: tokens.refresh_token ?? credential.refresh,
      expires: expiresAt(tokens, (context.now ?? Date.now)()),
    };
  },
};
