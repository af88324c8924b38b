// `models auth order get|set|clear --provider <id>`: the agent's profile order override, kept in auth-state.json.
import { AuthStoreError, loadAuthStore, UNCHANGED, updateAuthStore } from "@modelctl/auth-profiles";
import { parseProviderId } from "@modelctl/model-ref";
import { type AgentOptions, agentLabel, openAuthContext } from "../auth-context.js";
import { EXIT, usageError } from "../errors.js";
import { type Io, printJson, println, tildify } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { AuthOrderJson } from "../schemas.js";
import { warnIfStoreExposed } from "../store-warning.js";

export interface OrderOptions extends AgentOptions {
  readonly provider?: string;
  readonly json?: boolean;
  readonly plain?: boolean;
}

function providerOf(options: OrderOptions, command: string): string {
  if (typeof options.provider !== "string" || options.provider.trim() === "")
    throw usageError(`models auth order ${command} needs --provider <id> (e.g. --provider anthropic).`);
  return parseProviderId(options.provider);
}

export async function authOrderGetCommand(io: Io, options: OrderOptions): Promise<number> {
  const mode = outputMode(options);
  const provider = providerOf(options, "get");
  const context = await openAuthContext(io, options);
  const store = await loadAuthStore(context.agent.agentDir);
  warnIfStoreExposed(io, store);
  const order = store.state.order[provider] ?? null;
  if (mode === "json") {
    const doc: AuthOrderJson = {
      agentId: context.agent.agentId ?? null,
      agentDir: context.agent.agentDir,
      provider,
      authStatePath: tildify(context.store.statePath, io.homedir),
      order: order === null ? null : [...order],
    };
    printJson(io, doc);
    return EXIT.ok;
  }
  if (mode === "plain") {
    for (const id of order ?? []) println(io.stdout, id);
    return EXIT.ok;
  }
  println(io.stdout, `Agent: ${agentLabel(io, context)}`);
  println(io.stdout, `Provider: ${provider}`);
  println(io.stdout, `Auth state file: ${tildify(context.store.statePath, io.homedir)}`);
  println(io.stdout, `Order override: ${order ? order.join(", ") : "(none)"}`);
  return EXIT.ok;
}

export async function authOrderSetCommand(
  io: Io,
  ids: readonly string[],
  options: OrderOptions,
): Promise<number> {
  const provider = providerOf(options, "set");
  const wanted = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ""))];
  if (wanted.length === 0)
    throw usageError(`models auth order set needs at least one profile id, e.g. ${provider}:default.`);
  const context = await openAuthContext(io, options);
  await updateAuthStore(
    context.agent.agentDir,
    (draft, current) => {
      const own = current.profiles
        .filter((profile) => profile.provider === provider)
        .map((profile) => profile.id);
      const unknown = wanted.filter((id) => !own.includes(id));
      if (unknown.length > 0) {
        throw new AuthStoreError(
          "PROFILE_NOT_FOUND",
          `No ${provider} profile ${unknown.map((id) => JSON.stringify(id)).join(", ")} in ${context.store.profilesPath}. ${own.length > 0 ? `${provider} has: ${own.join(", ")}.` : `${provider} has no profiles.`}`,
          { path: context.store.profilesPath },
        );
      }
      if (JSON.stringify(draft.order[provider]) === JSON.stringify(wanted)) return UNCHANGED;
      draft.order[provider] = wanted;
    },
    context.lock,
  );
  println(io.stdout, `Agent: ${agentLabel(io, context)}`);
  println(io.stdout, `Provider: ${provider}`);
  println(io.stdout, `Order override: ${wanted.join(", ")}`);
  return EXIT.ok;
}

export async function authOrderClearCommand(io: Io, options: OrderOptions): Promise<number> {
  const provider = providerOf(options, "clear");
  const context = await openAuthContext(io, options);
  await updateAuthStore(
    context.agent.agentDir,
    (draft) => {
      if (draft.order[provider] === undefined) return UNCHANGED;
      delete draft.order[provider];
    },
    context.lock,
  );
  println(io.stdout, `Agent: ${agentLabel(io, context)}`);
  println(io.stdout, `Provider: ${provider}`);
  println(io.stdout, "Cleared per-agent order override.");
  return EXIT.ok;
}
