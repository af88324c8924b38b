// The usage cache in an agent's folder: each provider's last `ok` usage snapshot with the time it was fetched, read
// without the network (plain `models status`) and updated from fetchUsageSnapshots results (`models status --usage`).
// A provider whose fetch failed keeps its old snapshot. Part of the `@modelctl/probe/usage` entry: reading the cache
// loads neither ky nor p-queue nor any schema until a file is there.
import { join } from "node:path";
import { parseProviderId } from "@modelctl/model-ref";
import { type CacheKind, type IgnoredEntry, readCache, updateCache } from "./agent-cache.js";
import { ProbeError, UsageCacheError } from "./errors.js";
import { USAGE_CACHE_VERSION, type UsageSnapshot, usageSnapshotSchema } from "./usage-schema.js";

/**
 * The file's name in the agent folder. A file of its own rather than keys in OpenClaw's `auth-state.json`, whose
 * reader OpenClaw owns, and prefixed like the model cache so that no OpenClaw release can mean something else by it.
 */
export const USAGE_CACHE_FILE = "modelctl-usage-cache.json";

/** `<agentDir>/modelctl-usage-cache.json` */
export const usageCachePath = (agentDir: string): string => join(agentDir, USAGE_CACHE_FILE);

export type IgnoredUsageEntry = IgnoredEntry;

export interface UsageCache {
  readonly path: string;
  /** Each provider's last `ok` snapshot, by provider id. The map has no prototype. */
  readonly providers: Readonly<Record<string, UsageSnapshot>>;
  readonly ignored: readonly IgnoredUsageEntry[];
}

export interface UsageCacheUpdate {
  readonly path: string;
  /** False when the file already held exactly this (or there was nothing to write). */
  readonly written: boolean;
  /** Providers whose snapshot now is the new one. */
  readonly updated: readonly string[];
  /** Providers whose fetch failed: their snapshot, if they had one, is as it was. */
  readonly kept: readonly string[];
  /** The cache as it now is on disk. */
  readonly cache: UsageCache;
}

export interface UsageCacheUpdateOptions {
  /** How long to wait for another process's lock on the file before `LOCK_BUSY`. Default 10 s. */
  readonly timeoutMs?: number;
}

const firstProblem = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
  const issue = issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ` : "";
  return `${where}${issue?.message ?? "not a usage snapshot"}`;
};

const USAGE_CACHE: CacheKind<UsageSnapshot, UsageCacheError> = {
  name: "usage cache",
  version: USAGE_CACHE_VERSION,
  parse(entry) {
    const parsed = usageSnapshotSchema().safeParse(entry);
    return parsed.success
      ? { success: true, data: parsed.data }
      : { success: false, problem: firstProblem(parsed.error.issues) };
  },
  fail: (code, message, path, cause) =>
    new UsageCacheError(code, message, cause === undefined ? { path } : { path, cause }),
};

/**
 * The usage cache of an agent. No file: an empty cache. A file that cannot be read (`CACHE_UNREADABLE`) or is not a
 * usage cache (`CACHE_INVALID`) is a UsageCacheError naming it; it is never overwritten. A malformed snapshot is left
 * out and listed in `ignored`.
 */
export async function readUsageCache(agentDir: string): Promise<UsageCache> {
  const path = usageCachePath(agentDir);
  return { path, ...(await readCache(USAGE_CACHE, path)) };
}

/** The new snapshots (the `ok` ones) and the providers that failed, by canonical id; misuse is a ProbeError. */
function snapshotsOf(snapshots: readonly UsageSnapshot[]): {
  fresh: Map<string, UsageSnapshot>;
  failed: string[];
} {
  if (!Array.isArray(snapshots))
    throw new ProbeError("INVALID_OPTION", "snapshots must be an array of fetchUsageSnapshots results.");
  const fresh = new Map<string, UsageSnapshot>();
  const failed: string[] = [];
  const seen = new Map<string, number>();
  snapshots.forEach((snapshot, index) => {
    const parsed = usageSnapshotSchema().safeParse(snapshot);
    if (!parsed.success)
      throw new ProbeError(
        "INVALID_OPTION",
        `snapshots[${index}] is not a fetchUsageSnapshots result (${firstProblem(parsed.error.issues)}).`,
      );
    let provider: string;
    try {
      provider = parseProviderId(parsed.data.provider);
    } catch {
      throw new ProbeError(
        "INVALID_OPTION",
        `snapshots[${index}].provider ${JSON.stringify(parsed.data.provider)} is not a provider id (for example openai-codex).`,
      );
    }
    const first = seen.get(provider);
    if (first !== undefined)
      throw new ProbeError(
        "INVALID_OPTION",
        `snapshots[${index}] is for provider "${provider}" again (first at snapshots[${first}]); the cache keeps one per provider.`,
      );
    seen.set(provider, index);
    if (parsed.data.status === "ok") fresh.set(provider, { ...parsed.data, provider });
    else failed.push(provider);
  });
  return { fresh, failed };
}

/**
 * Merges fetchUsageSnapshots results into the agent's usage cache: each provider `ok` gets its new snapshot; every
 * other entry (a failed provider's, a malformed one) and every key the file holds that this version does not know
 * stays as it was. Locked read-modify-write, written atomically (a new file 0600, a new folder 0700), nothing written
 * when nothing changed. A file that does not read as a usage cache is a UsageCacheError and is never overwritten; a
 * busy lock or a full disk is safe-file's SafeFileError (`LOCK_BUSY`, `DISK_FULL`).
 */
export async function updateUsageCache(
  agentDir: string,
  snapshots: readonly UsageSnapshot[],
  options: UsageCacheUpdateOptions = {},
): Promise<UsageCacheUpdate> {
  const path = usageCachePath(agentDir);
  const { fresh, failed } = snapshotsOf(snapshots);
  const { written, cache } = await updateCache(USAGE_CACHE, path, fresh, options.timeoutMs);
  return { path, written, updated: [...fresh.keys()], kept: failed, cache: { path, ...cache } };
}
