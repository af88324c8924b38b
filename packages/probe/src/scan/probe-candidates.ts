// Live checks of scan candidates: a tool call for each, an image answer for those that take images, through the
// probe engine's exchange and classification, a few candidates at a time.
import PQueue from "p-queue";
import { ProbeError } from "../errors.js";
import { DEFAULT_MAX_RESPONSE_BYTES, MAX_TIMEOUT_MS, positiveInteger } from "../options.js";
import { type PreparedRequest, preflight, safeResult, secretsOf, sendPrepared } from "../probe.js";
import { oneLine } from "../redact.js";
import type { ProbeResult } from "../schema.js";
import {
  normalizeCredential,
  type ProbeCredential,
  type ProbeCredentialInput,
  revealSecret,
} from "../target.js";
import { DEFAULT_SCAN_TIMEOUT_MS, scanBaseUrl } from "./model-list.js";
import { imageRequest, toolRequest } from "./requests.js";
import type { ScanProbe, ScanResult } from "./schema.js";

/** Candidates probed at once, as OpenClaw's scan; each has its tool probe and then its image probe. */
export const DEFAULT_SCAN_CONCURRENCY = 3;

/** Where a scan's probing stands: reported once before the first probe and once as each candidate is done. */
export interface ScanProgress {
  /** Candidates whose probes are done. */
  readonly completed: number;
  readonly total: number;
  /** The candidate just done (absent in the first report). */
  readonly result?: ScanResult | undefined;
}

export interface ProbeScanOptions {
  /** The OpenRouter credential (anything a `ProbeTarget` takes); a `missing` or `unresolved` one is reported per probe. */
  readonly credential: ProbeCredentialInput;
  /** Default: the provider table's OpenRouter base URL; requests go to `<baseUrl>/chat/completions`. */
  readonly baseUrl?: string | undefined;
  /** Per request, from sending to the last byte. Default 12000. */
  readonly timeoutMs?: number | undefined;
  /** Candidates probed at once (so at most this many requests in flight). Default 3. */
  readonly concurrency?: number | undefined;
  readonly onProgress?: ((progress: ScanProgress) => void) | undefined;
  /** Stops queued and running probes; the call rejects with the signal's reason once nothing is in flight. */
  readonly signal?: AbortSignal | undefined;
  /** Epoch ms that a token's expiry is judged against. Default `Date.now()`. */
  readonly now?: number | undefined;
}

/** The part of a probe result a scan keeps. */
function scanProbeOf(result: ProbeResult): ScanProbe {
  const { status, reasonCode, providerCode, error, latencyMs, httpStatus, retryAfterMs } = result;
  return {
    status,
    ...(reasonCode === undefined ? {} : { reasonCode }),
    ...(providerCode === undefined ? {} : { providerCode }),
    ...(error === undefined ? {} : { error }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/**
 * Probes each candidate: the tool probe (one `ping` function, `tool_choice: "required"`, ok when a tool call comes
 * back) and, for models that take images, the image probe (a 1×1 PNG, ok when text comes back). Every outcome is a
 * probe status; no string of a result holds the credential. Results come back in candidate order.
 */
export async function probeScanCandidates(
  candidates: readonly ScanResult[],
  options: ProbeScanOptions,
): Promise<ScanResult[]> {
  const baseUrl = scanBaseUrl(options.baseUrl);
  const timeoutMs = positiveInteger("timeoutMs", options.timeoutMs, DEFAULT_SCAN_TIMEOUT_MS, MAX_TIMEOUT_MS);
  const concurrency = positiveInteger(
    "concurrency",
    options.concurrency,
    DEFAULT_SCAN_CONCURRENCY,
    Number.MAX_SAFE_INTEGER,
  );
  const normalized = normalizeCredential(options.credential);
  if (typeof normalized === "string") throw new ProbeError("INVALID_OPTION", `credential: ${normalized}.`);
  const credential: ProbeCredential | undefined = normalized;
  const now = options.now ?? Date.now();
  const { signal, onProgress } = options;
  signal?.throwIfAborted();

  const limits = { timeoutMs, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES };
  const secret = credential && "secret" in credential ? revealSecret(credential.secret) : undefined;
  const results = candidates.map((candidate) => ({ ...candidate }));
  const total = results.length;
  let completed = 0;
  onProgress?.({ completed, total });

  async function probeCandidate(candidate: ScanResult): Promise<ScanResult> {
    const target = {
      provider: "openrouter",
      model: candidate.id,
      credential,
      baseUrl,
      api: "openai-completions",
    };
    const run = async (prepare: typeof toolRequest): Promise<ScanProbe> => {
      // Decided before sending (a missing, unresolved or expired credential): the same for both probes.
      const decided = preflight(target, now);
      if (decided) return scanProbeOf({ ...decided, error: oneLine(decided.error ?? "") });
      const prepared: PreparedRequest = prepare(baseUrl, candidate.id, secret);
      return scanProbeOf(safeResult(await sendPrepared(target, prepared, limits, signal), secretsOf(target)));
    };
    const tool = await run(toolRequest);
    const image = candidate.inputModalities.includes("image") ? await run(imageRequest) : null;
    return { ...candidate, tool, image };
  }

  const queue = new PQueue({ concurrency });
  const settled = await Promise.allSettled(
    results.map((candidate, index) =>
      queue.add(
        async () => {
          const result = await probeCandidate(candidate);
          results[index] = result;
          completed += 1;
          onProgress?.({ completed, total, result });
        },
        signal === undefined ? {} : { signal },
      ),
    ),
  );
  signal?.throwIfAborted();
  for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
  return results;
}
