// Which probes `models status --probe` runs: one per stored profile of each provider in play (as the reference
// does), or the models asked for (`--probe-model`) and the whole chain (`--probe-chain`) with the credential each
// would use. Credentials are resolved here; the probe library receives them ready to send.
import {
  type AuthStore,
  type CredentialValue,
  configKeyCredential,
  type Env,
  type ProviderSources,
  profileCredential,
  profileLabel,
  providerEntry,
  providerSources,
  providersInPlay,
  type Resolution,
  resolveCredential,
  runtimeProfile,
  type StoredProfile,
} from "@modelctl/auth-profiles";
import {
  getProvider,
  type ModelRef,
  type ModelSelectionView,
  type ModelsConfig,
  resolveContextOf,
  resolveModelRef,
} from "@modelctl/model-ref";
import type { ProbeCredential, ProbeTarget } from "@modelctl/probe";
import { dataError, usageError } from "../errors.js";
import type { ProbeSettings } from "../probe-options.js";
import { configuredRefs } from "./auth-section.js";

export type ProbeSource = "profile" | "env" | "models.json" | "synthetic" | "none";
export type ProbeMode = "api_key" | "token" | "oauth" | "none" | "unknown";

export interface PlannedProbe {
  readonly target: ProbeTarget;
  /** As the reference labels a row: the profile id (with the account email), `env`, `models.json`. */
  readonly label: string;
  readonly source: ProbeSource;
  readonly mode: ProbeMode;
  /** Where the target came from when it is not the per-provider default: `default`, `fallback#2`, `model`. */
  readonly role?: string;
}

export interface PlanInput {
  readonly store: AuthStore;
  readonly config: ModelsConfig;
  readonly view: ModelSelectionView;
  readonly env: Env;
  /** What a file ref's `~/` stands for: the io's home folder. */
  readonly homedir: string;
  readonly settings: ProbeSettings;
  readonly now: number;
}

/** The config's entry for a provider (in any spelling, `Z.AI` for `zai`): its key as written and its value. */
const providerConfig = (config: ModelsConfig, provider: string) =>
  providerEntry(config.models?.providers, provider);

/**
 * Endpoint overrides from `models.providers.<id>`: base URL, API family, extra headers. A base URL with a user name or
 * password is bad data (65) for a probe run: fetch would send it next to the key, and it would show up wherever the
 * URL is printed. Checked here rather than when the config loads, so that plain `models status` still works.
 */
function endpointOf(config: ModelsConfig, provider: string): Partial<ProbeTarget> {
  const configured = providerConfig(config, provider);
  const entry = configured?.value;
  const url = entry?.baseUrl && URL.canParse(entry.baseUrl) ? new URL(entry.baseUrl) : undefined;
  if (url && (url.username !== "" || url.password !== "")) {
    throw dataError(
      `models.providers.${configured?.key ?? provider}.baseUrl carries a user name or password (${url.protocol}//…@${url.host}); credentials belong in the auth store, not in the URL. Remove them from the URL and store the key with \`models auth paste-api-key --provider ${provider}\` (or a keyRef). Nothing was sent.`,
    );
  }
  return {
    ...(entry?.baseUrl ? { baseUrl: entry.baseUrl } : {}),
    ...(entry?.api ? { api: entry.api } : {}),
    ...(entry?.headers && Object.keys(entry.headers).length > 0 ? { headers: entry.headers } : {}),
  };
}

/** The model probed for a provider: its first configured ref, else its first `models.providers` model, else the table's probe model. */
function modelFor(provider: string, input: PlanInput, refs: readonly ModelRef[]): string | undefined {
  return (
    refs.find((ref) => ref.provider === provider)?.model ??
    providerConfig(input.config, provider)?.value.models?.[0]?.id ??
    getProvider(provider)?.probeModel
  );
}

// A probe row names only an OAuth profile's e-mail, as it always has; status names any profile's (`profileLabel`).
const labelOf = (profile: StoredProfile) => (profile.type === "oauth" ? profileLabel(profile) : profile.id);

/** Resolves a profile's credential once per run, however many probes use the profile. */
type CredentialOf = ((profile: StoredProfile) => Promise<ProbeCredential>) & {
  /** Resolves any other value (the config's key) under the same limits. */
  readonly value: (value: CredentialValue) => Promise<Resolution>;
};

/**
 * Runs `work` with at most `limit` at once. (p-limit would do, but the bin inlines every dependency and every command
 * would parse it; this is the whole of what is needed.)
 */
