// Where a target's request goes: its API family and base URL, checked before anything is built or sent.
import { getProvider } from "@modelctl/model-ref";
import type { ApiAdapter } from "./families/family.js";
import { adapterFor, PROBE_API_FAMILIES } from "./families/index.js";
import type { CheckedTarget } from "./options.js";
import { revealSecret } from "./target.js";

export type Endpoint<A = ApiAdapter> =
  | { readonly adapter: A; readonly api: string; readonly baseUrl: string; readonly url: URL }
  /** The target cannot be sent, and why: an API family we cannot speak, a missing or unusable base URL. */
  | {
      readonly api?: string;
      readonly reasonCode: "unsupported_api" | "invalid_base_url";
      readonly error: string;
    };

/**
 * Where a target's probe goes. Without a base URL of the target's own, a credential that names its endpoint (a Copilot
 * token's `proxy-ep`) is sent there rather than to the provider table's.
 */
export function endpointOf(target: CheckedTarget): Endpoint {
  const { credential } = target;
  const api = target.api ?? getProvider(target.provider)?.api;
  const named =
    target.baseUrl === undefined && api !== undefined && credential && "secret" in credential
      ? adapterFor(api)?.baseUrlOf?.(revealSecret(credential.secret))
      : undefined;
  return resolveEndpoint(
    named === undefined ? target : { ...target, baseUrl: named },
    adapterFor,
    PROBE_API_FAMILIES,
    "Probing",
  );
}

/**
 * Where a request of some kind goes: the adapter `lookup` has for the target's API family (`supported` names them all,
 * `action` the kind of request in a message), and the base URL, checked. The target's `api` and `baseUrl` override the
 * provider table's.
 */
export function resolveEndpoint<A>(
  target: Pick<CheckedTarget, "provider" | "api" | "baseUrl">,
  lookup: (api: string) => A | undefined,
  supported: readonly string[],
  action: string,
): Endpoint<A> {
  const api = target.api ?? getProvider(target.provider)?.api;
  const adapter = api === undefined ? undefined : lookup(api);
  if (api === undefined || adapter === undefined)
    return {
      ...(api === undefined ? {} : { api }),
      reasonCode: "unsupported_api",
      error:
        api === undefined
          ? `No API family known for provider "${target.provider}"; set models.providers.${target.provider}.api (one of ${supported.join(", ")}).`
          : `${action} the "${api}" API is not supported (supported: ${supported.join(", ")}).`,
    };
  const baseUrl = target.baseUrl ?? getProvider(target.provider)?.baseUrl;
  const invalid = (error: string) => ({ api, reasonCode: "invalid_base_url" as const, error });
  if (baseUrl === undefined)
    return invalid(
      `No base URL for provider "${target.provider}"; set models.providers.${target.provider}.baseUrl.`,
    );
  if (!URL.canParse(baseUrl))
    return invalid(
      `The base URL ${JSON.stringify(baseUrl)} is not a URL (expected e.g. https://api.example.com/v1).`,
    );
  const url = new URL(baseUrl);
  // fetch would send them as Basic auth, next to the key, to every server on the way; and they would show up in
  // every message that names the URL. The URL is not repeated here for the same reason.
  if (url.username !== "" || url.password !== "")
    return invalid(
      `The base URL for provider "${target.provider}" (${url.protocol}//${url.host}) carries a user name or password; credentials belong in the auth store, not in the URL. Nothing was sent.`,
    );
  return { adapter, api, baseUrl, url };
}

/**
 * 127.0.0.0/8, ::1 (also as an IPv4-mapped address), `localhost`, and the unspecified addresses 0.0.0.0 and ::, which
 * as a destination mean this machine (`http://0.0.0.0:11434` is how many write a local Ollama): traffic that never
 * leaves the machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost" || host === "::1" || host === "0.0.0.0" || host === "::") return true;
  // The URL parser has already put IPv4 hosts in dotted-decimal form (`127.1`, `0x7f.1` → `127.0.0.1`).
  if (/^127\.\d+\.\d+\.\d+$/.test(host)) return true;
  // ::ffff:127.x.y.z, which the URL parser writes as ::ffff:7fxx:xxxx.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}
