// Read-modify-write of the config file: locked, re-read under the lock, edited in place (comments and layout kept),
// atomic, with a .bak of the previous version.
import { type ModelsConfig, validateModelsConfig } from "@modelctl/model-ref";
import { updateJsonFile } from "@modelctl/safe-file";
import type { StatePaths } from "./context.js";
import { usageError } from "./errors.js";
import type { Io } from "./io.js";

/** `MODELCTL_LOCK_TIMEOUT_MS`: how long a write waits for another process's lock (default 10 s). */
export function lockTimeoutMs(io: Io): number | undefined {
  const raw = io.env.MODELCTL_LOCK_TIMEOUT_MS?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    throw usageError(
      `MODELCTL_LOCK_TIMEOUT_MS must be a positive whole number of milliseconds, got ${JSON.stringify(raw)}.`,
    );
  }
  return Number(raw);
}

/**
 * Applies a pure edit to the config on disk. The edit sees the file as it is under the lock, so two processes
 * editing at once both land; only the values it changes are rewritten in the file's text. Returns the new config
 * and whether the file changed.
 */
export async function editConfig(
  io: Io,
  paths: StatePaths,
  edit: (config: ModelsConfig) => ModelsConfig,
): Promise<{ config: ModelsConfig; written: boolean }> {
  const timeoutMs = lockTimeoutMs(io);
  const result = await updateJsonFile(
    paths.configPath,
    (current) => edit(current ? validateModelsConfig(current.value) : {}),
    timeoutMs === undefined ? { backup: true } : { backup: true, timeoutMs },
  );
  return { config: result.value ?? {}, written: result.written };
}
