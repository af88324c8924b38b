// Where a provider's credential comes from: stored profiles in their effective order, env vars, the config's
// apiKey, or a local provider's implicit access; which one wins and which are shadowed.
import { getProvider, type ModelsConfig, normalizeProviderId } from "@modelctl/model-ref";
import { configKeyCredential, credentialValueLabel } from "./credential.js";
import type { StoredProfile } from "./profile.js";
import { type Env, resolveCredentialSync } from "./resolve.js";
import { Secret } from "./secret.js";
import type { AuthStore } from "./store.js";

export type SourceKind = "profiles" | "env" | "models.json" | "synthetic" | "missing";

export interface CredentialSource {
  readonly kind: Exclude<SourceKind, "missing">;
  /** The store path, the env var, the config key, or the marker that provides access. */
  readonly detail: string;
  /** The value as status shows it: masked, `marker(…)`, or `OAuth (env)`. */
  readonly label: string;
}

/** The config's key for a provider; `unresolved` when it names an env var that is not set. */
export interface ConfigKeySource extends CredentialSource {
  readonly kind: "models.json";
  readonly unresolved?: string;
}

export interface ShadowedSource {
  readonly kind: "profile" | Exclude<SourceKind, "missing" | "profiles">;
  readonly detail: string;
  readonly reason: string;
}

export interface ProviderSources {
  readonly provider: string;
  /** Every stored profile of the provider, in file order. */
  readonly profiles: readonly StoredProfile[];
  /** The profiles the runtime would try, in order. */
  readonly ordered: readonly StoredProfile[];
  /** Where `ordered` comes from: the agent's auth-state order, the config's `auth.order`, or the store itself. */
  readonly orderSource: "agent" | "config" | "store";
  readonly env: (CredentialSource & { readonly name: string }) | undefined;
  readonly modelsJson: ConfigKeySource | undefined;
  readonly effective: CredentialSource | { readonly kind: "missing"; readonly detail: "missing" };
  readonly shadowed: readonly ShadowedSource[];
}

/**
 * The entry for a provider (canonical id) of a map keyed by provider id, such as `models.providers` or `auth.order`:
 * the key spelled exactly so, else the first key that is another spelling of it (`Z.AI` for `zai`); the key as
 * written (for messages that name it) and its value. Own keys only: the config's maps have a prototype, and
 * `constructor` is a valid provider id.
 */
export function providerEntry<T>(
  record: Readonly<Record<string, T>> | undefined,
  provider: string,
): { readonly key: string; readonly value: T } | undefined {
  if (!record) return undefined;
  const exact = Object.hasOwn(record, provider) ? record[provider] : undefined;
  if (exact !== undefined) return { key: provider, value: exact };
  const key = Object.keys(record).find((candidate) => normalizeProviderId(candidate) === provider);
  const value = key === undefined ? undefined : record[key];
  return key === undefined || value === undefined ? undefined : { key, value };
}

const lookupByProvider = <T>(record: Readonly<Record<string, T>> | undefined, provider: string) =>
  providerEntry(record, provider)?.value;

/** How status shows an OAuth token taken from the env (`ANTHROPIC_OAUTH_TOKEN`): not even masked. */
export const OAUTH_ENV_LABEL = "OAuth (env)";

/** The env var that supplies the provider's key (first non-empty of the table's list), masked. */
function envSource(provider: string, env: Env): ProviderSources["env"] {
  for (const name of getProvider(provider)?.envVars ?? []) {
    const value = env[name]?.trim();
    if (!value) continue;
    const label = name.includes("OAUTH_TOKEN") ? OAUTH_ENV_LABEL : new Secret(value).masked;
    return { kind: "env", name, detail: name, label };
  }
  return undefined;
}

/**
 * `models.providers.<id>.apiKey`: a key, a marker, or a SecretRef, labelled as a profile's value would be. A marker
 * or env ref whose variable is not set is shown but cannot be used (`unresolved` says why); a file or exec ref counts
 * as usable without being read (status reads no secrets; probes do).
 */
function configSource(provider: string, config: ModelsConfig, env: Env): ConfigKeySource | undefined {
  const value = configKeyCredential(lookupByProvider(config.models?.providers, provider)?.apiKey);
  if (value.kind === "missing") return undefined;
  const resolution = resolveCredentialSync(value, env);
  return {
    kind: "models.json",
    detail: `models.providers.${provider}.apiKey`,
    label: credentialValueLabel(value),
    ...(resolution.status === "unresolved" ? { unresolved: resolution.reason } : {}),
  };
}

export interface SourcesInput {
  readonly store: AuthStore;
  /** The store's profiles of this provider, when the caller has grouped them already. */
  readonly profiles?: readonly StoredProfile[];
  readonly config: ModelsConfig;
  readonly env: Env;
}

export function providerSources(provider: string, input: SourcesInput): ProviderSources {
  const { store, config, env } = input;
  const profiles = input.profiles ?? store.profiles.filter((profile) => profile.provider === provider);
  const agentOrder = store.state.order[provider];
  const configOrder = lookupByProvider(config.auth?.order, provider);
  const explicit = agentOrder ?? configOrder;
  const orderSource = agentOrder ? "agent" : configOrder ? "config" : "store";
  const byId = new Map(profiles.map((profile) => [profile.id, profile]));
  const ordered = explicit
    ? [...new Set(explicit)].flatMap((id) => {
        const profile = byId.get(id);
        return profile ? [profile] : [];
      })
    : profiles;

  const envCredential = envSource(provider, env);
  const modelsJson = configSource(provider, config, env);
  const local = getProvider(provider)?.local === true;
  const candidates: CredentialSource[] = [
    ...(ordered.length > 0
      ? [
          {
            kind: "profiles" as const,
            // As the reference reports it: the main agent's store, also for a sub-agent whose own store holds the
            // profile (`profileStoreOf` says which store each profile comes from).
            detail: (store.main ?? store).paths.profilesPath,
            label: `${ordered.length} profile(s)`,
          },
        ]
      : []),
    ...(envCredential ? [envCredential] : []),
    ...(modelsJson && modelsJson.unresolved === undefined ? [modelsJson] : []),
    ...(local
      ? [{ kind: "synthetic" as const, detail: `${provider}-local`, label: `marker(${provider}-local)` }]
      : []),
  ];
  const [effective, ...rest] = candidates;
  const inOrder = new Set(ordered);
  const shadowed: ShadowedSource[] = [
    ...profiles
      .filter((profile) => !inOrder.has(profile))
      .map((profile) => ({
        kind: "profile" as const,
        detail: profile.id,
        reason: `not in the ${orderSource === "agent" ? "agent's" : "config's"} auth order`,
      })),
    ...rest
      .filter((source) => source.kind !== "synthetic")
      .map((source) => ({
        kind: source.kind as ShadowedSource["kind"],
        detail: source.detail,
        reason: `${effective?.kind} is used first`,
      })),
  ];
  return {
    provider,
    profiles,
    ordered,
    orderSource,
    env: envCredential,
    modelsJson,
    effective: effective ?? { kind: "missing", detail: "missing" },
    shadowed,
  };
}
