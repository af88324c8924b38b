// GitHub Copilot: GitHub's device flow with the public client Copilot editors use, then the Copilot token exchange.
// The GitHub token is the stored credential (`refresh`); the short-lived Copilot token is `access`, and a refresh is
// a new exchange. GitHub Enterprise by the `enterpriseDomain` option.
import { COPILOT_EDITOR_HEADERS } from "@modelctl/model-ref";
import { AuthLoginError } from "../../errors.js";
import { runDeviceFlow } from "../device-flow.js";
import { type ProviderEndpoints, requireEndpoint } from "../endpoints.js";
import { jsonOf, send } from "../http.js";
import type { AuthPlugin, LoginContext, RefreshContext } from "../plugin.js";

const PROVIDER = "github-copilot";

/** The endpoints for a GitHub Enterprise domain, unless the override file names them. */
function endpointsOf(endpoints: ProviderEndpoints, domain: string | undefined): ProviderEndpoints {
  if (!domain) return endpoints;
  const host = domain.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(host))
    throw new AuthLoginError(
      "NOT_CONFIGURED",
      `"${host}" is not a GitHub Enterprise domain (e.g. github.example.com).`,
      {
        provider: PROVIDER,
      },
    );
  return {
    ...endpoints,
    deviceCodeUrl: `https://${host}/login/device/code`,
    tokenUrl: `https://${host}/login/oauth/access_token`,
    exchangeUrl: `https://api.${host}/copilot_internal/v2/token`,
  };
}

async function exchange(
  githubToken: string,
  exchangeUrl: string,
  context: Pick<LoginContext, "signal" | "timing">,
): Promise<{ access: string; expires: number }> {
  const http = {
    provider: PROVIDER,
    timeoutMs: context.timing?.httpTimeoutMs,
    signal: context.signal,
    secrets: [githubToken],
  };
  const reply = await send(
    exchangeUrl,
    {
      method: "GET",
      headers: {
        accept: "application/json",
        authorization: `Bearer ${githubToken}`,
        ...COPILOT_EDITOR_HEADERS,
      },
    },
    http,
  );
  const body = jsonOf(exchangeUrl, reply, http) as Record<string, unknown>;
  if (typeof body.token !== "string" || typeof body.expires_at !== "number")
    throw new AuthLoginError(
      "PROVIDER_ERROR",
      "The Copilot token exchange answered without token and expires_at.",
      {
        provider: PROVIDER,
      },
    );
  return { access: body.token, expires: body.expires_at * 1000 };
}

const need = (endpoints: ProviderEndpoints, key: keyof ProviderEndpoints) =>
  requireEndpoint(PROVIDER, endpoints, key);

export const githubCopilotPlugin: AuthPlugin = {
  provider: PROVIDER,
  label: "GitHub Copilot",
  // The Codex default (pi's), which Copilot also serves; listed in the bundled catalog.
  defaultModel: "github-copilot/gpt-5.6-terra",
  methods: [
    {
      id: "device",
      kind: "device-code",
      label: "Sign in with GitHub by device code",
      async run(context) {
        const domain = context.options?.enterpriseDomain;
        const endpoints = endpointsOf(context.endpoints, domain);
        const tokens = await runDeviceFlow({
          provider: PROVIDER,
          deviceCodeUrl: need(endpoints, "deviceCodeUrl"),
          tokenUrl: need(endpoints, "tokenUrl"),
          clientId: need(endpoints, "clientId"),
          scopes: ["read:user"],
          headers: { "user-agent": COPILOT_EDITOR_HEADERS["user-agent"] as string },
          ui: context.ui,
          httpTimeoutMs: context.timing?.httpTimeoutMs,
          signal: context.signal,
          sleep: context.timing?.sleep,
          now: context.now,
        });
        const copilot = await exchange(tokens.access_token, need(endpoints, "exchangeUrl"), context);
        return {
          type: "oauth" as const,
          provider: PROVIDER,
          access: copilot.access,
          refresh: tokens.access_token,
          expires: copilot.expires,
          ...(domain ? { enterpriseUrl: domain } : {}),
        };
      },
    },
  ],
  async refresh(credential, context: RefreshContext) {
    const endpoints = endpointsOf(context.endpoints, credential.enterpriseUrl);
    return exchange(credential.refresh, need(endpoints, "exchangeUrl"), context);
  },
};
