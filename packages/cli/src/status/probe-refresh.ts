// `models status --probe --probe-refresh`: before probing, refresh the OAuth profiles the probes would send whose
// access token has expired or expires within 5 minutes, so that they are probed rather than reported `expired`.
import type { AuthStore } from "@modelctl/auth-profiles";
import { type Io, println } from "../io.js";
import { isOAuth, REFRESH_OK, type RefreshRow, refreshProfiles, wantsRefresh } from "../oauth-refresh.js";
import type { ProbeSettings } from "../probe-options.js";

/** Refreshes what the probes' filters select; one line on stderr per profile; the rows for `auth.probes.refreshed`. */
export async function refreshForProbes(
  io: Io,
  store: AuthStore,
  settings: ProbeSettings,
): Promise<RefreshRow[]> {
  const now = Date.now();
  const chosen = store.profiles
    .filter(isOAuth)
    .filter((profile) => settings.provider === undefined || profile.provider === settings.provider)
    .filter((profile) => settings.profileIds.length === 0 || settings.profileIds.includes(profile.id))
    .filter((profile) => wantsRefresh(profile, now));
  const rows = await refreshProfiles(io, store, chosen, { now: Date.now });
  for (const row of rows)
    println(
      io.stderr,
      REFRESH_OK.has(row.status)
        ? `Refreshed ${row.profileId} before probing${row.status === "refreshed_elsewhere" ? " (by another process)" : ""}.`
        : `Could not refresh ${row.profileId} (${row.reason}): ${row.message ?? ""}`,
    );
  return rows;
}
