// `models auth list` (profiles with masked values, expiry and cooldowns; never a secret) and `models auth logout`.
import {
  AuthStoreError,
  credentialLabel,
  formatRemainingShort,
  loadAuthStore,
  profileHealth,
  unusableOf,
  unusableSuffix,
  updateAuthStore,
} from "@modelctl/auth-profiles";
import { type AgentOptions, checkedProvider, openAuthContext } from "../auth-context.js";
import { nowOf } from "../context.js";
import { EXIT } from "../errors.js";
import { type Io, printJson, println, tildify } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { AuthListJson } from "../schemas.js";
import { warnIfStoreExposed } from "../store-warning.js";

export interface ListOptions extends AgentOptions {
  readonly provider?: string;
  readonly json?: boolean;
  readonly plain?: boolean;
}

export async function authListCommand(io: Io, options: ListOptions): Promise<number> {
  const mode = outputMode(options);
  const context = await openAuthContext(io, options);
  const store = await loadAuthStore(context.agent.agentDir);
  warnIfStoreExposed(io, store);
  const now = nowOf(io);
  // A filter is checked like any --provider (65 for one no ref could name), but an unknown one is just empty.
  const provider =
    options.provider === undefined ? undefined : checkedProvider(io, options.provider, "models auth list");
  const profiles = store.profiles
    .filter((profile) => provider === undefined || profile.provider === provider)
    .map((profile) => {
      const health = profileHealth(profile, { now });
      const unusable = unusableOf(store.state.usageStats[profile.id], now, profile.provider);
      const email =
        profile.type === "oauth" || profile.type === "api_key" || profile.type === "token"
          ? profile.data.email
          : undefined;
      return {
        profileId: profile.id,
        provider: profile.provider,
        type: profile.type === "unknown" ? (profile.declaredType ?? "unknown") : profile.type,
        value: credentialLabel(profile),
        ...health,
        ...(email ? { email } : {}),
        ...(unusable ? { unusable } : {}),
      };
    });

  if (mode === "json") {
    const doc: AuthListJson = {
      agentDir: context.agent.agentDir,
      storePath: store.paths.profilesPath,
      profiles,
    };
    printJson(io, doc);
    return EXIT.ok;
  }
  if (mode === "plain") {
    for (const profile of profiles) println(io.stdout, profile.profileId);
    return EXIT.ok;
  }
  println(io.stdout, `Auth store    : ${tildify(store.paths.profilesPath, io.homedir)}`);
  if (profiles.length === 0) {
    println(io.stdout, provider ? `No profiles for ${provider}.` : "No profiles.");
    return EXIT.ok;
  }
  for (const profile of profiles) {
    const expiry =
      profile.remainingMs === undefined ? "" : ` expires in ${formatRemainingShort(profile.remainingMs)}`;
    println(
      io.stdout,
      `- ${profile.profileId} ${profile.type} ${profile.value} ${profile.status}${expiry}${unusableSuffix(profile.unusable)}`,
    );
  }
  return EXIT.ok;
}

export interface LogoutOptions extends AgentOptions {
  readonly yes?: boolean;
}

/** Removes a profile and every reference to it in the agent's state (order, lastGood, usage stats). */
export async function authLogoutCommand(io: Io, profileId: string, options: LogoutOptions): Promise<number> {
  const context = await openAuthContext(io, options);
  const wanted = profileId.trim();
  await updateAuthStore(
    context.agent.agentDir,
    (draft, current) => {
      if (!Object.hasOwn(draft.profiles, wanted)) {
        const ids = current.profiles.map((profile) => profile.id);
        throw new AuthStoreError(
          "PROFILE_NOT_FOUND",
          `No profile ${JSON.stringify(wanted)} in ${context.store.profilesPath}. ${ids.length > 0 ? `Stored: ${ids.join(", ")}.` : "The store is empty."}`,
          { path: context.store.profilesPath },
        );
      }
      delete draft.profiles[wanted];
      for (const [provider, ids] of Object.entries(draft.order)) {
        const kept = ids.filter((id) => id !== wanted);
        // Overrides that never named the profile stay as they are, an empty one (which excludes every profile of
        // its provider, on purpose) included; one emptied by this removal would exclude them all: it is dropped.
        if (kept.length === ids.length) continue;
        if (kept.length === 0) delete draft.order[provider];
        else draft.order[provider] = kept;
      }
      for (const [provider, id] of Object.entries(draft.lastGood))
        if (id === wanted) delete draft.lastGood[provider];
      delete draft.usageStats[wanted];
    },
    context.lock,
  );
  println(io.stdout, `Removed ${wanted} from ${tildify(context.store.profilesPath, io.homedir)}`);
  return EXIT.ok;
}
