// Probe options with their defaults, checked once: bad values are a ProbeError that names the option.
import { ProbeError } from "./errors.js";
import type { ProbeResult } from "./schema.js";
import { normalizeCredential, type ProbeCredential, type ProbeTarget } from "./target.js";

export const DEFAULT_TIMEOUT_MS = 8000;
export const DEFAULT_CONCURRENCY = 2;
export const DEFAULT_MAX_TOKENS = 8;
/** Probe replies are a few hundred bytes; error pages a few KB. Nothing useful is larger. */
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;
// setTimeout's limit; a longer timeout would fire at once.
export const MAX_TIMEOUT_MS = 2_147_483_647;

export interface ProbeOptions {
  /** Hard wall-clock limit per request, from sending to the last byte. Default 8000. */
  readonly timeoutMs?: number;
  /** Requests in flight at once. Default 2. */
  readonly concurrency?: number;
  /** Tokens the model may answer with, raised to each family's minimum. Default 8. */
  readonly maxTokens?: number;
  /** Bytes of a reply read at most; the rest is not downloaded. Default 256 KiB. */
  readonly maxResponseBytes?: number;
  /** Cancels every probe: queued ones never start, running ones are aborted, and the call rejects with the reason. */
  readonly signal?: AbortSignal;
  /** Called as each result is known (pre-flight results first), with the target's index. */
  readonly onResult?: (result: ProbeResult, index: number, target: ProbeTarget) => void;
  /** Called when a request is about to be sent. */
  readonly onStart?: (index: number, target: ProbeTarget) => void;
  /** Epoch ms that credential expiry is judged against. Default `Date.now()`. */
  readonly now?: number;
}

export interface ResolvedOptions {
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly maxTokens: number;
  readonly maxResponseBytes: number;
  readonly now: number;
}

/** `value`, or `fallback` when absent; anything but an integer in 1..max is a ProbeError that names the option. */
export function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > max)
    throw new ProbeError(
      "INVALID_OPTION",
      `${name} must be a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ""}, got ${String(value)}.`,
    );
  return value;
}

export function resolveOptions(options: ProbeOptions): ResolvedOptions {
  return {
    timeoutMs: positiveInteger("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS),
    concurrency: positiveInteger(
      "concurrency",
      options.concurrency,
      DEFAULT_CONCURRENCY,
      Number.MAX_SAFE_INTEGER,
    ),
    maxTokens: positiveInteger("maxTokens", options.maxTokens, DEFAULT_MAX_TOKENS, Number.MAX_SAFE_INTEGER),
    maxResponseBytes: positiveInteger(
      "maxResponseBytes",
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      Number.MAX_SAFE_INTEGER,
    ),
    now: options.now ?? Date.now(),
  };
}

/** A target whose credential is in its explicit form. */
export type CheckedTarget = Omit<ProbeTarget, "credential"> & {
  readonly credential?: ProbeCredential | undefined;
};

/** Absent, or printable ASCII without blanks: nothing that could end a header line or hide in a message. */
const isPrintableId = (value: unknown) =>
  value === undefined || (typeof value === "string" && /^[\x21-\x7e]+$/.test(value));

/** The target with its credential made explicit; a ProbeError names anything that cannot be probed as given. */
export function checkTarget(target: ProbeTarget, index: number): CheckedTarget {
  if (typeof target?.provider !== "string" || target.provider.trim() === "")
    throw new ProbeError("INVALID_TARGET", `targets[${index}].provider must be a non-empty string.`);
  if (target.model !== undefined && typeof target.model !== "string")
    throw new ProbeError("INVALID_TARGET", `targets[${index}].model must be a string when given.`);
  // They go into a header or the body, and are never shown: the messages do not repeat them.
  if (!isPrintableId(target.accountId))
    throw new ProbeError(
      "INVALID_TARGET",
      `targets[${index}].accountId must be the login's account id (printable ASCII without blanks, e.g. a UUID) when given.`,
    );
  if (!isPrintableId(target.projectId))
    throw new ProbeError(
      "INVALID_TARGET",
      `targets[${index}].projectId must be the login's Google Cloud project id (printable ASCII without blanks, e.g. my-project-123) when given.`,
    );
  const credential = normalizeCredential(target.credential);
  if (typeof credential === "string")
    throw new ProbeError("INVALID_TARGET", `targets[${index}]: ${credential}.`);
  return { ...target, credential };
}
