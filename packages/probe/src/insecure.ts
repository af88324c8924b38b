// Which probes or model listings would send a credential in plain text: over http:// to a host that is not this
// machine.
import { endpointOf, isLoopbackHost, resolveEndpoint } from "./endpoint.js";
import { LIST_API_FAMILIES, listAdapterFor } from "./lists/index.js";
import type { LiveModelsTarget } from "./live-models.js";
import { checkTarget } from "./options.js";
import { credentialPreflight, preflight, SECRET_HEADER } from "./probe.js";
import { normalizeCredential, type ProbeTarget } from "./target.js";

export interface InsecureTarget {
  /** `http://host:port`: one entry per origin, however many targets go there. */
  readonly origin: string;
  /** The indexes of the targets whose credential would go there. */
  readonly targets: readonly number[];
}

interface Sending {
  /** Where the request would go; undefined when nothing would be sent. */
  readonly url: URL | undefined;
  readonly credential: boolean;
  readonly headers: Readonly<Record<string, string>> | undefined;
}

function insecureOrigins(sendings: readonly Sending[]): InsecureTarget[] {
  const byOrigin = new Map<string, number[]>();
  sendings.forEach(({ url, credential, headers }, index) => {
    if (url === undefined || url.protocol !== "http:" || isLoopbackHost(url.hostname)) return;
    const header = Object.keys(headers ?? {}).some((name) => SECRET_HEADER.test(name));
    if (!credential && !header) return;
    byOrigin.set(url.origin, [...(byOrigin.get(url.origin) ?? []), index]);
  });
  return [...byOrigin].map(([origin, indexes]) => ({ origin, targets: indexes }));
}

/**
 * The origins that `probeAll(targets)` would send a credential (the target's key or token, or a config header that
 * carries one) to over plain `http://`, other than loopback (127.0.0.0/8, ::1, localhost). Local servers on a LAN are
 * common, so this is for a warning before the run, not a refusal. Targets that send nothing (decided before sending,
 * or unsendable) are left out. Pure: nothing is sent.
 */
export function insecureTargets(
  targets: readonly ProbeTarget[],
  options: { readonly now?: number } = {},
): InsecureTarget[] {
  const now = options.now ?? Date.now();
  return insecureOrigins(
    targets.map((input, index) => {
      const target = checkTarget(input, index);
      const endpoint = preflight(target, now) ? undefined : endpointOf(target);
      return {
        url: endpoint && !("error" in endpoint) ? endpoint.url : undefined,
        credential: target.credential !== undefined && "secret" in target.credential,
        headers: target.headers,
      };
    }),
  );
}

/** As `insecureTargets`, for what `fetchLiveModels(targets)` would send. */
export function insecureLiveModelsTargets(
  targets: readonly LiveModelsTarget[],
  options: { readonly now?: number } = {},
): InsecureTarget[] {
  const now = options.now ?? Date.now();
  return insecureOrigins(
    targets.map((input) => {
      const normalized = normalizeCredential(input.credential);
      const credential = typeof normalized === "string" ? undefined : normalized;
      const target = { ...input, credential };
      const endpoint = credentialPreflight(target, now)
        ? undefined
        : resolveEndpoint(target, listAdapterFor, LIST_API_FAMILIES, "Listing the models of");
      return {
        url: endpoint && !("error" in endpoint) ? endpoint.url : undefined,
        credential: credential !== undefined && "secret" in credential,
        headers: input.headers,
      };
    }),
  );
}
