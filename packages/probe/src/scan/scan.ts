// A whole scan in one call: the model list, the candidates, their probes (unless metadata only), the report.
import { ProbeError } from "../errors.js";
import { positiveInteger } from "../options.js";
import { normalizeCredential, type ProbeCredentialInput } from "../target.js";
import { type ScanCandidateFilters, selectScanCandidates } from "./candidates.js";
import { fetchOpenRouterModels } from "./model-list.js";
import { DEFAULT_SCAN_CONCURRENCY, probeScanCandidates, type ScanProgress } from "./probe-candidates.js";
import { buildScanReport } from "./report.js";
import type { ScanReport } from "./schema.js";

export interface ScanOpenRouterOptions extends ScanCandidateFilters {
  /** Default: the provider table's OpenRouter base URL (`models.providers.openrouter.baseUrl` overrides it). */
  readonly baseUrl?: string | undefined;
  /** The OpenRouter credential: sent with the model list request and the probes, to the base URL's origin only. */
  readonly credential?: ProbeCredentialInput | undefined;
  /** Probe the candidates. Default: true when a credential with a secret is given; true without one is misuse. */
  readonly probe?: boolean | undefined;
  /** Refs picked at most for `selected` and `selectedImages`. Default 6. */
  readonly maxCandidates?: number | undefined;
  /** Per request: the model list and each probe. Default 12000. */
  readonly timeoutMs?: number | undefined;
  /** Candidates probed at once. Default 3. */
  readonly concurrency?: number | undefined;
  readonly onProgress?: ((progress: ScanProgress) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Scans OpenRouter's free models: fetches the model list, keeps the free, tool-capable models that pass the filters,
 * probes them when there is a credential (or only reads their metadata with `probe: false`), and ranks and picks.
 * Throws `ProbeError` when the model list cannot be read (`MODEL_LIST_*`) or an option is wrong (`INVALID_OPTION`).
 */
export async function scanOpenRouterModels(options: ScanOpenRouterOptions = {}): Promise<ScanReport> {
  const credential = normalizeCredential(options.credential);
  if (typeof credential === "string") throw new ProbeError("INVALID_OPTION", `credential: ${credential}.`);
  const secret = credential && "secret" in credential ? credential.secret : undefined;
  const probe = options.probe ?? secret !== undefined;
  if (probe && secret === undefined)
    throw new ProbeError(
      "INVALID_OPTION",
      "Probing needs an OpenRouter credential; pass one, or probe: false for metadata only.",
    );
  // Checked before the model list is fetched, so that a wrong option costs no request.
  buildScanReport([], { maxCandidates: options.maxCandidates });
  positiveInteger("concurrency", options.concurrency, DEFAULT_SCAN_CONCURRENCY, Number.MAX_SAFE_INTEGER);
  const filters = { ...options, now: options.now ?? Date.now() };
  selectScanCandidates([], filters);

  const list = await fetchOpenRouterModels({
    baseUrl: options.baseUrl,
    credential: secret,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  const candidates = selectScanCandidates(list.models, filters);
  const results = probe
    ? await probeScanCandidates(candidates, {
        credential: credential ?? { type: "none" },
        baseUrl: options.baseUrl,
        timeoutMs: options.timeoutMs,
        concurrency: options.concurrency,
        onProgress: options.onProgress,
        signal: options.signal,
        now: filters.now,
      })
    : candidates;
  return buildScanReport(results, { maxCandidates: options.maxCandidates, warnings: list.warnings });
}
