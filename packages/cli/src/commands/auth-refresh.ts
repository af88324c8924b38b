// `models auth refresh [profileIds…]`: refresh the agent's OAuth profiles whose access token has expired or expires
// within 5 minutes (every one, a provider's, or the ones named), each under its refresh lock; a failure keeps the
// credential byte for byte. `models status` never refreshes: this command (and `--probe --probe-refresh`) does.
import {
  AuthStoreError,
  formatRemainingShort,
  loadAuthStore,
  OAuthError,
  type OAuthStoredProfile,
  type StoredProfile,
} from "@modelctl/auth-profiles";
import { type AgentOptions, openAuthContext, providerOption } from "../auth-context.js";
import { EXIT } from "../errors.js";
import { type Io, printJson, printLines } from "../io.js";
import { isOAuth, needsSignIn, REFRESH_OK, type RefreshRow, refreshProfiles } from "../oauth-refresh.js";
import { positiveInteger } from "../probe-options.js";
import type { AuthRefreshJson } from "../schemas.js";
import { warnAboutStore } from "../store-warning.js";

export interface RefreshOptions extends AgentOptions {
  readonly provider?: string;
  readonly force?: boolean;
  readonly timeout?: unknown;
  readonly json?: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 600_000;

/** The profiles to refresh: the ones named (each must be a stored OAuth profile), else every OAuth one (of --provider). */
function targetsOf(
  profiles: readonly StoredProfile[],
  named: readonly string[],
  provider: string | undefined,
  storePath: string,
): OAuthStoredProfile[] {
  if (named.length === 0)
    return profiles.filter(isOAuth).filter((p) => provider === undefined || p.provider === provider);
  return [...new Set(named.map((id) => id.trim()))].map((id) => {
    const found = profiles.find((profile) => profile.id === id);
    if (found === undefined) {
      const oauth = profiles.filter(isOAuth).map((profile) => profile.id);
      throw new AuthStoreError(
        "PROFILE_NOT_FOUND",
        `No profile ${JSON.stringify(id)} in ${storePath}. ${oauth.length > 0 ? `OAuth profiles: ${oauth.join(", ")}.` : "It holds no OAuth profile."} Nothing was refreshed.`,
        { path: storePath },
      );
    }
    if (!isOAuth(found))
      throw new OAuthError(
        "PROFILE_NOT_OAUTH",
        `${id} is a ${found.type === "unknown" ? "profile of unknown type" : `${found.type} profile`}; only OAuth profiles can be refreshed. Nothing was refreshed.`,
        { profileId: id },
      );
    return found;
  });
}

/**
 * 0 when every profile holds a usable token afterwards; 77 when one needs a new sign-in (its grant was refused, or it
 * has nothing to refresh with); else 69 (a provider that failed for now: network, timeout, server error).
 */
export function refreshExitCode(rows: readonly RefreshRow[]): number {
  const failed = rows.filter((row) => !REFRESH_OK.has(row.status));
  if (failed.length === 0) return EXIT.ok;
  return failed.some(needsSignIn) ? EXIT.noPermission : EXIT.unavailable;
}

function rowLine(io: Io, row: RefreshRow, now: number): string {
  const expires =
    row.expiresAt === undefined
      ? ""
      : row.expiresAt <= now
        ? " · expired"
        : ` · expires in ${formatRemainingShort(row.expiresAt - now)}`;
  const main = row.store === "main" ? " (main agent's store)" : "";
  switch (row.status) {
    case "fresh":
      return `${row.profileId}${main}: fresh, not refreshed${expires}`;
    case "refreshed":
      return `${row.profileId}${main}: refreshed${expires}`;
    case "refreshed_elsewhere":
      return `${row.profileId}${main}: refreshed by another process${expires}`;
    default: {
      const fix = needsSignIn(row)
        ? ` Sign in again: \`${io.programName} models auth login --provider ${row.provider}\`.`
        : "";
      const label = row.status === "refresh_failed" ? "refresh failed" : "cannot be refreshed";
      return `${row.profileId}${main}: ${label} (${row.reason}): ${row.message ?? ""}${fix}`;
    }
  }
}

export async function authRefreshCommand(
  io: Io,
  profileIds: readonly string[],
  options: RefreshOptions,
): Promise<number> {
  const json = options.json === true;
  const timeoutMs = positiveInteger(
    "--timeout",
    options.timeout,
    DEFAULT_TIMEOUT_MS,
    " of milliseconds",
    MAX_TIMEOUT_MS,
  );
  const context = await openAuthContext(io, options);
  const provider =
    options.provider === undefined ? undefined : providerOption(io, options.provider, "models auth refresh");
  const store = await loadAuthStore(context.agent.agentDir, context.load);
  warnAboutStore(io, store);
  const targets = targetsOf(store.profiles, profileIds, provider, context.store.profilesPath);
  const rows = await refreshProfiles(io, store, targets, {
    force: options.force === true,
    timeoutMs,
    // The real clock, not MODELCTL_NOW: that asks how things look as of another time; this acts now.
    now: Date.now,
  });
  if (json) {
    const doc: AuthRefreshJson = { agentDir: context.agent.agentDir, results: rows };
    printJson(io, doc);
  } else if (rows.length === 0) {
    printLines(io.stdout, [
      `No OAuth profiles${provider === undefined ? "" : ` of ${provider}`} in ${context.store.profilesPath}: nothing to refresh.`,
    ]);
  } else {
    const now = Date.now();
    printLines(
      io.stdout,
      rows.map((row) => rowLine(io, row, now)),
    );
  }
  return refreshExitCode(rows);
}
