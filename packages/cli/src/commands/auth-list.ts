// `models auth list` (profiles with masked values, expiry and cooldowns; never a secret) and `models auth logout`.
import {
  type AuthStore,
  AuthStoreError,
  credentialLabel,
  formatRemainingShort,
  loadAuthStore,
  profileHealth,
  profileStoreOf,
  removeProfile,
  unusableOf,
  unusableSuffix,
  updateAuthStore,
} from "@modelctl/auth-profiles";
import {
  type AgentOptions,
  type AuthContext,
  agentLabel,
  mainAgentOptions,
  openAuthContext,
  providerOption,
} from "../auth-context.js";
import { labelParts, painterFor, Styled, status } from "../colour.js";
import { nowOf } from "../env-settings.js";
import { EXIT } from "../errors.js";
import { type Io, printJson, printLines, println, tildify } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { AuthListJson } from "../schemas.js";
import { MAIN_MARK, warnAboutStore, warnIgnoredState } from "../store-warning.js";

export interface ListOptions extends AgentOptions {
  readonly provider?: string;
  readonly json?: boolean;
  readonly plain?: boolean;
}

export async function authListCommand(io: Io, options: ListOptions): Promise<number> {
  const mode = outputMode(options);
  const context = await openAuthContext(io, options);
  const store = await loadAuthStore(context.agent.agentDir, context.load);
  warnAboutStore(io, store);
  const now = nowOf(io);
  // A filter is checked like any --provider (65 for one no ref could name), but an unknown one is just empty.
  const provider =
    options.provider === undefined ? undefined : providerOption(io, options.provider, "models auth list");
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
        store: profileStoreOf(store, profile.id),
      };
    });

  if (mode === "json") {
    const doc: AuthListJson = {
      agentDir: context.agent.agentDir,
      storePath: store.paths.profilesPath,
      ...(store.main ? { mainStorePath: store.main.paths.profilesPath } : {}),
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
  if (store.main)
    println(
      io.stdout,
      `Main store    : ${tildify(store.main.paths.profilesPath, io.homedir)} (inherited profiles marked ${MAIN_MARK.trim()})`,
    );
  if (profiles.length === 0) {
    println(io.stdout, provider ? `No profiles for ${provider}.` : "No profiles.");
    return EXIT.ok;
  }
  const lines = profiles.map((profile) => {
    const expiry =
      profile.remainingMs === undefined ? "" : ` expires in ${formatRemainingShort(profile.remainingMs)}`;
    return new Styled([
      `- ${profile.profileId} ${profile.type} `,
      ...labelParts(profile.value),
      " ",
      status(profile.status),
      expiry,
      ...labelParts(unusableSuffix(profile.unusable)),
      profile.store === "main" ? MAIN_MARK : "",
    ]);
  });
  printLines(io.stdout, lines, painterFor(io, io.stdout));
  return EXIT.ok;
}

export interface LogoutOptions extends AgentOptions {
  readonly yes?: boolean;
}

/**
 * Removes a profile and every reference to it in the agent's state (order, lastGood, usage stats). Only the agent's
 * own store is changed: a profile an agent inherits from the main agent's store is refused (65, nothing written),
 * naming that store and the command that removes it there.
 */
export async function authLogoutCommand(io: Io, profileId: string, options: LogoutOptions): Promise<number> {
  const context = await openAuthContext(io, options);
  const wanted = profileId.trim();
  const { store } = await updateAuthStore(
    context.agent.agentDir,
    (draft, current) => {
      // The profile and every reference to it in the agent's state; false when the agent's own store lacks it.
      if (removeProfile(draft, wanted)) return;
      if (current.main && current.inherited.has(wanted))
        throw inheritedError(io, context, wanted, current.main);
      const ids = current.profiles.map((profile) => profile.id);
      throw new AuthStoreError(
        "PROFILE_NOT_FOUND",
        `No profile ${JSON.stringify(wanted)} in ${context.store.profilesPath}. ${ids.length > 0 ? `Stored: ${ids.join(", ")}.` : "The store is empty."}`,
        { path: context.store.profilesPath },
      );
    },
    { ...context.lock, ...context.load },
  );
  warnIgnoredState(io, store);
  println(io.stdout, `Removed ${wanted} from ${tildify(context.store.profilesPath, io.homedir)}`);
  return EXIT.ok;
}

function inheritedError(
  io: Io,
  context: AuthContext,
  profileId: string,
  main: NonNullable<AuthStore["main"]>,
): AuthStoreError {
  const options = mainAgentOptions(io, context);
  const there =
    options === undefined
      ? `remove it there`
      : `remove it there with \`${io.programName} models auth logout ${profileId}${options}\` (every agent inherits it)`;
  return new AuthStoreError(
    "PROFILE_INHERITED",
    `${profileId} is not in ${agentLabel(io, context)}'s store (${context.store.profilesPath}): it is inherited from the main agent's store, ${main.paths.profilesPath}. Nothing was changed; ${there}, or save a profile of the same id for this agent to override it.`,
    { path: main.paths.profilesPath },
  );
}