function limiter(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (active < limit) active += 1;
    // A finishing task hands its slot straight to the next in line, so no newcomer can slip in between.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/**
 * File and exec refs are read concurrently, at most `--probe-concurrency` at once, each within `--probe-timeout`
 * (an exec ref's command is killed past it), so that resolving never takes longer than the probes themselves could.
 */
function credentialResolver(input: PlanInput): CredentialOf {
  const limit = limiter(input.settings.concurrency);
  const resolved = new Map<string, Promise<ProbeCredential>>();
  const options = {
    env: input.env,
    homedir: input.homedir,
    readRefs: true,
    timeoutMs: input.settings.timeoutMs,
  };
  const value = (credential: CredentialValue) => limit(() => resolveCredential(credential, options));
  const ofProfile = (profile: StoredProfile) => {
    let credential = resolved.get(profile.id);
    if (!credential) {
      credential = credentialToSend(profile, value);
      resolved.set(profile.id, credential);
    }
    return credential;
  };
  return Object.assign(ofProfile, { value });
}

async function credentialToSend(
  profile: StoredProfile,
  resolve: (value: CredentialValue) => Promise<Resolution>,
): Promise<ProbeCredential> {
  if (profile.type === "unknown")
    return { type: "missing", reason: `profile type "${profile.declaredType}" is not one modelctl can send` };
  const value = profileCredential(profile);
  if (value.kind === "missing") return { type: "missing", reason: `${profile.id} holds no credential` };
  if (value.kind === "oauth") {
    const expires = profile.type === "oauth" ? profile.data.expires : undefined;
    return value.access
      ? {
          type: "oauth",
          secret: value.access,
          ...(typeof expires === "number" ? { expiresAt: expires } : {}),
        }
      : {
          type: "missing",
          reason: `${profile.id} has no access token (\`models auth refresh\`, or --probe-refresh)`,
        };
  }
  const expires = profile.type === "token" ? profile.data.expires : undefined;
  return toSend(
    profile.provider,
    await resolve(value),
    profile.type === "token" ? "token" : "api_key",
    typeof expires === "number" ? expires : undefined,
    profile.id,
  );
}

/** What a resolved (or unresolvable) credential becomes for the probe. */
function toSend(
  provider: string,
  resolution: Resolution,
  type: "api_key" | "token",
  expiresAt: number | undefined,
  owner: string,
): ProbeCredential {
  switch (resolution.status) {
    case "resolved":
      return type === "token" && expiresAt !== undefined
        ? { type, secret: resolution.secret, expiresAt }
        : { type, secret: resolution.secret };
    case "external":
      return getProvider(provider)?.local && resolution.source.endsWith("-local")
        ? { type: "none" }
        : { type: "unresolved", reason: `${resolution.source} is held outside modelctl's reach` };
    case "unresolved":
      return { type: "unresolved", reason: `${resolution.source}: ${resolution.reason}` };
    case "deferred":
      return { type: "unresolved", reason: `${resolution.source} was not read` };
    case "missing":
      return { type: "missing", reason: `${owner} holds no credential` };
  }
}

/** An OAuth profile's `accountId` or `projectId` (what the ChatGPT backend and Code Assist need), when usable. */
function oauthIdOf(profile: StoredProfile, key: "accountId" | "projectId"): string | undefined {
  if (profile.type !== "oauth") return undefined;
  const id = profile.data[key]?.trim();
  return id && /^[\x21-\x7e]+$/.test(id) ? id : undefined;
}

function profileProbe(
  profile: StoredProfile,
  credential: ProbeCredential | undefined,
  base: Partial<ProbeTarget>,
): PlannedProbe {
  return {
    target: {
      ...base,
      provider: profile.provider,
      profileId: profile.id,
      ...(credential === undefined ? {} : { credential }),
      // The ChatGPT backend (openai-codex-responses) needs the account the token belongs to.
      ...(oauthIdOf(profile, "accountId") === undefined
        ? {}
        : { accountId: oauthIdOf(profile, "accountId") }),
      // Code Assist (google-gemini-cli) needs the Google Cloud project the sign-in found.
      ...(oauthIdOf(profile, "projectId") === undefined
        ? {}
        : { projectId: oauthIdOf(profile, "projectId") }),
    },
    label: labelOf(profile),
    source: "profile",
    mode: profile.type,
  };
}

/** Env var, then `models.providers.<id>.apiKey`, then a local provider's keyless access; undefined when none. */
async function sourceProbe(
  provider: string,
  input: PlanInput,
  sources: ProviderSources,
  base: Partial<ProbeTarget>,
  credentialOf: CredentialOf,
): Promise<PlannedProbe | undefined> {
  if (sources.env) {
    const secret = input.env[sources.env.name]?.trim() ?? "";
    const oauth = sources.env.name.includes("OAUTH_TOKEN");
    return {
      target: { ...base, provider, credential: { type: oauth ? "oauth" : "api_key", secret } },
      label: "env",
      source: "env",
      mode: oauth ? "oauth" : "api_key",
    };
  }
  // A key, a marker read through the env, or a SecretRef read as a profile's keyRef is (file and exec refs too).
  const configured = providerConfig(input.config, provider);
  const apiKey = configKeyCredential(configured?.value.apiKey);
  if (apiKey.kind !== "missing") {
    const where = `models.providers.${configured?.key ?? provider}.apiKey`;
    const credential = toSend(provider, await credentialOf.value(apiKey), "api_key", undefined, where);
    return {
      target: { ...base, provider, credential },
      label: "models.json",
      source: "models.json",
      mode: "api_key",
    };
  }
  if (getProvider(provider)?.local)
    return {
      target: { ...base, provider, credential: { type: "none" } },
      label: "local",
      source: "synthetic",
      mode: "none",
    };
  return undefined;
}

/**
 * Every provider in play: stored, configured (with or without a key: an endpoint can be probed), referenced by a
 * model, or with its env var set. In code-unit order, as probes have always been planned (status lists providers in
 * OpenClaw's `localeCompare` order; the two differ only for ids with `_` or with characters no provider id
 * should hold).
 */
const providerUniverse = (input: PlanInput, refs: readonly ModelRef[]) =>
  providersInPlay({
    store: input.store,
    config: input.config,
    env: input.env,
    referenced: refs.map((ref) => ref.provider),
    configured: "all",
  }).sort();

/** The reference's selection: each stored profile of each provider (or its env / config key), one model per provider. */
async function perProviderProbes(
  input: PlanInput,
  refs: readonly ModelRef[],
  credentialOf: CredentialOf,
): Promise<PlannedProbe[]> {
  const { settings } = input;
  const wanted = new Set(settings.profileIds);
  // Every endpoint is checked before any credential is resolved (an exec ref runs a command).
  const providers = providerUniverse(input, refs)
    .filter((provider) => settings.provider === undefined || provider === settings.provider)
    .map((provider) => ({
      provider,
      base: { model: modelFor(provider, input, refs), ...endpointOf(input.config, provider) },
    }));
  // Providers, and the profiles of each, are resolved together: none depends on another.
  const perProvider = await Promise.all(
    providers.map(async ({ provider, base }): Promise<PlannedProbe[]> => {
      const sources = providerSources(provider, { store: input.store, config: input.config, env: input.env });
      const profiles = sources.profiles
        .filter((profile) => wanted.size === 0 || wanted.has(profile.id))
        .sort((a, b) => a.id.localeCompare(b.id));
      if (profiles.length === 0) {
        const fallback =
          wanted.size === 0 ? await sourceProbe(provider, input, sources, base, credentialOf) : undefined;
        return fallback ? [fallback] : [];
      }
      const inOrder = new Set(sources.ordered);
      return Promise.all(
        profiles.map(async (profile) =>
          sources.orderSource !== "store" && !inOrder.has(profile)
            ? profileProbe(profile, undefined, { ...base, excludedByAuthOrder: true })
            : profileProbe(profile, await credentialOf(profile), base),
        ),
      );
    }),
  );
  return perProvider.flat();
}

/** The profiles the runtime would use for a model: a pin, the `--probe-profile` ones, else the first usable in order. */
async function chainCredentialProbes(
  provider: string,
  pinned: string | undefined,
  input: PlanInput,
  base: Partial<ProbeTarget>,
  credentialOf: CredentialOf,
): Promise<PlannedProbe[]> {
  const sources = providerSources(provider, { store: input.store, config: input.config, env: input.env });
  const wanted = pinned !== undefined ? [pinned] : input.settings.profileIds;
  if (wanted.length > 0) {
    return Promise.all(
      sources.profiles
        .filter((profile) => wanted.includes(profile.id))
        .map(async (profile) => profileProbe(profile, await credentialOf(profile), base)),
    );
  }
  // The profile the runtime would use, else (none usable) the first it would try, shown with why it fails.
  const chosen =
    (await runtimeProfile({
      ordered: sources.ordered,
      usageStats: input.store.state.usageStats,
      now: input.now,
      canSend: async (profile) => {
        const credential = await credentialOf(profile);
        return credential.type !== "missing" && credential.type !== "unresolved";
      },
    })) ?? sources.ordered[0];
  if (chosen) return [profileProbe(chosen, await credentialOf(chosen), base)];
  const fallback = await sourceProbe(provider, input, sources, base, credentialOf);
  return [fallback ?? { target: { ...base, provider }, label: "-", source: "none", mode: "none" }];
}

/** `--probe-chain` (default model, then each fallback) and `--probe-model` refs, each with the credential it would use. */
async function refProbes(input: PlanInput, credentialOf: CredentialOf): Promise<PlannedProbe[]> {
  const { settings, view, config } = input;
  const context = resolveContextOf(config);
  const refOf = (input: string) => resolveModelRef(input, context).ref;
  // The default is the ref the model half resolved (a bare primary follows the config's own rule there).
  const entries: Array<{ ref: ModelRef; role: string }> = [
    ...(settings.chain
      ? [
          { ref: view.defaultRef, role: "default" },
          ...view.fallbacks.map((fallback, index) => ({
            ref: refOf(fallback),
            role: `fallback#${index + 1}`,
          })),
        ]
      : []),
    ...settings.models.map((model) => ({ ref: refOf(model), role: "model" })),
  ];
  // Every ref and endpoint is checked before any credential is resolved; then the entries are resolved together
  // (a profile shared by several is resolved once) and listed in order.
  const resolved = entries
    .filter(({ ref }) => settings.provider === undefined || ref.provider === settings.provider)
    .map((entry) => ({
      entry,
      ref: entry.ref,
      base: { model: entry.ref.model, ...endpointOf(config, entry.ref.provider) },
    }));
  const candidates = await Promise.all(
    resolved.map(({ ref, base }) =>
      chainCredentialProbes(ref.provider, ref.profileId, input, base, credentialOf),
    ),
  );
  const planned: PlannedProbe[] = [];
  const seen = new Set<string>();
  resolved.forEach(({ entry, ref, base }, index) => {
    for (const probe of candidates[index] ?? []) {
      const key = JSON.stringify([
        probe.target.provider,
        probe.target.model,
        probe.target.profileId,
        probe.source,
      ]);
      if (seen.has(key)) continue;
      seen.add(key);
      planned.push({ ...probe, role: entry.role });
    }
    if (ref.profileId !== undefined && !planned.some((probe) => probe.target.profileId === ref.profileId))
      planned.push({
        target: {
          ...base,
          provider: ref.provider,
          profileId: ref.profileId,
          credential: { type: "missing", reason: `profile ${ref.profileId} is not stored` },
        },
        label: ref.profileId,
        source: "profile",
        mode: "unknown",
        role: entry.role,
      });
  });
  return planned;
}

/** The probes to run, in the order they are shown. */
export async function planProbes(input: PlanInput): Promise<PlannedProbe[]> {
  const { settings, store } = input;
  const stored = new Set(store.profiles.map((profile) => profile.id));
  const unknown = settings.profileIds.filter((id) => !stored.has(id));
  if (unknown.length > 0)
    throw usageError(
      `--probe-profile ${unknown.map((id) => JSON.stringify(id)).join(", ")}: no such profile in ${store.paths.profilesPath}${store.main ? ` or the main agent's ${store.main.paths.profilesPath}` : ""}` +
        (stored.size > 0 ? ` (stored: ${[...stored].join(", ")}).` : " (it holds none)."),
    );
  const credentialOf = credentialResolver(input);
  if (settings.chain || settings.models.length > 0) return refProbes(input, credentialOf);
  return perProviderProbes(
    input,
    configuredRefs(input.config, input.view, { allowlist: true }),
    credentialOf,
  );
}

/**
 * For each provider, the one target the runtime would use: the profile it would pick (else the env var, the config's
 * key, a local provider's keyless access), with the provider's endpoint. What `models list --refresh` asks for
 * model lists with.
 */
export async function runtimeTargets(
  input: PlanInput,
  providers: readonly string[],
): Promise<PlannedProbe[]> {
  const credentialOf = credentialResolver(input);
  const planned = await Promise.all(
    providers.map((provider) =>
      chainCredentialProbes(provider, undefined, input, endpointOf(input.config, provider), credentialOf),
    ),
  );
  return planned.flat();
}
