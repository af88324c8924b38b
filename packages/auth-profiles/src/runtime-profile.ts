// Which stored profile the runtime would use for a provider: the first, in its order, that it could use now.
import type { StoredProfile } from "./profile.js";
import type { UsageStats } from "./schema.js";
import { unusableOf } from "./usage.js";

export interface RuntimeProfileInput {
  /** The provider's profiles in the order the runtime tries them: `providerSources(…).ordered`. */
  readonly ordered: readonly StoredProfile[];
  /** Usage stats by profile id (`store.state.usageStats`): a profile cooling down or disabled is passed over. */
  readonly usageStats: Readonly<Record<string, UsageStats>>;
  readonly now: number;
  /**
   * Whether the profile's credential can be sent: a key or token that resolved, OAuth with an access token. Asked
   * of one profile after another, in order, and of none after the one chosen: a later profile's ref is not read (nor
   * its command run) when an earlier one will do.
   */
  readonly canSend: (profile: StoredProfile) => boolean | Promise<boolean>;
}

/** When a token or OAuth profile's credential expires (epoch ms), if it records a time. */
function expiresAt(profile: StoredProfile): number | undefined {
  if (profile.type !== "token" && profile.type !== "oauth") return undefined;
  const expires = profile.data.expires;
  return typeof expires === "number" ? expires : undefined;
}

/**
 * The profile the runtime would use: the first of `ordered` whose credential can be sent, that has not expired, and
 * that is not cooling down or disabled (`unusableOf`; never for a cooldown-exempt provider's). Undefined when none
 * is: the runtime then has no usable profile for the provider.
 */
export async function runtimeProfile(input: RuntimeProfileInput): Promise<StoredProfile | undefined> {
  const { now } = input;
  for (const profile of input.ordered) {
    if (!(await input.canSend(profile))) continue;
    const expires = expiresAt(profile);
    if (expires !== undefined && expires <= now) continue;
    if (unusableOf(input.usageStats[profile.id], now, profile.provider)) continue;
    return profile;
  }
  return undefined;
}
