// OAuth refresh that never logs anyone out: one refresh per profile at a time across processes (a lock of its own),
// the store re-read under that lock so a token another process just got is used instead of spending the single-use
// refresh token again, and a failure that never touches the stored credential.
import { resolveRealPath, UNCHANGED, withFileLock } from "@modelctl/safe-file";
import { putProfile, recordOutcome } from "./edits.js";
import { AuthStoreError, OAuthError, type OAuthErrorCode } from "./errors.js";
import type { StoredProfile } from "./profile.js";
import type { ProfileInput } from "./schema.js";
import { authStorePaths, loadAuthStore, updateAuthStore } from "./store.js";
import type { FailureReason } from "./usage.js";

/** A loaded OAuth profile (its tokens are `Secret`s: `profile.data.refresh?.reveal()`). */
export type OAuthStoredProfile = Extract<StoredProfile, { type: "oauth" }>;

/** What a provider's refresh gives back. Without `refresh`, the stored refresh token is kept (Google sends none). */
export interface RefreshedTokens {
  readonly access: string;
  readonly refresh?: string | undefined;
  /** Epoch milliseconds when `access` expires. */
  readonly expires: number;
  readonly idToken?: string | undefined;
  readonly email?: string | undefined;
  readonly accountId?: string | undefined;
}

/**
 * A provider's token refresh: called with the profile as stored at that moment (read under the refresh lock) and a
 * signal that fires at the deadline. Throw on failure; an `OAuthError` (as `oauthRefreshRequest` throws) gives the
 * result its `reason`, anything else is `REFRESH_FAILED`.
 */
export type RefreshFunction = (profile: OAuthStoredProfile, signal: AbortSignal) => Promise<RefreshedTokens>;

export interface RefreshInput {
  readonly agentDir: string;
  readonly profileId: string;
  readonly refresh: RefreshFunction;
  /** Refresh when the access token expires within this window. Default 5 minutes. */
  readonly marginMs?: number;
  /** Deadline of the refresh call. Default 30 s. */
  readonly timeoutMs?: number;
  /** How long to wait for another process's refresh of the same profile (its lock). Default `timeoutMs` + 10 s. */
  readonly lockTimeoutMs?: number;
  /** The clock, read each time a decision needs it. Default `Date.now`. */
  readonly now?: () => number;
  readonly signal?: AbortSignal;
}

/** Why a refresh failed: the `OAuthError` code, `REFRESH_FAILED` for any other error of the refresh function. */
export type RefreshFailureReason = OAuthErrorCode | "REFRESH_FAILED";

export type RefreshResult =
  /** The access token is valid beyond the margin: nothing was done. */
  | { readonly status: "fresh"; readonly profile: OAuthStoredProfile }
  /** This call refreshed it and stored the new tokens. */
  | { readonly status: "refreshed"; readonly profile: OAuthStoredProfile }
  /** Another process refreshed it (or signed in again) while this one waited: its tokens, no request sent. */
  | { readonly status: "refreshed_elsewhere"; readonly profile: OAuthStoredProfile }
  /** The refresh failed; the stored credential is as it was and the failure is in the agent's usage stats. */
  | {
      readonly status: "refresh_failed";
      readonly profile: OAuthStoredProfile;
      readonly reason: RefreshFailureReason;
      /** The `OAuthError` (no token in it), or undefined for an error of another kind (its text is not kept). */
      readonly error: OAuthError | undefined;
    }
  /** Expired or expiring, but it holds no refresh token: only a new sign-in helps. */
  | {
      readonly status: "not_refreshable";
      readonly profile: OAuthStoredProfile;
      readonly reason: "NO_REFRESH_TOKEN";
    };

