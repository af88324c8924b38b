// What every auth command starts from: the config, the agent it acts for, and that agent's store paths.
import { resolve } from "node:path";
import {
  type AgentDir,
  type AuthStorePaths,
  authStorePaths,
  type LoadOptions,
  resolveAgentDir,
} from "@modelctl/auth-profiles";
import {
  type ModelsConfig,
  normalizeProviderId,
  parseProviderId,
  unsafeCharacter,
} from "@modelctl/model-ref";
import { lockTimeoutMs } from "./env-settings.js";
import { dataError, usageError } from "./errors.js";
import { type Io, tildify } from "./io.js";
import { warnIfUnknownProvider } from "./provider-warning.js";
import {
  loadConfig,
  type PathOptions,
  resolveAgent,
  resolveStatePaths,
  type StatePaths,
} from "./state-paths.js";

export interface AgentOptions extends PathOptions {
  readonly agent?: string;
}

export interface AuthContext {
  readonly paths: StatePaths;
  readonly config: ModelsConfig;
  readonly agent: AgentDir;
  readonly store: AuthStorePaths;
  /** How the agent's store is read: over the main agent's, for an agent other than the main one. */
  readonly load: LoadOptions;
  readonly lock: { timeoutMs?: number };
}

export async function openAuthContext(io: Io, options: AgentOptions): Promise<AuthContext> {
  const paths = resolveStatePaths(io, options);
  const config = await loadConfig(paths);
  const agent = await resolveAgent(io, paths, config, options.agent);
  const timeoutMs = lockTimeoutMs(io);
  return {
    paths,
    config,
    agent,
    store: authStorePaths(agent.agentDir),
    load: { mainAgentDir: agent.mainAgentDir },
    lock: timeoutMs === undefined ? {} : { timeoutMs },
  };
}

/**
 * The options that make an auth command act on the main agent's store: "" (no --agent), ` --agent main`, or
 * undefined when none does (the config gives `main` a folder of its own elsewhere).
 */
export function mainAgentOptions(io: Io, context: AuthContext): string | undefined {
  const main = context.agent.mainAgentDir;
  if (main === undefined) return "";
  const at = (agentId?: string) => {
    try {
      const { home } = context.paths;
      const input = { home, config: context.config, env: io.env };
      return resolve(resolveAgentDir(agentId === undefined ? input : { ...input, agentId }).agentDir);
    } catch {
      return undefined;
    }
  };
  if (at() === resolve(main)) return "";
  if (at("main") === resolve(main)) return " --agent main";
  return undefined;
}

export interface ProviderRules {
  /**
   * Warn on stderr about a provider that neither the provider table nor this config knows, and go on (custom
   * providers are legitimate): for a command that stores something under it.
   */
  readonly warnUnknownIn?: ModelsConfig;
  /**
   * `models auth order`'s messages, as they have always been: no `plugins list` hint when --provider is missing, and
   * an unsafe character refused by the id grammar (65, `Invalid provider …`) rather than named by its code point.
   */
  readonly orderMessages?: boolean;
}

/**
 * `--provider`, required: normalised (`Anthropic` → `anthropic`) and valid — 64 when missing, 65 when no ref could
 * name it (`__proto__`, `my provider`, an invisible character: refused rather than stored unusable).
 */
export function providerOption(io: Io, raw: unknown, command: string, rules: ProviderRules = {}): string {
  if (typeof raw !== "string" || raw.trim() === "") {
    const hint = rules.orderMessages ? "" : ` \`${io.programName} plugins list\` shows the providers.`;
    throw usageError(`${command} needs --provider <id> (e.g. --provider anthropic).${hint}`);
  }
  if (!rules.orderMessages) refuseUnsafeName("--provider", raw);
  const provider = parseProviderId(raw);
  if (rules.warnUnknownIn) warnIfUnknownProvider(io, rules.warnUnknownIn, provider);
  return provider;
}

/**
 * Ids are names, stored and shown: none may hold a control, invisible or direction-changing character (65). The
 * value is not echoed; the character is named by its code point.
 */
function refuseUnsafeName(flag: string, raw: string): void {
  const unsafe = unsafeCharacter(raw.trim());
  if (unsafe) {
    throw dataError(
      `Invalid ${flag}: it contains ${unsafe.description}. Use letters, digits and punctuation, e.g. ${flag === "--provider" ? "--provider anthropic" : "--profile-id anthropic:work"}.`,
    );
  }
}

/** `--profile-id`: `<provider>:<name>`; a bare name gets the provider prefixed. */
export function profileIdOption(provider: string, raw: unknown, fallbackName: string): string {
  if (raw === undefined || raw === true) return `${provider}:${fallbackName}`;
  const value = String(raw).trim();
  if (value === "" || /\s/.test(value)) {
    throw usageError(
      `Invalid --profile-id ${JSON.stringify(String(raw))}: use <provider>:<name>, e.g. ${provider}:work.`,
    );
  }
  refuseUnsafeName("--profile-id", value);
  if (!value.includes(":")) return `${provider}:${value}`;
  if (value.endsWith(":"))
    throw usageError(
      `Invalid --profile-id ${JSON.stringify(value)}: a name must follow the ':', e.g. ${provider}:work.`,
    );
  const prefix = normalizeProviderId(value.slice(0, value.indexOf(":")));
  if (prefix !== provider) {
    throw usageError(
      `--profile-id ${value} names provider "${prefix}", but --provider is "${provider}". Use ${provider}:${value.slice(value.indexOf(":") + 1)}.`,
    );
  }
  return value;
}

export const agentLabel = (io: Io, context: AuthContext) =>
  context.agent.agentId ?? `(${tildify(context.agent.agentDir, io.homedir)} from ${context.agent.source})`;
