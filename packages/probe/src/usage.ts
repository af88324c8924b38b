// The `@modelctl/probe/usage` entry: the usage cache and the usage line, for a program that shows cached usage on every
// start (plain `models status`). It loads neither ky nor p-queue nor the fetch code, and builds no schema until there
// is a file to check; fetching is `fetchUsageSnapshots` of the main entry.
export { UsageCacheError, type UsageCacheErrorCode } from "./errors.js";
export {
  type IgnoredUsageEntry,
  readUsageCache,
  USAGE_CACHE_FILE,
  type UsageCache,
  type UsageCacheUpdate,
  type UsageCacheUpdateOptions,
  updateUsageCache,
  usageCachePath,
} from "./usage-cache.js";
export { formatUsageLine } from "./usage-format.js";
export type {
  UsageCredits,
  UsageProvider,
  UsageSnapshot,
  UsageStatus,
  UsageWindow,
} from "./usage-schema.js";
