// Runs a sign-in by provider and method id, and an OAuth refresh by provider: the registry, the endpoints file and
// the flows put together, for a CLI or an agent. Returns the profile; the caller stores it (`putProfile`).
import { AuthLoginError, OAuthError, type OAuthErrorCode } from "../errors.js";
import type { Env } from "../resolve.js";
import type { ProfileInput } from "../schema.js";
import { endpointsFor, loadEndpointOverrides } from "./endpoints.js";
import {
  type AuthMethod,
  authPluginFor,
  type LoginContext,
  type OAuthCredential,
  type RefreshedTokens,
} from "./plugin.js";

export interface LoginRequest extends Omit<LoginContext, "endpoints" | "env"> {
  readonly provider: string;
  /** A method id (`oauth`, `device`, …); may be left out when the provider has one method. */
  readonly method?: string | undefined;
  readonly env: Env;
}

/** The methods of `provider`'s plugin, or NOT_CONFIGURED naming the known providers. */
export function authMethodsOf(provider: string): readonly AuthMethod[] {
  const plugin = authPluginFor(provider);
  if (!plugin)
    throw new AuthLoginError("NOT_CONFIGURED", `No sign-in plugin for the provider "${provider}".`, {
      provider,
    });
  return plugin.methods;
}

/** Signs in with `request.method` of `request.provider`'s plugin and returns the profile to store. Writes nothing. */
export async function login(request: LoginRequest): Promise<ProfileInput> {
  const methods = authMethodsOf(request.provider);
  const method =
    request.method === undefined
      ? methods.length === 1
        ? methods[0]
        : undefined
      : methods.find((m) => m.id === request.method);
  if (!method)
    throw new AuthLoginError(
      "NOT_CONFIGURED",
      `${request.method === undefined ? "Choose a method" : `"${request.method}" is not a method`} of ${request.provider}: ${methods.map((m) => m.id).join(", ")}.`,
      { provider: request.provider },
    );
  const endpoints = endpointsFor(request.provider, await loadEndpointOverrides(request.env));
  const { provider: _provider, method: _method, ...context } = request;
  return method.run({ ...context, endpoints });
}

/**
 * Refreshes `credential` with `provider`'s plugin. Call it once per refresh token, under the profile's lock (pass it
 * as `refreshIfNeeded`'s `refresh`). A failed exchange rejects with an `OAuthError`; a provider without a refresh, or
 * an unreadable endpoints file, with an `AuthLoginError` (`NOT_CONFIGURED`, `ENDPOINTS_INVALID`).
 */
export async function refreshOAuth(
  provider: string,
  credential: OAuthCredential,
  context: { env: Env } & Omit<
    LoginContext,
    "endpoints" | "env" | "ui" | "noBrowser" | "options" | "homeDir"
  >,
): Promise<RefreshedTokens> {
  const plugin = authPluginFor(provider);
  if (!plugin?.refresh)
    throw new AuthLoginError("NOT_CONFIGURED", `The provider "${provider}" has no OAuth refresh.`, {
      provider,
    });
  const endpoints = endpointsFor(provider, await loadEndpointOverrides(context.env));
  try {
    return await plugin.refresh(credential, { ...context, endpoints });
  } catch (error) {
    throw AuthLoginError.isInstance(error) ? asOAuthError(error) : error;
  }
}

/**
 * A refresh's failure in `refreshIfNeeded`'s terms: `INVALID_GRANT` (sign in again) told apart from a server or a
 * network that may work next time. The message stays the flow's, already redacted.
 */
function asOAuthError(error: AuthLoginError): OAuthError {
  const details = {
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.providerCode === undefined ? {} : { providerCode: error.providerCode }),
    cause: error,
  };
  return new OAuthError(oauthCodeOf(error), error.message, details);
}

function oauthCodeOf(error: AuthLoginError): OAuthErrorCode {
  switch (error.code) {
    case "TIMEOUT":
    case "NETWORK":
    case "NOT_CONFIGURED":
      return error.code;
  }
  const status = error.status;
  if (error.providerCode === "invalid_grant") return "INVALID_GRANT";
  if (status !== undefined && status >= 300 && status < 400) return "REDIRECT";
  if (status !== undefined && (status < 200 || status > 299)) return "HTTP_STATUS";
  return "RESPONSE_INVALID";
}
