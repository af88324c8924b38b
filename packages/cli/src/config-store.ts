// Read-modify-write of the config file: locked, re-read under the lock, atomic, with a .bak of the previous version.
import { updateJsonFile } from "@modelctl/auth-profiles";
import { type ModelsConfig, validateModelsConfig } from "@modelctl/model-ref";
import type { StatePaths } from "./context.js";

/**
 * Applies a pure edit to the config on disk. The edit sees the file as it is under the lock, so two processes
 * editing at once both land. Returns the new config and whether the file changed.
 */
export async function editConfig(
  paths: StatePaths,
  edit: (config: ModelsConfig) => ModelsConfig,
): Promise<{ config: ModelsConfig; written: boolean }> {
  const result = await updateJsonFile(
    paths.configPath,
    (current) => edit(current ? validateModelsConfig(current.value) : {}),
    { backup: true },
  );
  return { config: result.value ?? {}, written: result.written };
}
