// Which agent's folder holds the auth store: --agent, then the env overrides, then the configured default agent; and
// the main agent's folder, whose store every other agent reads beneath its own.
import fs from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { defaultAgentId, findAgent, knownAgentIds, type ModelsConfig } from "@modelctl/model-ref";
import { AuthStoreError } from "./errors.js";

// The callback API, promisified: node:fs/promises would load a dozen more internal modules at every start.
const readdir = promisify(fs.readdir);

export type AgentDirSource =
  | "agent-flag"
  | "MODELCTL_AGENT_DIR"
  | "OPENCLAW_AGENT_DIR"
  | "PI_CODING_AGENT_DIR"
  | "config-default";

export interface AgentDirInput {
  /** State home (`$MODELCTL_HOME`, `~/.modelctl`, or the folder of an explicitly named config). */
  readonly home: string;
  readonly config: ModelsConfig;
  /** `--agent <id>`. */
  readonly agentId?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Agent ids found as folders under `<home>/agents`, accepted besides the configured ones. */
  readonly existingAgentIds?: readonly string[];
}

export interface AgentDir {
  /** Undefined when an env var chose the folder directly. */
  readonly agentId: string | undefined;
  readonly agentDir: string;
  readonly source: AgentDirSource;
  /**
   * The main agent's folder (see `mainAgentDir`) when this is another one: its store is read beneath this agent's
   * own. Undefined for the main agent's folder itself.
   */
  readonly mainAgentDir: string | undefined;
}

const ENV_OVERRIDES = ["MODELCTL_AGENT_DIR", "OPENCLAW_AGENT_DIR", "PI_CODING_AGENT_DIR"] as const;

function dirOf(input: AgentDirInput, agentId: string): string {
  const configured = findAgent(input.config, agentId)?.agentDir?.trim();
  return configured ? configured : join(input.home, "agents", agentId, "agent");
}

/**
 * The main agent's folder, as the reference takes it: the env override (`MODELCTL_AGENT_DIR`, `OPENCLAW_AGENT_DIR`,
 * `PI_CODING_AGENT_DIR`), else `<home>/agents/main/agent` — the literal `main` agent, whatever agent the config marks
 * as default and whatever `agentDir` it gives `main`. It is the folder the reference's own commands use without
 * `--agent`, so the credentials stored there are the ones every agent of an OpenClaw install inherits.
 */
export function mainAgentDir(input: Pick<AgentDirInput, "home" | "env">): string {
  const env = input.env ?? {};
  for (const name of ENV_OVERRIDES) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return join(input.home, "agents", "main", "agent");
}

export function resolveAgentDir(input: AgentDirInput): AgentDir {
  const chosen = chooseAgentDir(input);
  const main = mainAgentDir(input);
  return { ...chosen, mainAgentDir: resolve(main) === resolve(chosen.agentDir) ? undefined : main };
}

function chooseAgentDir(input: AgentDirInput): Omit<AgentDir, "mainAgentDir"> {
  const env = input.env ?? {};
  if (input.agentId !== undefined) {
    const wanted: unknown = input.agentId;
    const known = [...new Set([...knownAgentIds(input.config), ...(input.existingAgentIds ?? [])])];
    const match =
      typeof wanted === "string" && wanted.trim() !== ""
        ? known.find((id) => id.toLowerCase() === wanted.trim().toLowerCase())
        : undefined;
    if (match === undefined) {
      throw new AuthStoreError(
        "AGENT_UNKNOWN",
        `Unknown agent id ${JSON.stringify(input.agentId)}. Known agents: ${known.join(", ")}. Add it to agents.list in the config, or leave out --agent.`,
      );
    }
    return { agentId: match, agentDir: dirOf(input, match), source: "agent-flag" };
  }
  for (const name of ENV_OVERRIDES) {
    const value = env[name]?.trim();
    if (value) return { agentId: undefined, agentDir: value, source: name };
  }
  const agentId = defaultAgentId(input.config);
  return { agentId, agentDir: dirOf(input, agentId), source: "config-default" };
}

/** Agent ids that have a folder under `<home>/agents`, for accepting `--agent` ids that are not in the config. */
export async function listAgentFolders(home: string): Promise<string[]> {
  try {
    const entries = await readdir(join(home, "agents"), { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
}
