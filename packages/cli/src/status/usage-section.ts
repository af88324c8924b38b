// Usage snapshots of subscription logins in `models status`: plain status shows each provider's cached snapshot with
// its age and sends nothing; `--usage` (and `--probe`) fetch them, all providers at once under a short deadline, and
// cache the ones that answered. Loaded only when the store has OAuth or token profiles.
import { type AuthStore, providerSources, runtimeProfile, type StoredProfile } from "@modelctl/auth-profiles";
import type { ModelsConfig } from "@modelctl/model-ref";
import type { UsageSnapshot, UsageTarget } from "@modelctl/probe";
import { formatUsageLine, readUsageCache } from "@modelctl/probe/usage";
import { type Io, println } from "../io.js";
import { visible } from "../terminal-text.js";

/** A snapshot shown under its provider: fetched by this run (`live`) or read from the agent's usage cache. */
export type ShownUsage = UsageSnapshot & { readonly source: "live" | "cache" };

export interface UsageView {
  /** The line that replaces each provider's heading in "OAuth/token status", by provider. */
  readonly lines: ReadonlyMap<string, string>;
  /** `auth.usage` of `--json`, in provider order. */
  readonly json: readonly ShownUsage[];
}

export function usageView(shown: ReadonlyMap<string, ShownUsage>, now: number): UsageView {
  const json = [...shown.values()].sort((a, b) =>
    a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0,
  );
  return {
    lines: new Map(json.map((snapshot) => [snapshot.provider, formatUsageLine(snapshot, now)])),
    json,
  };
}

/** Providers with an OAuth or token profile: the only ones a usage snapshot can be about. */
export function subscriptionProviders(store: AuthStore): string[] {
  const providers = store.profiles
    .filter((profile) => profile.type === "oauth" || profile.type === "token")
    .map((profile) => profile.provider);
  return [...new Set(providers)];
}

/**
 * The cached snapshots of `providers`, by provider. A cache that cannot be read is one warning line and no usage
 * (status goes on: the cache is ours and only a convenience); it is never rewritten here.
 */
export async function cachedUsage(
  io: Io,
  agentDir: string,
  providers: readonly string[],
): Promise<Map<string, ShownUsage>> {
  const shown = new Map<string, ShownUsage>();
  if (providers.length === 0) return shown;
  try {
    const cache = await readUsageCache(agentDir);
    for (const provider of providers) {
      const snapshot = cache.providers[provider];
      if (snapshot) shown.set(provider, { ...snapshot, source: "cache" });
    }
  } catch (error) {
    println(
      io.stderr,
      `Warning: usage cache not read: ${visible(error instanceof Error ? error.message : String(error))}`,
    );
  }
  return shown;
}

/** The credential a usage endpoint takes from a profile: Copilot's is the GitHub token (`refresh`), else `access`/`token`. */
function usageCredential(profile: StoredProfile): UsageTarget["credential"] {
  if (profile.type === "token") {
    const expires = profile.data.expires;
    if (!profile.data.token) return undefined;
    return {
      type: "token",
      secret: profile.data.token,
      ...(typeof expires === "number" ? { expiresAt: expires } : {}),
    };
  }
  if (profile.type !== "oauth") return undefined;
  if (profile.provider === "github-copilot")
    return profile.data.refresh ? { type: "token", secret: profile.data.refresh } : undefined;
  const expires = profile.data.expires;
  return profile.data.access
    ? {
        type: "oauth",
        secret: profile.data.access,
        ...(typeof expires === "number" ? { expiresAt: expires } : {}),
      }
    : undefined;
}

/**
 * Fetches the usage of every subscription provider with the profile the runtime would use (else its first OAuth or
 * token profile), caches the `ok` ones, and returns what to show. A cache that cannot be written is a warning.
 */
export async function fetchUsage(
  io: Io,
  input: { store: AuthStore; config: ModelsConfig; providers: readonly string[]; now: number },
): Promise<Map<string, ShownUsage>> {
  const shown = new Map<string, ShownUsage>();
  if (input.providers.length === 0) return shown;
  const [
    { fetchUsageSnapshots, updateUsageCache, USAGE_PROVIDERS },
    { endpointsFor, loadEndpointOverrides },
  ] = await Promise.all([import("@modelctl/probe"), import("@modelctl/auth-profiles/login")]);
  const overrides = await loadEndpointOverrides(io.env);
  const targets: UsageTarget[] = [];
  // Only providers with a usage endpoint: there is nothing to say about the others.
  const known = new Set<string>(USAGE_PROVIDERS);
  for (const provider of input.providers.filter((each) => known.has(each))) {
    const { ordered } = providerSources(provider, { store: input.store, config: input.config, env: io.env });
    const subscriptions = ordered.filter((profile) => profile.type === "oauth" || profile.type === "token");
    const chosen =
      (await runtimeProfile({
        ordered: subscriptions,
        usageStats: input.store.state.usageStats,
        now: input.now,
        canSend: (profile) => usageCredential(profile) !== undefined,
      })) ?? subscriptions[0];
    if (!chosen) continue;
    const data = chosen.type === "oauth" ? chosen.data : undefined;
    const usageUrl = overrides[provider]?.usageUrl ?? endpointsFor(provider, overrides).usageUrl;
    targets.push({
      provider,
      profileId: chosen.id,
      credential: usageCredential(chosen),
      ...(data?.accountId ? { accountId: data.accountId } : {}),
      ...(data?.projectId ? { projectId: data.projectId } : {}),
      ...(usageUrl ? { usageUrl } : {}),
    });
  }
  if (targets.length === 0) return shown;
  const snapshots = await fetchUsageSnapshots(targets, { now: input.now });
  for (const snapshot of snapshots) shown.set(snapshot.provider, { ...snapshot, source: "live" });
  try {
    await updateUsageCache(input.store.paths.agentDir, snapshots);
  } catch (error) {
    println(
      io.stderr,
      `Warning: usage cache not written: ${visible(error instanceof Error ? error.message : String(error))}`,
    );
  }
  return shown;
}
