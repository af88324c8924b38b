// Which entries of the model list a scan looks at: free models that take tools, narrowed by maker, size and age.
import { ProbeError } from "../errors.js";
import { parseParamsB } from "./params.js";
import type { OpenRouterModel, ScanResult } from "./schema.js";

/** The filters of `models scan`; each is off when absent. */
export interface ScanCandidateFilters {
  /** Only models of this maker: the part of the id before the first `/` (`meta-llama`), ASCII case ignored. */
  readonly provider?: string | undefined;
  /** Only models with at least this many billion parameters (by `parseParamsB`); models of unknown size are left out. */
  readonly minParamsB?: number | undefined;
  /** Only models added to OpenRouter at most this many days before `now`; models without `created` are kept. 0 is off. */
  readonly maxAgeDays?: number | undefined;
  /** Epoch ms that ages are measured from. Default `Date.now()`. */
  readonly now?: number | undefined;
}

const DAY_MS = 86_400_000;

/** A price as a number, or undefined when it is not one (`""`, `"n/a"`, absent). */
function priceOf(value: string | number | null | undefined): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** Free: an id ending in `:free`, or a prompt and a completion price that are both zero. */
export function isFreeModel(model: Pick<OpenRouterModel, "id" | "pricing">): boolean {
  if (model.id.endsWith(":free")) return true;
  return priceOf(model.pricing?.prompt) === 0 && priceOf(model.pricing?.completion) === 0;
}

/** Epoch ms of `created`: unix seconds as OpenRouter sends them (milliseconds accepted from look-alike servers). */
function createdMs(created: number | null | undefined): number | undefined {
  if (typeof created !== "number" || !Number.isFinite(created) || created <= 0) return undefined;
  const ms = created > 1e11 ? created : created * 1000;
  // Beyond what a Date holds (±8.64e15 ms), toISOString would throw.
  return ms <= 8.64e15 ? Math.round(ms) : undefined;
}

const positive = (value: number | null | undefined): number | null =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;

/** The input modalities, from `input_modalities`, else the input side of `modality` (`text+image->text`). */
function inputModalitiesOf(model: OpenRouterModel): string[] {
  const { architecture } = model;
  if (architecture?.input_modalities) return [...architecture.input_modalities];
  const input = architecture?.modality?.split("->")[0]?.trim();
  if (input) return input.split("+").map((part) => part.trim());
  return ["text"];
}

/** An entry of the model list as a scan result that nothing has probed yet. */
export function toScanResult(model: OpenRouterModel): ScanResult {
  const ms = createdMs(model.created);
  const name = model.name?.trim() ? model.name : model.id;
  return {
    ref: `openrouter/${model.id}`,
    id: model.id,
    name,
    contextLength: positive(model.context_length) ?? positive(model.top_provider?.context_length),
    maxCompletionTokens: positive(model.top_provider?.max_completion_tokens),
    created: ms === undefined ? null : new Date(ms).toISOString(),
    inputModalities: inputModalitiesOf(model),
    isFree: isFreeModel(model),
    paramsB: parseParamsB(model.id, model.name),
    tool: null,
    image: null,
  };
}

function nonNegative(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new ProbeError("INVALID_OPTION", `${name} must be a number ≥ 0, got ${String(value)}.`);
  return value;
}

/**
 * The models a scan probes, in list order: free, with `tools` among their supported parameters, and passing
 * every filter given. Each comes as a `ScanResult` whose `tool` and `image` are still null.
 */
export function selectScanCandidates(
  models: readonly OpenRouterModel[],
  filters: ScanCandidateFilters = {},
): ScanResult[] {
  const minParamsB = nonNegative("minParamsB", filters.minParamsB) ?? 0;
  const maxAgeDays = nonNegative("maxAgeDays", filters.maxAgeDays) ?? 0;
  const now = filters.now ?? Date.now();
  if (filters.provider !== undefined && typeof filters.provider !== "string")
    throw new ProbeError("INVALID_OPTION", `provider must be a string, got ${typeof filters.provider}.`);
  const provider = filters.provider?.trim().toLowerCase() || undefined;

  const candidates: ScanResult[] = [];
  for (const model of models) {
    if (!isFreeModel(model) || !model.supported_parameters?.includes("tools")) continue;
    if (provider !== undefined && model.id.split("/")[0]?.toLowerCase() !== provider) continue;
    const result = toScanResult(model);
    if (minParamsB > 0 && (result.paramsB ?? 0) < minParamsB) continue;
    const ms = createdMs(model.created);
    if (maxAgeDays > 0 && ms !== undefined && now - ms > maxAgeDays * DAY_MS) continue;
    candidates.push(result);
  }
  return candidates;
}
