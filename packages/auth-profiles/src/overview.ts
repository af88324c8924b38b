// The auth part of `models status` as data: sources per provider, masked labels, expiry, cooldowns, and the
// `--check` verdict over the credentials the configured models would use.
import type { ModelsConfig } from "@modelctl/model-ref";
import { credentialLabel, profileCredential } from "./credential.js";
import { DEFAULT_WARN_AFTER_MS, type ProfileHealth, profileHealth, rollUpHealth } from "./health.js";
import { providersInPlay } from "./in-play.js";
import { localeOrder } from "./locale-order.js";
import { profileLabel, type StoredProfile } from "./profile.js";
import { type Env, resolveCredentialSync } from "./resolve.js";
import { OAUTH_ENV_LABEL, providerSources, type ShadowedSource, type SourceKind } from "./sources.js";
import { type AuthStore, type ProfileStore, profileStoreOf } from "./store.js";
import { type Unusable, unusableOf, unusableSuffix } from "./usage.js";

/** A provider the configured models use, and the profile a ref pins with `@profile`, if any. */
export interface InUseRef {
  readonly provider: string;
  readonly profileId?: string;
}

export interface AuthOverviewInput {
  readonly store: AuthStore;
  readonly config: ModelsConfig;
  readonly env: Env;
  readonly now: number;
  readonly warnAfterMs?: number;
  readonly inUse: readonly InUseRef[];
}

export interface ProviderAuthView {
  readonly provider: string;
  readonly effective: { readonly kind: SourceKind; readonly detail: string };
  readonly profiles: {
    readonly count: number;
    readonly oauth: number;
    readonly token: number;
    readonly apiKey: number;
    readonly labels: readonly string[];
  };
  readonly env?: { readonly value: string; readonly source: string };
  readonly modelsJson?: { readonly value: string; readonly source: string };
  readonly syntheticAuth?: { readonly value: string; readonly source: string };
  /** Used by the default model, a fallback or the image model. */
  readonly inUse: boolean;
  /** Profile ids in the order they would be tried. */
  readonly order: readonly string[];
  readonly shadowed: readonly ShadowedSource[];
  /** Ids of the provider's profiles that come from the main agent's store (a sub-agent's inherited ones). */
  readonly inherited: readonly string[];
  /** The profile id of each of `profiles.labels`, in the same order. */
  readonly labelIds: readonly string[];
}

export interface ProfileStatusView extends ProfileHealth {
  readonly profileId: string;
  readonly provider: string;
  readonly type: string;
  readonly source: "store";
  readonly label: string;
  readonly inUse: boolean;
  /** The agent's own store, or the main agent's beneath it. */
  readonly store: ProfileStore;
}

export interface ProviderStatusView {
  readonly provider: string;
  readonly status: "ok" | "expiring" | "expired" | "static";
  readonly profiles: readonly ProfileStatusView[];
  readonly expiresAt?: number;
  readonly remainingMs?: number;
}

export interface UnusableProfileView extends Unusable {
  readonly profileId: string;
  readonly provider: string;
}

export interface CheckProblem {
  readonly provider: string;
  readonly profileId?: string;
  readonly level: 1 | 2;
  readonly message: string;
}

export interface AuthOverview {
  readonly providersWithOAuth: readonly string[];
  readonly missingProvidersInUse: readonly string[];
  readonly providers: readonly ProviderAuthView[];
  readonly unusableProfiles: readonly UnusableProfileView[];
  readonly oauth: {
    readonly warnAfterMs: number;
    readonly profiles: readonly ProfileStatusView[];
    readonly providers: readonly ProviderStatusView[];
  };
  /** `--check`: 1 a credential in use is expired or missing, 2 one is expiring, else 0; and why. */
  readonly check: { readonly exitCode: 0 | 1 | 2; readonly problems: readonly CheckProblem[] };
}

const profileTypeName = (profile: StoredProfile) =>
  profile.type === "unknown" ? (profile.declaredType ?? "unknown") : profile.type;

/** OpenClaw's order for OAuth/token status: by provider, then profile id (so `Upper` sorts as `upper`). */
const byProviderThenId = (a: ProfileStatusView, b: ProfileStatusView) =>
  localeOrder(a.provider, b.provider) || localeOrder(a.profileId, b.profileId);

