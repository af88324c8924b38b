// Where the state lives: the home folder, the config file, and the agent folder, from flags and env.
import { dirname, join, resolve } from "node:path";
import { listAgentFolders, resolveAgentDir } from "@modelctl/auth-profiles";
import { type ModelsConfig, validateModelsConfig } from "@modelctl/model-ref";
import { readJsonFile } from "@modelctl/safe-file";
import { usageError } from "./errors.js";
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

/**
 * The moment expiry and cooldowns are judged at: now, or `MODELCTL_NOW` (epoch ms or an ISO date) to ask
 * "as of then" — e.g. `MODELCTL_NOW=2026-12-01 modelctl models status --check` before a long weekend.
 */
export function nowOf(io: Io): number {
  const raw = io.env.MODELCTL_NOW?.trim();
  if (!raw) return Date.now();
  const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(value)) {
    throw usageError(
      `MODELCTL_NOW=${JSON.stringify(raw)} is not a time. Use epoch milliseconds (1795430219982) or an ISO date (2026-12-01T09:00:00Z), or unset it.`,
    );
  }
  return value;
}
