// The order of scan results and the picks made from it: what `models scan` offers as fallbacks and image fallbacks.
import { ProbeError } from "../errors.js";
import type { ScanProbe, ScanReport, ScanResult } from "./schema.js";

/** How many models a scan picks for each list, as OpenClaw's `--max-candidates`. */
export const DEFAULT_SCAN_MAX_CANDIDATES = 6;

export interface ScanReportOptions {
  /** Refs picked at most, for `selected` and for `selectedImages`. Default 6. */
  readonly maxCandidates?: number | undefined;
  /** The model list's warnings, carried into the report. */
  readonly warnings?: readonly string[] | undefined;
}

const ok = (probe: ScanProbe | null) => probe?.status === "ok";
/** The latency of a probe that succeeded; a failure's latency says nothing about the model. */
const okLatency = (probe: ScanProbe | null) =>
  ok(probe) && probe?.latencyMs !== undefined ? probe.latencyMs : Number.POSITIVE_INFINITY;
/** Larger first, unknown last. */
const descending = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);
// Plain code-unit order: the same on every machine, whatever its locale.
const byId = (a: ScanResult, b: ScanResult) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Context length (larger first), then size (larger first), then id: the order of what probes cannot tell apart. */
function byMetadata(a: ScanResult, b: ScanResult): number {
  return descending(a.contextLength, b.contextLength) || descending(a.paramsB, b.paramsB) || byId(a, b);
}

// Two results without an ok probe both have an infinite latency: Infinity − Infinity is NaN, which `||` passes over
// like 0.
function byRank(a: ScanResult, b: ScanResult): number {
  return (
    Number(ok(b.tool)) - Number(ok(a.tool)) ||
    Number(ok(b.image)) - Number(ok(a.image)) ||
    okLatency(a.tool) - okLatency(b.tool) ||
    byMetadata(a, b)
  );
}

/**
 * Scan results best first: tool call ok, then image ok, then the faster tool call, then the longer context, the
 * larger model, and the id. Results nothing probed sort by the last three alone. Returns a sorted copy.
 */
export function rankScanResults(results: readonly ScanResult[]): ScanResult[] {
  return [...results].sort(byRank);
}

function byImage(a: ScanResult, b: ScanResult): number {
  return okLatency(a.image) - okLatency(b.image) || byMetadata(a, b);
}

/**
 * The report `models scan --json` prints, from the results: all of them ranked, up to `maxCandidates` refs whose tool
 * call worked (`selected`, in rank order) and whose image answer worked (`selectedImages`, fastest first). A
 * metadata-only scan verified nothing and selects nothing. `setDefault` and `setImage` are false: they say what the
 * caller applied, and the caller sets them.
 */
export function buildScanReport(results: readonly ScanResult[], options: ScanReportOptions = {}): ScanReport {
  const { maxCandidates = DEFAULT_SCAN_MAX_CANDIDATES } = options;
  if (!Number.isInteger(maxCandidates) || maxCandidates <= 0)
    throw new ProbeError(
      "INVALID_OPTION",
      `maxCandidates must be a positive integer, got ${String(maxCandidates)}.`,
    );
  const ranked = rankScanResults(results);
  const selected = ranked.filter((result) => ok(result.tool));
  const selectedImages = ranked.filter((result) => ok(result.image)).sort(byImage);
  return {
    selected: selected.slice(0, maxCandidates).map((result) => result.ref),
    selectedImages: selectedImages.slice(0, maxCandidates).map((result) => result.ref),
    setDefault: false,
    setImage: false,
    results: ranked,
    warnings: [...(options.warnings ?? [])],
  };
}
