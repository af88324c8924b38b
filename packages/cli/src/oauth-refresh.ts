// OAuth refresh as `models auth refresh` and `models status --probe --probe-refresh` run it: each profile through
// auth-profiles' refreshIfNeeded (its refresh lock, the store re-read under it, the credential untouched on failure),
// with the provider's refresh from the sign-in plugins. The plugins (and their HTTP code) load only here.
import {
  type AuthStore,
  DEFAULT_REFRESH_MARGIN_MS,
  type OAuthStoredProfile,
  profileStoreOf,
  type RefreshResult,
  refreshIfNeeded,
  type StoredProfile,
} from "@modelctl/auth-profiles";
import type { Io } from "./io.js";
import { visible } from "./terminal-text.js";

export type RefreshRowStatus = RefreshResult["status"];

/** One profile's outcome, as `models auth refresh --json` prints it: never a token. */
export interface RefreshRow {
  readonly profileId: string;
  readonly provider: string;
  readonly status: RefreshRowStatus;
  /** Why not: an `OAuthError` code (`INVALID_GRANT`, `TIMEOUT`, …), `REFRESH_FAILED`, `NO_REFRESH_TOKEN`, `NO_REFRESH_FLOW`. */
  readonly reason?: string;
  /** One line for a person, from the failure (redacted by the library, control characters escaped). */
  readonly message?: string;
  /** Epoch ms the access token now expires at, when known. */
  readonly expiresAt?: number;
  /** The agent's own store, or the main agent's (an inherited profile, refreshed where it is kept). */
  readonly store: "agent" | "main";
}

export interface RefreshSettings {
  /** Refresh even when the access token is still valid beyond the margin. */
  readonly force?: boolean;
  readonly marginMs?: number;
  /** Deadline of each provider's refresh call. */
  readonly timeoutMs?: number;
  readonly now: () => number;
}

/** A stored profile of type `oauth`: the only kind a refresh applies to. */
export const isOAuth = (profile: StoredProfile): profile is OAuthStoredProfile => profile.type === "oauth";

/** Statuses after which the profile holds a usable access token. */
export const REFRESH_OK: ReadonlySet<RefreshRowStatus> = new Set([
  "fresh",
  "refreshed",
  "refreshed_elsewhere",
]);

/** A failure that only a new sign-in mends: the grant is gone, or there is nothing to refresh with. */
export const needsSignIn = (row: RefreshRow): boolean =>
  row.status === "not_refreshable" || row.reason === "INVALID_GRANT";

const expiryOf = (profile: OAuthStoredProfile): number | undefined => {
  const { expires } = profile.data;
  return typeof expires === "number" && Number.isFinite(expires) && expires > 0 ? expires : undefined;
};

/** Whether `profile`'s access token is missing, expired or inside the margin (what refreshIfNeeded refreshes). */
export function wantsRefresh(
  profile: StoredProfile,
  now: number,
  marginMs = DEFAULT_REFRESH_MARGIN_MS,
): boolean {
  if (profile.type !== "oauth") return false;
  const expires = expiryOf(profile);
  const access = profile.data.access?.reveal() ?? "";
  return access === "" || expires === undefined || expires - now <= marginMs;
}

/**
 * Refreshes the OAuth profiles `profiles` of `store`, all at once (each has its own lock): an inherited profile in the
 * main agent's folder, where it is kept. A profile of a provider without a refresh flow is `fresh` while its token is
 * valid and `not_refreshable` (`NO_REFRESH_FLOW`) once it is not; nothing is sent for it and nothing recorded.
 */
export async function refreshProfiles(
  io: Io,
  store: AuthStore,
  profiles: readonly OAuthStoredProfile[],
  settings: RefreshSettings,
): Promise<RefreshRow[]> {
  if (profiles.length === 0) return [];
  const { authPluginFor, loadEndpointOverrides, refreshOAuth } = await import(
    "@modelctl/auth-profiles/login"
  );
  // Read once, up front: a malformed MODELCTL_AUTH_ENDPOINTS file stops the command before any token is spent.
  await loadEndpointOverrides(io.env);
  const marginMs = settings.force
    ? Number.POSITIVE_INFINITY
    : (settings.marginMs ?? DEFAULT_REFRESH_MARGIN_MS);
  const one = async (profile: OAuthStoredProfile): Promise<RefreshRow> => {
    const where = profileStoreOf(store, profile.id);
    const base = { profileId: profile.id, provider: profile.provider, store: where } as const;
    if (!authPluginFor(profile.provider)?.refresh) {
      if (!wantsRefresh(profile, settings.now(), marginMs)) return rowOf(base, { status: "fresh", profile });
      return {
        ...base,
        status: "not_refreshable",
        reason: "NO_REFRESH_FLOW",
        message: `modelctl has no refresh for ${profile.provider}; sign in again.`,
      };
    }
    const agentDir = where === "main" && store.main ? store.main.paths.agentDir : store.paths.agentDir;
    const result = await refreshIfNeeded({
      agentDir,
      profileId: profile.id,
      marginMs,
      now: settings.now,
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      refresh: (held, signal) =>
        refreshOAuth(
          held.provider,
          {
            refresh: held.data.refresh?.reveal() ?? "",
            ...(held.data.access ? { access: held.data.access.reveal() } : {}),
            ...(expiryOf(held) === undefined ? {} : { expires: expiryOf(held) }),
            ...(held.data.enterpriseUrl ? { enterpriseUrl: held.data.enterpriseUrl } : {}),
            // MiniMax refreshes at the region's endpoint its sign-in recorded.
            ...(held.data.tokenEndpoint ? { tokenEndpoint: held.data.tokenEndpoint } : {}),
          },
          { env: io.env, signal },
        ),
    });
    return rowOf(base, result);
  };
  return Promise.all(profiles.map(one));
}

function rowOf(
  base: Pick<RefreshRow, "profileId" | "provider" | "store">,
  result: RefreshResult,
): RefreshRow {
  const expiresAt = expiryOf(result.profile);
  const at = expiresAt === undefined ? {} : { expiresAt };
  switch (result.status) {
    case "refresh_failed":
      return {
        ...base,
        status: result.status,
        reason: result.reason,
        message: visible(result.error?.message ?? "The provider's refresh failed."),
      };
    case "not_refreshable":
      return {
        ...base,
        status: result.status,
        reason: result.reason,
        message: "The profile holds no refresh token; sign in again.",
      };
    default:
      return { ...base, status: result.status, ...at };
  }
}
