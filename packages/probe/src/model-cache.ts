// The model cache in an agent's folder: each provider's last complete live model list with the time it was fetched,
// read without the network (`models list`) and updated from fetchLiveModels results (`models list --refresh`). A
// provider whose listing failed keeps its old entry. Also the `@modelctl/probe/model-cache` entry: reading the cache
// loads neither ky nor p-queue nor any schema until a file is there.
import { join } from "node:path";
import { parseProviderId } from "@modelctl/model-ref";
import { type CacheKind, type IgnoredEntry, readCache, updateCache } from "./agent-cache.js";
import { ModelCacheError, ProbeError } from "./errors.js";

export { ModelCacheError, type ModelCacheErrorCode } from "./errors.js";
export type { ModelCacheEntry } from "./model-cache-schema.js";

import { type LiveModelsResult, liveModelsResultSchema } from "./live-models-schema.js";
import { MODEL_CACHE_VERSION, type ModelCacheEntry, modelCacheEntrySchema } from "./model-cache-schema.js";

/**
 * The file's name in the agent folder. Prefixed, unlike OpenClaw's own files there (`auth-profiles.json`,
 * `auth-state.json`, `models.json`, `auth.json`), so that no OpenClaw release can mean something else by it.
 */
export const MODEL_CACHE_FILE = "modelctl-models-cache.json";

/** `<agentDir>/modelctl-models-cache.json` */
export const modelCachePath = (agentDir: string): string => join(agentDir, MODEL_CACHE_FILE);

/** A provider entry left out of a read because it is malformed; the file keeps it until that provider is refreshed. */
export type IgnoredCacheEntry = IgnoredEntry;

export interface ModelCache {
  readonly path: string;
  /** Each provider's last complete list, by provider id. The map has no prototype: `providers.toString` is no entry. */
  readonly providers: Readonly<Record<string, ModelCacheEntry>>;
  readonly ignored: readonly IgnoredCacheEntry[];
}

export interface ModelCacheUpdate {
  readonly path: string;
  /** False when the file already held exactly this (or there was nothing to write). */
  readonly written: boolean;
  /** Providers whose entry now holds the new list. */
  readonly updated: readonly string[];
  /** Providers whose listing failed: their entry, if they had one, is as it was. */
  readonly kept: readonly string[];
  /** The cache as it now is on disk. */
  readonly cache: ModelCache;
}

export interface ModelCacheUpdateOptions {
  /** How long to wait for another process's lock on the file before `LOCK_BUSY`. Default 10 s. */
  readonly timeoutMs?: number;
}

const firstProblem = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
  const issue = issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
  return `${where}${issue?.message ?? "not a cache entry"}`;
};

// The file's rules (read, lock, atomic write, unknown keys kept) are agent-cache.ts's, shared with the usage cache.
const MODEL_CACHE: CacheKind<ModelCacheEntry, ModelCacheError> = {
  name: "model cache",
  version: MODEL_CACHE_VERSION,
  parse(entry) {
    const parsed = modelCacheEntrySchema().safeParse(entry);
    return parsed.success
      ? { success: true, data: parsed.data }
      : { success: false, problem: firstProblem(parsed.error.issues) };
  },
  fail: (code, message, path, cause) =>
    new ModelCacheError(code, message, cause === undefined ? { path } : { path, cause }),
};

/**
 * The model cache of an agent. No file: an empty cache. A file that cannot be read (`CACHE_UNREADABLE`) or is not a
 * cache (`CACHE_INVALID`: not JSON, another shape, an unknown version) is a ModelCacheError naming it; it is never
 * overwritten. A malformed provider entry is left out and listed in `ignored`.
 */
export async function readModelCache(agentDir: string): Promise<ModelCache> {
  const path = modelCachePath(agentDir);
  return { path, ...(await readCache(MODEL_CACHE, path)) };
}

/** The new entries (from `ok` results) and the providers that failed, by canonical id; misuse is a ProbeError. */
function entriesOf(results: readonly LiveModelsResult[]): {
  fresh: Map<string, ModelCacheEntry>;
  failed: string[];
} {
  if (!Array.isArray(results))
    throw new ProbeError("INVALID_OPTION", "results must be an array of fetchLiveModels results.");
  const fresh = new Map<string, ModelCacheEntry>();
  const failed: string[] = [];
  const seen = new Map<string, number>();
  results.forEach((result, index) => {
    const parsed = liveModelsResultSchema().safeParse(result);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.map(String).join(".") || "the result"}: ${issue.message}` : "";
      throw new ProbeError("INVALID_OPTION", `results[${index}] is not a fetchLiveModels result (${where}).`);
    }
    const { data } = parsed;
    let provider: string;
    try {
      provider = parseProviderId(data.provider);
    } catch {
      throw new ProbeError(
        "INVALID_OPTION",
        `results[${index}].provider ${JSON.stringify(data.provider)} is not a provider id (for example openrouter).`,
      );
    }
    const first = seen.get(provider);
    if (first !== undefined)
      throw new ProbeError(
        "INVALID_OPTION",
        `results[${index}] is for provider "${provider}" again (first at results[${first}]); a provider has one model list.`,
      );
    seen.set(provider, index);
    if (data.status === "ok")
      fresh.set(provider, {
        fetchedAt: data.fetchedAt,
        ...(data.api === undefined ? {} : { api: data.api }),
        models: data.models,
      });
    else failed.push(provider);
  });
  return { fresh, failed };
}

/**
 * Merges fetchLiveModels results into the agent's model cache: each provider listed `ok` gets the new list in place of
 * its entry; every other entry, a failed provider's and a malformed one included, and every key the file holds that
 * this version does not know, stays as it was. Locked read-modify-write, written atomically (a new file 0600, a new
 * folder 0700), and nothing written when nothing changed. A file that does not read as a cache is a ModelCacheError
 * and is never overwritten; a busy lock or a full disk is safe-file's SafeFileError (`LOCK_BUSY`, `DISK_FULL`).
 */
export async function updateModelCache(
  agentDir: string,
  results: readonly LiveModelsResult[],
  options: ModelCacheUpdateOptions = {},
): Promise<ModelCacheUpdate> {
  const path = modelCachePath(agentDir);
  const { fresh, failed } = entriesOf(results);
  const { written, cache } = await updateCache(MODEL_CACHE, path, fresh, options.timeoutMs);
  return { path, written, updated: [...fresh.keys()], kept: failed, cache: { path, ...cache } };
}