export type RefreshStatus = RefreshResult["status"];

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The file whose lock (`<file>.lock`, safe-file's lock) serialises refreshes of one profile: beside the credentials
 * file (at its real path, so every name of a symlinked store shares it), named by a hash of the profile id since an
 * id may hold any character.
 */
export async function refreshLockTarget(agentDir: string, profileId: string): Promise<string> {
  const profilesPath = await resolveRealPath(authStorePaths(agentDir).profilesPath);
  return `${profilesPath}.refresh-${fnv1a64(profileId)}`;
}

/** FNV-1a, 64 bits, of the UTF-8 bytes: a stable name, not a secret (a collision only makes two profiles wait in turn). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, "0");
}

const validExpiry = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value) && value > 0;

/** No access token, no valid expiry, or one inside the margin. */
function needsRefresh(profile: OAuthStoredProfile, now: number, marginMs: number): boolean {
  const { access, expires } = profile.data;
  if (access === undefined || access.reveal() === "") return true;
  return !validExpiry(expires) || expires - now <= marginMs;
}

const tokensOf = (profile: OAuthStoredProfile) =>
  `${profile.data.access?.reveal() ?? ""}\n${profile.data.refresh?.reveal() ?? ""}`;

function oauthProfile(
  profile: StoredProfile | undefined,
  agentDir: string,
  profileId: string,
): OAuthStoredProfile {
  if (profile === undefined)
    throw new AuthStoreError(
      "PROFILE_NOT_FOUND",
      `No profile "${profileId}" in ${authStorePaths(agentDir).profilesPath}. Nothing was refreshed.`,
      { path: authStorePaths(agentDir).profilesPath, profileId },
    );
  if (profile.type !== "oauth")
    throw new OAuthError(
      "PROFILE_NOT_OAUTH",
      `Profile "${profileId}" is of type ${profile.type === "unknown" ? "unknown" : `"${profile.type}"`}; only an "oauth" profile can be refreshed.`,
      { profileId },
    );
  return profile;
}

async function readProfile(agentDir: string, profileId: string): Promise<OAuthStoredProfile> {
  const store = await loadAuthStore(agentDir);
  return oauthProfile(
    store.profiles.find((candidate) => candidate.id === profileId),
    agentDir,
    profileId,
  );
}

/** The failure as the usage stats count it, in the store's vocabulary; undefined for the caller's own abort. */
function failureReason(error: OAuthError | undefined): FailureReason | undefined {
  switch (error?.code) {
    case "ABORTED":
      return undefined;
    case "INVALID_GRANT":
      return "auth_permanent";
    case "TIMEOUT":
      return "timeout";
    case "HTTP_STATUS":
      if (error.status === 429) return "rate_limit";
      if (error.status === 401 || error.status === 403) return "auth";
      return error.status !== undefined && error.status >= 500 ? "overloaded" : "unknown";
    default:
      return "unknown";
  }
}

/**
 * Runs `refresh` under a deadline and the caller's signal; ends at the deadline even when `refresh` ignores its
 * signal. Rejects with an `OAuthError` (`TIMEOUT`, `ABORTED`) or whatever `refresh` threw.
 */
async function callRefresh(
  refresh: RefreshFunction,
  profile: OAuthStoredProfile,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<RefreshedTokens> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new OAuthError(
        "TIMEOUT",
        `The token refresh of "${profile.id}" took longer than ${timeoutMs} ms.`,
        {
          profileId: profile.id,
        },
      );
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    onAbort = () => {
      const error = new OAuthError("ABORTED", `The token refresh of "${profile.id}" was aborted.`, {
        profileId: profile.id,
      });
      controller.abort(error);
      reject(error);
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([refresh(profile, controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

function checkTokens(tokens: unknown, profileId: string): RefreshedTokens {
  const t = tokens as Partial<RefreshedTokens> | null;
  const text = (value: unknown) => typeof value === "string" && value !== "";
  const optionalText = (value: unknown) => value === undefined || text(value);
  if (
    typeof t !== "object" ||
    t === null ||
    !text(t.access) ||
    !validExpiry(t.expires) ||
    !optionalText(t.refresh) ||
    !optionalText(t.idToken) ||
    !optionalText(t.email) ||
    !optionalText(t.accountId)
  )
    throw new OAuthError(
      "RESPONSE_INVALID",
      `The token refresh of "${profileId}" gave no usable tokens (an access token and a positive expiry are needed).`,
      { profileId },
    );
  return t as RefreshedTokens;
}

/**
 * Refreshes one OAuth profile of an agent's own store when its access token has expired or expires within the
 * margin, so that concurrent processes never spend the same single-use refresh token twice:
 *
 * - under the profile's refresh lock (`refreshLockTarget` + `.lock`; other profiles are not blocked) the store is
 *   read again, and a token another process stored meanwhile is used without a request (`refreshed_elsewhere`);
 * - the refresh runs with the refresh token read under the lock; the store's own write lock is held only for the
 *   write, never during the request;
 * - the new tokens are written through `updateAuthStore` (atomic, every other field and unknown key kept; the old
 *   refresh token kept when the answer has none), unless the profile changed during the request (a new sign-in):
 *   then that is kept and reported as `refreshed_elsewhere`;
 * - a failure leaves the credential exactly as it was, is counted in the agent's usage stats
 *   (`invalid_grant` → `auth_permanent`, timeout → `timeout`, 429 → `rate_limit`, 401/403 → `auth`, 5xx →
 *   `overloaded`, else `unknown`; the caller's abort is not counted) and is returned as `refresh_failed`.
 *
 * Throws `AuthStoreError` `PROFILE_NOT_FOUND` and `OAuthError` `PROFILE_NOT_OAUTH` for misuse, and the store's own
 * errors (`LOCK_BUSY`, `FILE_INVALID`, …). For a profile a sub-agent inherits, pass the main agent's folder.
 */
export async function refreshIfNeeded(input: RefreshInput): Promise<RefreshResult> {
  const { agentDir, profileId } = input;
  const now = input.now ?? Date.now;
  const marginMs = input.marginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const before = await readProfile(agentDir, profileId);
  if (!needsRefresh(before, now(), marginMs)) return { status: "fresh", profile: before };
  if (before.data.refresh === undefined || before.data.refresh.reveal() === "")
    return { status: "not_refreshable", profile: before, reason: "NO_REFRESH_TOKEN" };

  const target = await refreshLockTarget(agentDir, profileId);
  return withFileLock(
    target,
    async (): Promise<RefreshResult> => {
      const held = await readProfile(agentDir, profileId);
      if (!needsRefresh(held, now(), marginMs))
        return {
          status: tokensOf(held) === tokensOf(before) ? "fresh" : "refreshed_elsewhere",
          profile: held,
        };
      const refreshToken = held.data.refresh?.reveal();
      if (refreshToken === undefined || refreshToken === "")
        return { status: "not_refreshable", profile: held, reason: "NO_REFRESH_TOKEN" };

      let tokens: RefreshedTokens;
      try {
        tokens = checkTokens(await callRefresh(input.refresh, held, timeoutMs, input.signal), profileId);
      } catch (thrown) {
        const error = OAuthError.isInstance(thrown) ? thrown : undefined;
        const reason = failureReason(error);
        const at = now();
        if (reason !== undefined)
          await updateAuthStore(agentDir, (draft, current) =>
            recordOutcome(draft, current, profileId, reason, { now: at }) ? undefined : UNCHANGED,
          );
        return { status: "refresh_failed", profile: held, reason: error?.code ?? "REFRESH_FAILED", error };
      }

      const heldTokens = tokensOf(held);
      const update = await updateAuthStore(agentDir, (draft, current) => {
        const stored = current.profiles.find((candidate) => candidate.id === profileId);
        // Changed during the request (a new sign-in, a removal): what is stored now wins over our answer.
        if (stored?.type !== "oauth" || tokensOf(stored) !== heldTokens) return UNCHANGED;
        const raw = draft.profiles[profileId] as Record<string, unknown>;
        const next: Record<string, unknown> = { ...raw, access: tokens.access, expires: tokens.expires };
        if (tokens.refresh !== undefined) next.refresh = tokens.refresh;
        if (tokens.idToken !== undefined)
          next[Object.hasOwn(raw, "id_token") && !Object.hasOwn(raw, "idToken") ? "id_token" : "idToken"] =
            tokens.idToken;
        if (tokens.email !== undefined) next.email = tokens.email;
        if (tokens.accountId !== undefined) next.accountId = tokens.accountId;
        putProfile(draft, profileId, next as ProfileInput);
        return "written" as const;
      });
      const after = update.store.profiles.find((candidate) => candidate.id === profileId);
      if (update.result === "written" && after?.type === "oauth")
        return { status: "refreshed", profile: after };
      return { status: "refreshed_elsewhere", profile: oauthProfile(after, agentDir, profileId) };
    },
    { timeoutMs: input.lockTimeoutMs ?? timeoutMs + 10_000 },
  );
}
