// Every endpoint and client id of the built-in sign-in flows, in one place, and the override file that replaces any
// of them (MODELCTL_AUTH_ENDPOINTS): for tests and for enterprise installs. Not in openclaw.json, which OpenClaw
// validates strictly. Sources of each fact are in the README ("Sign in").
import { readFile } from "node:fs/promises";
import * as z from "zod/mini";
import { AuthLoginError } from "../errors.js";
import { lazy } from "../lazy.js";
import type { Env } from "../resolve.js";

const url = () => z.url({ protocol: /^https?$/ });

/** One provider's entry in the override file; every key optional. */
export const authEndpointsSchema = lazy(() =>
  z.record(
    z.string(),
    z.strictObject({
      authorizeUrl: z.optional(url()),
      tokenUrl: z.optional(url()),
      deviceCodeUrl: z.optional(url()),
      exchangeUrl: z.optional(url()),
      userinfoUrl: z.optional(url()),
      usageUrl: z.optional(url()),
      codeAssistUrl: z.optional(url()),
      clientId: z.optional(z.string().check(z.minLength(1))),
      clientSecret: z.optional(z.string().check(z.minLength(1))),
    }),
  ),
);

export type ProviderEndpoints = {
  authorizeUrl?: string;
  tokenUrl?: string;
  deviceCodeUrl?: string;
  exchangeUrl?: string;
  userinfoUrl?: string;
  usageUrl?: string;
  /** Gemini Code Assist's API base (`…/v1internal`), where a Gemini CLI sign-in finds its project. */
  codeAssistUrl?: string;
  clientId?: string;
  clientSecret?: string;
};
export type AuthEndpoints = Record<string, ProviderEndpoints>;

/**
 * The built-in endpoints. Google's client id and secret are not here: like OpenClaw, we take them from the env or
 * the installed Gemini CLI (see google-gemini-cli.ts), not from our own source.
 */
export const BUILTIN_ENDPOINTS: Readonly<Record<string, Readonly<ProviderEndpoints>>> = {
  "openai-codex": {
    authorizeUrl: "https://auth.openai.com/oauth/authorize",
    tokenUrl: "https://auth.openai.com/oauth/token",
    // Codex's own device sign-in (not RFC 8628): POST usercode, poll token, then the usual code exchange.
    deviceCodeUrl: "https://auth.openai.com/api/accounts/deviceauth/usercode",
    usageUrl: "https://chatgpt.com/backend-api/wham/usage",
    clientId: "app_EMoamEEZ73f0CkXaXp7hrann",
  },
  "github-copilot": {
    deviceCodeUrl: "https://github.com/login/device/code",
    tokenUrl: "https://github.com/login/oauth/access_token",
    exchangeUrl: "https://api.github.com/copilot_internal/v2/token",
    usageUrl: "https://api.github.com/copilot_internal/user",
    clientId: "Iv1.b507a08c87ecfe98",
  },
  "google-gemini-cli": {
    authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenUrl: "https://oauth2.googleapis.com/token",
    userinfoUrl: "https://www.googleapis.com/oauth2/v1/userinfo?alt=json",
    usageUrl: "https://cloudcode-pa.googleapis.com/v1internal:retrieveUserQuota",
    codeAssistUrl: "https://cloudcode-pa.googleapis.com/v1internal",
  },
  anthropic: {
    usageUrl: "https://api.anthropic.com/api/oauth/usage",
  },
  // MiniMax's user-code sign-in on its account servers; the API hosts' older /oauth/* paths now redirect here.
  "minimax-portal": {
    deviceCodeUrl: "https://account.minimax.io/oauth2/device/code",
    tokenUrl: "https://account.minimax.io/oauth2/token",
    clientId: "78257093-7e40-4613-99e0-527b14b39113",
  },
  // The same sign-in for accounts in mainland China (`--method oauth-cn`): same client, the .com servers.
  "minimax-portal-cn": {
    deviceCodeUrl: "https://account.minimaxi.com/oauth2/device/code",
    tokenUrl: "https://account.minimaxi.com/oauth2/token",
    clientId: "78257093-7e40-4613-99e0-527b14b39113",
  },
};

/**
 * Reads the override file named in `env.MODELCTL_AUTH_ENDPOINTS` ({} when unset). A file that cannot be read, is not
 * JSON, or has an unknown key or a bad URL is ENDPOINTS_INVALID naming the file and the key.
 */
export async function loadEndpointOverrides(env: Env): Promise<AuthEndpoints> {
  const path = env.MODELCTL_AUTH_ENDPOINTS?.trim();
  if (!path) return {};
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new AuthLoginError(
      "ENDPOINTS_INVALID",
      `Cannot read the endpoints file ${path} (MODELCTL_AUTH_ENDPOINTS): ${typeof code === "string" ? code : "unreadable"}.`,
      { path, cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AuthLoginError(
      "ENDPOINTS_INVALID",
      `The endpoints file ${path} (MODELCTL_AUTH_ENDPOINTS) is not JSON. Expected e.g. {"openai-codex": {"tokenUrl": "https://…"}}.`,
      { path },
    );
  }
  const parsed = authEndpointsSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.map(String).join(".") ?? "";
    // An unknown key's name is in `keys`, not in `path`.
    const unknown = issue && "keys" in issue && Array.isArray(issue.keys) ? issue.keys.join(", ") : "";
    const where = [key, unknown].filter(Boolean).join(".");
    throw new AuthLoginError(
      "ENDPOINTS_INVALID",
      `The endpoints file ${path} (MODELCTL_AUTH_ENDPOINTS) has a bad value at "${where || "(top level)"}": ${
        unknown ? "unknown key" : "expected an http(s) URL or a non-empty string"
      }. Keys: authorizeUrl, tokenUrl, deviceCodeUrl, exchangeUrl, userinfoUrl, usageUrl, clientId, clientSecret.`,
      { path, key: where },
    );
  }
  return parsed.data as AuthEndpoints;
}

/** The built-in endpoints of `provider` with `overrides[provider]` laid over them. */
export function endpointsFor(provider: string, overrides: AuthEndpoints = {}): ProviderEndpoints {
  const builtin = Object.hasOwn(BUILTIN_ENDPOINTS, provider) ? BUILTIN_ENDPOINTS[provider] : undefined;
  const override = Object.hasOwn(overrides, provider) ? overrides[provider] : undefined;
  return { ...builtin, ...override };
}

/** `endpoints[key]`, or a `NOT_CONFIGURED` error that names the key and the override file that sets it. */
export function requireEndpoint(
  provider: string,
  endpoints: ProviderEndpoints,
  key: keyof ProviderEndpoints,
): string {
  const value = endpoints[key];
  if (!value)
    throw new AuthLoginError(
      "NOT_CONFIGURED",
      `No ${key} for ${provider}; set it in MODELCTL_AUTH_ENDPOINTS.`,
      { provider },
    );
  return value;
}
