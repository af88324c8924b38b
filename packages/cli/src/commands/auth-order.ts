// `models auth order get|set|clear --provider <id>`: the agent's profile order override, kept in auth-state.json.
import {
  AuthStoreError,
  clearOrder,
  loadAuthStore,
  orderOverrideOf,
  setOrder,
  UNCHANGED,
  updateAuthStore,
} from "@modelctl/auth-profiles";
import {
  type AgentOptions,
  agentLabel,
  mainAgentOptions,
  openAuthContext,
  providerOption,
} from "../auth-context.js";
import { EXIT, usageError } from "../errors.js";
import { type Io, printJson, println, tildify } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { AuthOrderJson } from "../schemas.js";
import { warnAboutStore, warnIgnoredState } from "../store-warning.js";

export interface OrderOptions extends AgentOptions {
  readonly provider?: string;
  readonly json?: boolean;
  readonly plain?: boolean;
}

const providerOf = (io: Io, options: OrderOptions, command: string) =>
  providerOption(io, options.provider, `models auth order ${command}`, { orderMessages: true });

/**
 * The override that applies to the agent, as the reference shows it: for an agent other than the main one, its own,
 * else the main agent's (said so).
 */
export async function authOrderGetCommand(io: Io, options: OrderOptions): Promise<number> {
  const mode = outputMode(options);
  const provider = providerOf(io, options, "get");
  const context = await openAuthContext(io, options);
  const store = await loadAuthStore(context.agent.agentDir, context.load);
  warnAboutStore(io, store);
  const override = orderOverrideOf(store, provider);
  const mainStatePath = store.main ? tildify(store.main.paths.statePath, io.homedir) : undefined;
  if (mode === "json") {
    const doc: AuthOrderJson = {
      agentId: context.agent.agentId ?? null,
      agentDir: context.agent.agentDir,
      provider,
      authStatePath: tildify(context.store.statePath, io.homedir),
      order: override ? [...override.order] : null,
      // Ours, only where there is a main agent's state beneath: whose override it is, and that file.
      ...(override && mainStatePath !== undefined ? { store: override.store } : {}),
      ...(mainStatePath === undefined ? {} : { mainStatePath }),
    };
    printJson(io, doc);
    return EXIT.ok;
  }
  if (mode === "plain") {
    for (const id of override?.order ?? []) println(io.stdout, id);
    return EXIT.ok;
  }
  println(io.stdout, `Agent: ${agentLabel(io, context)}`);
  println(io.stdout, `Provider: ${provider}`);
  println(io.stdout, `Auth state file: ${tildify(context.store.statePath, io.homedir)}`);
  const from = override?.store === "main" ? ` (the main agent's, from ${mainStatePath})` : "";
  println(io.stdout, `Order override: ${override ? `${override.order.join(", ")}${from}` : "(none)"}`);
  return EXIT.ok;
}

export async function authOrderSetCommand(
  io: Io,
  ids: readonly string[],
  options: OrderOptions,
): Promise<number> {
  const provider = providerOf(io, options, "set");
  const wanted = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ""))];
  if (wanted.length === 0)
    throw usageError(`models auth order set needs at least one profile id, e.g. ${provider}:default.`);
  const context = await openAuthContext(io, options);
  const { store } = await updateAuthStore(
    context.agent.agentDir,
    (draft, current) => {
      // An inherited profile may be ordered too: the agent uses it like its own.
      const own = current.profiles
        .filter((profile) => profile.provider === provider)
        .map((profile) => profile.id);
      const unknown = wanted.filter((id) => !own.includes(id));
      if (unknown.length > 0) {
        throw new AuthStoreError(
          "PROFILE_NOT_FOUND",
          `No ${provider} profile ${unknown.map((id) => JSON.stringify(id)).join(", ")} in ${context.store.profilesPath}${current.main ? ` or the main agent's ${current.main.paths.profilesPath}` : ""}. ${own.length > 0 ? `${provider} has: ${own.join(", ")}.` : `${provider} has no profiles.`}`,
          { path: context.store.profilesPath },
        );
      }
      return setOrder(draft, provider, wanted) ? undefined : UNCHANGED;
    },
    { ...context.lock, ...context.load },
  );
  warnIgnoredState(io, store);
  println(io.stdout, `Agent: ${agentLabel(io, context)}`);
  println(io.stdout, `Provider: ${provider}`);
  println(io.stdout, `Order override: ${wanted.join(", ")}`);
  return EXIT.ok;
}

/**
 * Clears the agent's own override. For an agent other than the main one, the main agent's override (if any) applies
 * after it; that is said on stderr, with how to clear that one.
 */
export async function authOrderClearCommand(io: Io, options: OrderOptions): Promise<number> {
  const provider = providerOf(io, options, "clear");
  const context = await openAuthContext(io, options);
  const { store } = await updateAuthStore(
    context.agent.agentDir,
    (draft) => (clearOrder(draft, provider) ? undefined : UNCHANGED),
    { ...context.lock, ...context.load },
  );
  warnIgnoredState(io, store);
  println(io.stdout, `Agent: ${agentLabel(io, context)}`);
  println(io.stdout, `Provider: ${provider}`);
  println(io.stdout, "Cleared per-agent order override.");
  const inherited = orderOverrideOf(store, provider);
  if (inherited && store.main) {
    const options = mainAgentOptions(io, context);
    println(
      io.stderr,
      `Note: the main agent's order override for ${provider} (${inherited.order.join(", ")}, in ${tildify(store.main.paths.statePath, io.homedir)}) still applies to ${agentLabel(io, context)}.${options === undefined ? "" : ` Run \`${io.programName} models auth order clear --provider ${provider}${options}\` to clear it for every agent.`}`,
    );
  }
  return EXIT.ok;
}
