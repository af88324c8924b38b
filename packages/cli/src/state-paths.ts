// Where the state lives: the home folder, the config file, and the agent folder, from flags and env; and the config
// read from there.
import { dirname, join, resolve } from "node:path";
import { listAgentFolders, resolveAgentDir } from "@modelctl/auth-profiles";
import { type ModelsConfig, validateModelsConfig } from "@modelctl/model-ref";
import { readJsonFile } from "@modelctl/safe-file";
import type { Io } from "./io.js";

export interface PathOptions {
  /** `--config <path>`. */
  readonly config?: string;
}

export interface StatePaths {
  readonly home: string;
  readonly configPath: string;
}

/**
 * `--config`, then `MODELCTL_CONFIG`, then `<home>/modelctl.json`. The home is `MODELCTL_HOME`, else the folder of an
 * explicitly named config (so an `openclaw.json` finds its `agents/` beside it), else `~/.modelctl`.
 */
export function resolveStatePaths(io: Io, options: PathOptions = {}): StatePaths {
  const explicitHome = io.env.MODELCTL_HOME?.trim();
  const named = options.config?.trim() || io.env.MODELCTL_CONFIG?.trim();
  if (named) {
    const configPath = resolve(named);
    return { home: explicitHome ? resolve(explicitHome) : dirname(configPath), configPath };
  }
  const home = explicitHome ? resolve(explicitHome) : join(io.homedir, ".modelctl");
  return { home, configPath: join(home, "modelctl.json") };
}

/** Reads and validates the config; a missing file is an empty config, an unparseable one an error (exit 65). */
export async function loadConfig(paths: StatePaths): Promise<ModelsConfig> {
  const file = await readJsonFile(paths.configPath);
  return file ? validateModelsConfig(file.value) : {};
}

export async function resolveAgent(
  io: Io,
  paths: StatePaths,
  config: ModelsConfig,
  agentId: string | undefined,
) {
  return resolveAgentDir({
    home: paths.home,
    config,
    env: io.env,
    ...(agentId === undefined ? {} : { agentId, existingAgentIds: await listAgentFolders(paths.home) }),
  });
}
