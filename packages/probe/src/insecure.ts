// Which probes would send a credential in plain text: over http:// to a host that is not this machine.
import { endpointOf, isLoopbackHost } from "./endpoint.js";
import { checkTarget } from "./options.js";
import { preflight, SECRET_HEADER } from "./probe.js";
import type { ProbeTarget } from "./target.js";

export interface InsecureTarget {
  /** `http://host:port`: one entry per origin, however many targets go there. */
  readonly origin: string;
  /** The indexes of the targets whose credential would go there. */
  readonly targets: readonly number[];
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
  const byOrigin = new Map<string, number[]>();
  targets.forEach((input, index) => {
    const target = checkTarget(input, index);
    if (preflight(target, now)) return;
    const endpoint = endpointOf(target);
    if ("error" in endpoint || endpoint.url.protocol !== "http:" || isLoopbackHost(endpoint.url.hostname))
      return;
    const credential = target.credential !== undefined && "secret" in target.credential;
    const header = Object.keys(target.headers ?? {}).some((name) => SECRET_HEADER.test(name));
    if (!credential && !header) return;
    const indexes = byOrigin.get(endpoint.url.origin) ?? [];
    byOrigin.set(endpoint.url.origin, [...indexes, index]);
  });
  return [...byOrigin].map(([origin, indexes]) => ({ origin, targets: indexes }));
}