/** Why a credential that would be used is not good (level 1) or soon won't be (level 2). */
function judge(profile: StoredProfile, health: ProfileHealth, env: Env): CheckProblem | undefined {
  const at = { provider: profile.provider, profileId: profile.id };
  if (health.status === "expired")
    return { ...at, level: 1, message: `${profile.id} expired${health.refreshable ? " (refreshable)" : ""}` };
  if (health.status === "missing" || health.reasonCode === "missing_credential")
    return {
      ...at,
      level: 1,
      message: `${profile.id} has no usable credential (${health.reasonCode ?? "missing"})`,
    };
  const resolution = resolveCredentialSync(profileCredential(profile), env);
  if (resolution.status === "unresolved")
    return { ...at, level: 1, message: `${profile.id}: ${resolution.reason}` };
  if (health.status === "expiring") return { ...at, level: 2, message: `${profile.id} expires soon` };
  return undefined;
}

export function describeAuth(input: AuthOverviewInput): AuthOverview {
  const { store, config, env, now } = input;
  const warnAfterMs = input.warnAfterMs ?? DEFAULT_WARN_AFTER_MS;
  const inUseProviders = new Set(input.inUse.map((ref) => ref.provider));
  // In OpenClaw's order (`localeCompare`), which can differ from code-unit order around `-` and `.`.
  const sorted = providersInPlay({ store, config, env, referenced: inUseProviders });

  const healthOf = new Map<string, ProfileHealth>();
  const byProvider = new Map<string, StoredProfile[]>(sorted.map((provider) => [provider, []]));
  for (const profile of store.profiles) {
    healthOf.set(profile.id, profileHealth(profile, { now, warnAfterMs }));
    byProvider.get(profile.provider)?.push(profile);
  }
  const sourcesOf = new Map(
    sorted.map((provider) => [
      provider,
      providerSources(provider, { store, config, env, profiles: byProvider.get(provider) ?? [] }),
    ]),
  );

  const usedProfiles = new Set<string>();
  const problems: CheckProblem[] = [];
  const missingProvidersInUse: string[] = [];
  for (const provider of [...inUseProviders].sort()) {
    const sources = sourcesOf.get(provider);
    if (!sources || sources.effective.kind === "missing") {
      // `missingProvidersInUse` as OpenClaw fills it: providers with nothing at all. A config key naming an unset env
      // var is listed beside its provider, yet it is no credential, so `--check` counts it all the same.
      const { profiles = [], modelsJson } = sources ?? {};
      if (profiles.length === 0 && !modelsJson) missingProvidersInUse.push(provider);
      const why =
        modelsJson?.unresolved === undefined ? "" : ` (${modelsJson.detail}: ${modelsJson.unresolved})`;
      problems.push({ provider, level: 1, message: `${provider} is in use and has no credential${why}` });
      continue;
    }
    const pinned = input.inUse.filter((ref) => ref.provider === provider && ref.profileId !== undefined);
    const unpinnedUse = input.inUse.some((ref) => ref.provider === provider && ref.profileId === undefined);
    const candidates = new Set(sources.effective.kind === "profiles" && unpinnedUse ? sources.ordered : []);
    for (const ref of pinned) {
      const profileId = ref.profileId ?? "";
      const profile = sources.profiles.find((candidate) => candidate.id === profileId);
      if (profile) candidates.add(profile);
      else
        problems.push({
          provider,
          profileId,
          level: 1,
          message: `${profileId} is pinned by a configured model but not stored`,
        });
    }
    for (const profile of candidates) {
      usedProfiles.add(profile.id);
      const problem = judge(profile, healthOf.get(profile.id) ?? { status: "missing" }, env);
      if (problem) problems.push(problem);
    }
  }

  const statusView = (profile: StoredProfile): ProfileStatusView => ({
    profileId: profile.id,
    provider: profile.provider,
    type: profileTypeName(profile),
    ...(healthOf.get(profile.id) ?? { status: "missing" as const }),
    source: "store",
    label: profileLabel(profile),
    inUse: usedProfiles.has(profile.id),
    store: profileStoreOf(store, profile.id),
  });

  const unusableProfiles: UnusableProfileView[] = [];
  const unusableById = new Map<string, Unusable>();
  for (const profile of store.profiles) {
    const unusable = unusableOf(store.state.usageStats[profile.id], now, profile.provider);
    if (!unusable) continue;
    unusableById.set(profile.id, unusable);
    unusableProfiles.push({ profileId: profile.id, provider: profile.provider, ...unusable });
  }
  unusableProfiles.sort((a, b) => a.remainingMs - b.remainingMs);

  // A provider is listed when it has something to show (profiles, an env var, a config key or local access), as
  // OpenClaw lists them; an in-use provider with nothing is in `missingProvidersInUse` (and fails `--check`).
  const listed = sorted.filter((provider) => {
    const sources = sourcesOf.get(provider);
    return (
      sources !== undefined &&
      (sources.profiles.length > 0 ||
        sources.env !== undefined ||
        sources.modelsJson !== undefined ||
        sources.effective.kind === "synthetic")
    );
  });
  const providers: ProviderAuthView[] = listed.map((provider) => {
    const sources =
      sourcesOf.get(provider) ?? providerSources(provider, { store, config, env, profiles: [] });
    const count = (type: string) => sources.profiles.filter((profile) => profile.type === type).length;
    const labels = sources.profiles.map(
      (profile) => `${profile.id}=${credentialLabel(profile)}${unusableSuffix(unusableById.get(profile.id))}`,
    );
    const effective = sources.effective;
    const detail =
      effective.kind === "missing"
        ? "missing"
        : effective.kind === "profiles"
          ? effective.detail
          : effective.label;
    return {
      provider,
      effective: { kind: effective.kind, detail },
      profiles: {
        count: sources.profiles.length,
        oauth: count("oauth"),
        token: count("token"),
        apiKey: count("api_key"),
        labels,
      },
      // `env: NAME`, as OpenClaw words the source (it says `shell env: NAME` for keys it imported from a login shell).
      ...(sources.env ? { env: { value: sources.env.label, source: `env: ${sources.env.name}` } } : {}),
      ...(sources.modelsJson
        ? { modelsJson: { value: sources.modelsJson.label, source: sources.modelsJson.detail } }
        : {}),
      ...(effective.kind === "synthetic"
        ? { syntheticAuth: { value: effective.label, source: "local provider" } }
        : {}),
      inUse: inUseProviders.has(provider),
      order: sources.ordered.map((profile) => profile.id),
      shadowed: sources.shadowed,
      inherited: sources.profiles.flatMap((profile) => (store.inherited.has(profile.id) ? [profile.id] : [])),
      labelIds: sources.profiles.map((profile) => profile.id),
    };
  });

  const oauthProfiles = store.profiles.map(statusView).sort(byProviderThenId);
  const viewsByProvider = new Map<string, ProfileStatusView[]>();
  for (const view of oauthProfiles) {
    const list = viewsByProvider.get(view.provider);
    if (list) list.push(view);
    else viewsByProvider.set(view.provider, [view]);
  }
  const oauthProviders: ProviderStatusView[] = sorted.flatMap((provider) => {
    const profiles = viewsByProvider.get(provider) ?? [];
    return profiles.length > 0 ? [{ provider, profiles, ...rollUpHealth(profiles) }] : [];
  });

  // OAuth and token profiles, plus one for an OAuth token in the env (`ANTHROPIC_OAUTH_TOKEN`), as OpenClaw counts.
  const providersWithOAuth = sorted.flatMap((provider) => {
    const stored = (byProvider.get(provider) ?? []).filter(
      (profile) => profile.type === "oauth" || profile.type === "token",
    ).length;
    const n = stored + (sourcesOf.get(provider)?.env?.label === OAUTH_ENV_LABEL ? 1 : 0);
    return n > 0 ? [`${provider} (${n})`] : [];
  });

  problems.sort((a, b) => a.level - b.level);
  const exitCode = problems.some((problem) => problem.level === 1) ? 1 : problems.length > 0 ? 2 : 0;
  return {
    providersWithOAuth,
    missingProvidersInUse,
    providers,
    unusableProfiles,
    oauth: { warnAfterMs, profiles: oauthProfiles, providers: oauthProviders },
    check: { exitCode, problems },
  };
}
