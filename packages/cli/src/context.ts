// Where the state lives: the home folder, the config file, and the agent folder, from flags and env.
import { dirname, join, resolve } from "node:path";
import { listAgentFolders, readJsonFile, resolveAgentDir } from "@modelctl/auth-profiles";
import { type ModelsConfig, validateModelsConfig } from "@modelctl/model-ref";
import type { Io } from "./io.js";

export interface PathOptions {
  /** `--config <path>`. */
  readonly config?: string;
}

export interface StatePaths {
  readonly home: string;
  readonly configPath: string;
  /** How the config file was chosen, for messages. */
  readonly configSource: "--config" | "MODELCTL_CONFIG" | "home";
}

/**
 * `--config`, then `MODELCTL_CONFIG`, then `<home>/modelctl.json`. The home is `MODELCTL_HOME`, else the folder of an
 * explicitly named config (so an `openclaw.json` finds its `agents/` beside it), else `~/.modelctl`.
 */
export function resolveStatePaths(io: Io, options: PathOptions = {}): StatePaths {
  const explicitHome = io.env.MODELCTL_HOME?.trim();
  const flag = options.config?.trim();
  const fromEnv = io.env.MODELCTL_CONFIG?.trim();
  const named = flag || fromEnv;
  if (named) {
    const configPath = resolve(named);
    return {
      home: explicitHome ? resolve(explicitHome) : dirname(configPath),
      configPath,
      configSource: flag ? "--config" : "MODELCTL_CONFIG",
    };
  }
  const home = explicitHome ? resolve(explicitHome) : join(io.homedir, ".modelctl");
  return { home, configPath: join(home, "modelctl.json"), configSource: "home" };
}

export interface LoadedConfig {
  readonly config: ModelsConfig;
  /** False when the file does not exist yet (everything is default). */
  readonly exists: boolean;
}

/** Reads and validates the config; a missing file is an empty config, an unparseable one an error (exit 65). */
export async function loadConfig(paths: StatePaths): Promise<LoadedConfig> {
  const file = await readJsonFile(paths.configPath);
  if (!file) return { config: {}, exists: false };
  return { config: validateModelsConfig(file.value), exists: true };
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
