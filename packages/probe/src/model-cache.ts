// The model cache in an agent's folder: each provider's last complete live model list with the time it was fetched,
// read without the network (`models list`) and updated from fetchLiveModels results (`models list --refresh`). A
// provider whose listing failed keeps its old entry. Also the `@modelctl/probe/model-cache` entry: reading the cache
// loads neither ky nor p-queue nor any schema until a file is there.
import { dirname, join } from "node:path";
import { parseProviderId } from "@modelctl/model-ref";
import {
  commitPrepared,
  forRewrite,
  inFolders,
  type JsonFile,
  prepareJsonText,
  readJsonFile,
  refuseStackOverflow,
  removeLeftoverTemps,
  resolveRealPath,
  SafeFileError,
  serializeJson,
  withFileLock,
} from "@modelctl/safe-file";
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
export interface IgnoredCacheEntry {
  readonly provider: string;
  readonly problem: string;
}

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

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const describe = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;

const invalid = (path: string, problem: string, cause?: unknown) =>
  new ModelCacheError(
    "CACHE_INVALID",
    `The model cache ${path} ${problem}. It is left as it is and not used; delete it to start a new one.`,
    cause === undefined ? { path } : { path, cause },
  );

/** A read failure of safe-file as the cache's own error; anything else as it is. */
function cacheError(path: string, error: unknown): unknown {
  if (!SafeFileError.isInstance(error)) return error;
  if (error.code === "FILE_READ_FAILED")
    return new ModelCacheError("CACHE_UNREADABLE", `${error.message} The model cache is not used.`, {
      path,
      cause: error,
    });
  if (error.code === "FILE_UNPARSEABLE")
    return invalid(
      path,
      `is not valid JSON${error.line === undefined ? "" : ` (line ${error.line}, column ${error.column ?? 1})`}`,
      error,
    );
  if (error.code === "FILE_DUPLICATE_KEY" || error.code === "FILE_INVALID")
    return invalid(path, "cannot be rewritten without losing what it holds", error);
  return error;
}

/** The file as read (`exact`: for a rewrite, with numbers a double cannot hold kept as written). */
async function readCacheFile(
  path: string,
  forWrite: boolean,
): Promise<{ file: JsonFile | undefined; exact: unknown }> {
  try {
    const file = await readJsonFile(path);
    return { file, exact: forWrite ? forRewrite(file)?.value : file?.value };
  } catch (error) {
    throw cacheError(path, error);
  }
}

/** The well-formed entries of a parsed cache file; a top level that is not the cache's is a ModelCacheError. */
function interpret(path: string, value: unknown): Omit<ModelCache, "path"> {
  if (!isRecord(value)) throw invalid(path, `holds ${describe(value)}, not an object`);
  if (value.version !== MODEL_CACHE_VERSION)
    throw invalid(
      path,
      typeof value.version === "number"
        ? `is of version ${value.version}, which this modelctl cannot read (it reads ${MODEL_CACHE_VERSION}); a newer modelctl may have written it`
        : `has no "version": ${MODEL_CACHE_VERSION}`,
    );
  const listed = value.providers ?? {};
  if (!isRecord(listed)) throw invalid(path, `has ${describe(listed)} as "providers", not an object`);
  const providers: Record<string, ModelCacheEntry> = Object.create(null);
  const ignored: IgnoredCacheEntry[] = [];
  for (const [provider, entry] of Object.entries(listed)) {
    const parsed = modelCacheEntrySchema().safeParse(entry);
    if (parsed.success) providers[provider] = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
      ignored.push({ provider, problem: `${where}${issue?.message ?? "not a cache entry"}` });
    }
  }
  return { providers, ignored };
}

/**
 * The model cache of an agent. No file: an empty cache. A file that cannot be read (`CACHE_UNREADABLE`) or is not a
 * cache (`CACHE_INVALID`: not JSON, another shape, an unknown version) is a ModelCacheError naming it; it is never
 * overwritten. A malformed provider entry is left out and listed in `ignored`.
 */
export async function readModelCache(agentDir: string): Promise<ModelCache> {
  const path = modelCachePath(agentDir);
  const { file } = await readCacheFile(path, false);
  return {
    path,
    ...(file === undefined ? { providers: Object.create(null), ignored: [] } : interpret(path, file.value)),
  };
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
  const updated = [...fresh.keys()];
  const real = await resolveRealPath(path);
  const lock = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  return refuseStackOverflow(path, () =>
    inFolders(
      [dirname(real)],
      0o700,
      () =>
        withFileLock(
          real,
          async (): Promise<ModelCacheUpdate> => {
            await removeLeftoverTemps(real);
            const { file, exact } = await readCacheFile(path, true);
            // Judged on the values as parsed; the exact ones are what is written back.
            if (file) interpret(path, file.value);
            const doc = isRecord(exact) ? exact : {};
            const providers: Record<string, unknown> = Object.create(null);
            for (const [provider, entry] of Object.entries(isRecord(doc.providers) ? doc.providers : {}))
              providers[provider] = entry;
            for (const [provider, entry] of fresh) providers[provider] = entry;
            const text = serializeJson({ ...doc, version: MODEL_CACHE_VERSION, providers });
            const unchanged = file ? file.text === text : fresh.size === 0;
            if (!unchanged) await commitPrepared([await prepareJsonText(real, text, file, {})], {});
            const cache =
              unchanged && !file
                ? { providers: Object.create(null), ignored: [] }
                : interpret(path, JSON.parse(text));
            return { path, written: !unchanged, updated, kept: failed, cache: { path, ...cache } };
          },
          lock,
        ),
      (result) => result.written,
    ),
  );
}
