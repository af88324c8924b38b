// zod schemas of every --json document the CLI prints: the contract scripts rely on (field names as OpenClaw's).
// Each document is a view over library data, so its schema is composed from the libraries' own: the auth overview
// (auth-profiles), the model selection view (model-ref), the probe result (probe); only the CLI's own fields (paths,
// the probe run's options) are declared here. The bin never imports this module: printing JSON needs the types only.
import {
  authOverviewSchema,
  profileHealthSchema,
  profileStoreSchema,
  providerAuthViewSchema,
  unusableSchema,
} from "@modelctl/auth-profiles";
import {
  defaultResolutionSchema,
  modelListSchema,
  modelRefSchema,
  modelSelectionViewSchema,
} from "@modelctl/model-ref";
import { ProbeResultSchema, ScanReportSchema, usageSnapshotSchema } from "@modelctl/probe";
import * as z from "zod/mini";

export const AliasesJsonSchema = z.object({
  aliases: z.record(z.string(), z.string()),
});

export const FallbacksJsonSchema = z.object({
  fallbacks: z.array(z.string()),
});

/** One probe row: the reference's fields (`model` is the `provider/model` key), and ours from @modelctl/probe. */
export const ProbeRowJsonSchema = z.object({
  ...ProbeResultSchema.shape,
  /** `provider/model`; absent with `no_model`. */
  model: z.optional(z.string()),
  /** The profile id (with the account email), `env`, `models.json`, `local`, or `-` when there is no credential. */
  label: z.string(),
  source: z.enum(["profile", "env", "models.json", "synthetic", "none"]),
  mode: z.enum(["api_key", "token", "oauth", "none", "unknown"]),
  /** Ours, with --probe-chain / --probe-model: `default`, `fallback#N` or `model`. */
  role: z.optional(z.string()),
});

/** One OAuth profile's refresh: a row of `models auth refresh --json` and of `auth.probes.refreshed`. Never a token. */
export const RefreshRowJsonSchema = z.object({
  profileId: z.string(),
  provider: z.string(),
  /** `fresh` (valid beyond 5 minutes: nothing sent), `refreshed`, `refreshed_elsewhere` (another process did, meanwhile), `refresh_failed`, `not_refreshable`. */
  status: z.enum(["fresh", "refreshed", "refreshed_elsewhere", "refresh_failed", "not_refreshable"]),
  /** Why not: `INVALID_GRANT` (sign in again), `TIMEOUT`, `NETWORK`, `HTTP_STATUS`, …, `NO_REFRESH_TOKEN`, `NO_REFRESH_FLOW`. */
  reason: z.optional(z.string()),
  /** One line for a person, redacted. */
  message: z.optional(z.string()),
  /** Epoch ms the stored access token expires at, when known. */
  expiresAt: z.optional(z.number()),
  /** The agent's own store, or the main agent's (an inherited profile, refreshed there). */
  store: profileStoreSchema(),
});

/** `auth.probes`: the reference's summary, plus the options and record that are ours. */
export const ProbeRunJsonSchema = z.object({
  startedAt: z.number(),
  finishedAt: z.number(),
  durationMs: z.number(),
  /** Probes that sent a request (pre-flight results are in `results` but not counted, as in the reference). */
  totalTargets: z.number(),
  options: z.object({
    provider: z.optional(z.string()),
    profileIds: z.array(z.string()),
    timeoutMs: z.number(),
    concurrency: z.number(),
    maxTokens: z.number(),
    models: z.array(z.string()),
    chain: z.boolean(),
    record: z.boolean(),
  }),
  results: z.array(ProbeRowJsonSchema),
  /** With --probe-record: the profiles whose usage stats were written. */
  recorded: z.optional(z.object({ statePath: z.string(), profileIds: z.array(z.string()) })),
  /** With --probe-refresh: the expired or expiring OAuth profiles refreshed (or not) before probing. */
  refreshed: z.optional(z.array(RefreshRowJsonSchema)),
});

const overview = authOverviewSchema().shape;

/**
 * The `auth` field of `models status --json`: the store paths, then the auth overview as `describeAuth` returns it
 * (without `labelIds`, and with `~` for the home folder in a `profiles` source's path), then the CLI's own fields.
 */
export const AuthStatusJsonSchema = z.object({
  storePath: z.string(),
  shellEnvFallback: z.object({ enabled: z.boolean(), appliedKeys: z.array(z.string()) }),
  providersWithOAuth: overview.providersWithOAuth,
  missingProvidersInUse: overview.missingProvidersInUse,
  providers: z.array(z.omit(providerAuthViewSchema(), { labelIds: true })),
  unusableProfiles: overview.unusableProfiles,
  oauth: overview.oauth,
  /** Ours: the runtime state file (order, cooldowns). */
  statePath: z.string(),
  /**
   * Ours, for an agent other than the main one: the main agent's credentials and state files, read beneath this
   * agent's own (its profiles and state entries count unless this agent has its own of the same id). Never written.
   */
  mainStorePath: z.optional(z.string()),
  mainStatePath: z.optional(z.string()),
  /**
   * Ours: usage snapshots of subscription logins, by provider: fetched by this run (`source: "live"`, with `--usage`
   * or `--probe`) or from the agent's usage cache (`"cache"`, with the time they were fetched). Absent when none.
   */
  usage: z.optional(z.array(z.extend(usageSnapshotSchema(), { source: z.enum(["live", "cache"]) }))),
  /** With --probe: live probe results. */
  probes: z.optional(ProbeRunJsonSchema),
  /** Ours: what `--check` exits with and why (computed with or without `--check`). */
  check: overview.check,
});

const view = modelSelectionViewSchema().shape;

/** `models status --json`: the paths, the model selection view of model-ref reshaped as OpenClaw prints it, `auth`. */
export const StatusJsonSchema = z.object({
  configPath: z.string(),
  agentId: z.optional(z.string()),
  agentDir: z.string(),
  /** The configured primary as written (an alias stays an alias), or the built-in default. */
  defaultModel: view.defaultModel,
  /** Canonical `provider/model` the default resolves to. */
  resolvedDefault: view.resolvedDefault,
  fallbacks: view.fallbacks,
  imageModel: view.imageModel,
  imageFallbacks: view.imageFallbacks,
  /**
   * With `--agent` (or when the agent's own model applies): where the default and the fallbacks come from. Written
   * as OpenClaw writes it, `agent` or `defaults`; a built-in default counts as `defaults` (`defaultResolution` says how).
   */
  modelConfig: z.optional(
    z.object({ defaultSource: view.defaultSource, fallbacksSource: view.fallbacksSource }),
  ),
  aliases: view.aliases,
  allowed: view.allowed,
  /** Ours: `resolvedDefault` split into provider and model (`defaultRef`), and how it was reached (`resolution`). */
  defaultResolution: z.object({
    provider: modelRefSchema().shape.provider,
    model: modelRefSchema().shape.model,
    ...defaultResolutionSchema().shape,
  }),
  auth: AuthStatusJsonSchema,
});

export const AuthListJsonSchema = z.object({
  agentDir: z.string(),
  storePath: z.string(),
  /** For an agent other than the main one: the main agent's store, whose profiles it inherits. */
  mainStorePath: z.optional(z.string()),
  profiles: z.array(
    z.object({
      profileId: z.string(),
      provider: z.string(),
      type: z.string(),
      /** Masked (`sk-t...wxyz`), `marker(…)`, `ref(env:NAME)`, `OAuth (email)` or `missing`: never the secret. */
      value: z.string(),
      ...profileHealthSchema().shape,
      email: z.optional(z.string()),
      unusable: z.optional(unusableSchema()),
      /** The agent's own store, or the main agent's (an inherited profile). */
      store: profileStoreSchema(),
    }),
  ),
});

export const AuthOrderJsonSchema = z.object({
  /** null when an env var (MODELCTL_AGENT_DIR, …) chose the agent folder. */
  agentId: z.nullable(z.string()),
  agentDir: z.string(),
  provider: z.string(),
  authStatePath: z.string(),
  /**
   * The override that applies, or null when the provider has none (all its profiles are used, in store order). For
   * an agent other than the main one, the main agent's applies when the agent has none of its own.
   */
  order: z.nullable(z.array(z.string())),
  /**
   * Ours, for an agent other than the main one, with an override: whether it is the agent's own (`authStatePath`) or
   * the main agent's (`mainStatePath`).
   */
  store: z.optional(profileStoreSchema()),
  /** Ours, for an agent other than the main one: the main agent's state file. */
  mainStatePath: z.optional(z.string()),
});

/**
 * `models auth login --json`: OpenClaw's login result (`providerId`, `methodId`, `profiles[]` with `profileId`,
 * `provider`, `mode`, and `defaultModel` when the plugin recommends one), and ours: expiry and identity of the
 * stored profile, whether the store or the default model changed, and where. Never a token.
 */
export const AuthLoginJsonSchema = z.object({
  providerId: z.string(),
  methodId: z.string(),
  profiles: z.array(
    z.object({
      profileId: z.string(),
      provider: z.string(),
      mode: z.enum(["api_key", "token", "oauth"]),
      /** Ours: when the stored credential expires (epoch ms), or null when it does not say. */
      expires: z.nullable(z.number()),
      /** Ours: the account, where the provider tells it (an OAuth id_token or userinfo). */
      email: z.optional(z.string()),
      accountId: z.optional(z.string()),
    }),
  ),
  /** The model the provider's plugin recommends (`provider/model`); absent when it has none. */
  defaultModel: z.optional(z.string()),
  /** Ours: `--set-default` made `defaultModel` the default model. */
  defaultModelSet: z.boolean(),
  agentDir: z.string(),
  storePath: z.string(),
  /** Ours: false when the store already held exactly this credential (nothing was written). */
  changed: z.boolean(),
});

export type AuthListJson = z.infer<typeof AuthListJsonSchema>;
export type AuthLoginJson = z.infer<typeof AuthLoginJsonSchema>;
export type AuthOrderJson = z.infer<typeof AuthOrderJsonSchema>;
export type AliasesJson = z.infer<typeof AliasesJsonSchema>;
export type FallbacksJson = z.infer<typeof FallbacksJsonSchema>;
export type StatusJson = z.infer<typeof StatusJsonSchema>;
export type ProbeRunJson = z.infer<typeof ProbeRunJsonSchema>;
export type ProbeRowJson = z.infer<typeof ProbeRowJsonSchema>;

/**
 * `models list --json`: OpenClaw's `{ count, models }`, each row with OpenClaw's fields and ours (model-ref's); with
 * `--refresh`, ours: each provider asked, how it answered and how many models it listed.
 */
export const ListJsonSchema = z.extend(modelListSchema(), {
  refresh: z.optional(
    z.array(
      z.object({
        provider: z.string(),
        /** `ok`, or why not: a probe status (`auth`, `rate_limit`, `timeout`, `network`, …). */
        status: z.string(),
        models: z.number(),
        /** One redacted line from the provider or the network. */
        error: z.optional(z.string()),
      }),
    ),
  ),
});
export type ListJson = z.infer<typeof ListJsonSchema>;

/**
 * `models scan --json`: the probe package's scan report (`selected`, `selectedImages`, `setDefault`, `setImage`,
 * `results`, `warnings`, as OpenClaw's), and ours: whether the picks were written to the config.
 */
export const ScanJsonSchema = z.extend(ScanReportSchema, { applied: z.boolean() });
export type ScanJson = z.infer<typeof ScanJsonSchema>;

/** One provider plugin of `plugins list --json`: OpenClaw's `id`, `name`, `enabled`, `status`, `providerIds`, and ours. */
export const PluginJsonSchema = z.object({
  id: z.string(),
  kind: z.literal("provider"),
  name: z.string(),
  /** Built into modelctl (OpenClaw: `bundled`, `global`, …). */
  origin: z.literal("builtin"),
  enabled: z.boolean(),
  status: z.literal("loaded"),
  providerIds: z.array(z.string()),
  /** The provider ids the plugin serves (the same as `providerIds`). */
  providers: z.array(z.string()),
  /** Ours from here: the wire protocol, the default endpoint, how the provider lets a user in. */
  api: z.string(),
  baseUrl: z.string(),
  authMethods: z.array(z.enum(["api-key", "token", "oauth", "device-code", "cloud-credentials", "local"])),
  envVars: z.array(z.string()),
  local: z.boolean(),
  /** Models of this provider in the offline catalog. */
  catalogModels: z.number(),
  /** A usable credential exists for the agent (no network was used to say so). */
  credentials: z.boolean(),
  /** The ids `models auth login --provider <id> --method <id>` takes for this provider; empty without a sign-in plugin. */
  loginMethods: z.array(z.string()),
});

/** One sign-in plugin (`models auth login`), including those for providers the provider table does not list. */
export const AuthPluginJsonSchema = z.object({
  provider: z.string(),
  label: z.string(),
  methods: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["api-key", "token", "oauth-pkce", "device-code", "import"]),
      label: z.string(),
    }),
  ),
  /** The model `models auth login --set-default` applies, or null. */
  defaultModel: z.nullable(z.string()),
});

/** `plugins list --json`: `plugins` (OpenClaw's key), and `providers`, the provider table rows it printed before. */
export const PluginsJsonSchema = z.object({
  plugins: z.array(PluginJsonSchema),
  /** Ours: the sign-in plugins behind `models auth login`, by provider id. */
  authPlugins: z.array(AuthPluginJsonSchema),
  providers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      aliases: z.array(z.string()),
      api: z.string(),
      baseUrl: z.string(),
      envVars: z.array(z.string()),
      probeModel: z.nullable(z.string()),
      local: z.boolean(),
    }),
  ),
});
export type PluginsJson = z.infer<typeof PluginsJsonSchema>;

/** `models auth refresh --json`: one row per OAuth profile it looked at. */
export const AuthRefreshJsonSchema = z.object({
  agentDir: z.string(),
  results: z.array(RefreshRowJsonSchema),
});
export type AuthRefreshJson = z.infer<typeof AuthRefreshJsonSchema>;

/** Every published schema by the file name it is written to. */
export const JSON_SCHEMAS = {
  "models-status": StatusJsonSchema,
  "models-list": ListJsonSchema,
  "models-scan": ScanJsonSchema,
  "plugins-list": PluginsJsonSchema,
  "models-aliases-list": AliasesJsonSchema,
  "models-fallbacks-list": FallbacksJsonSchema,
  "models-auth-list": AuthListJsonSchema,
  "models-auth-login": AuthLoginJsonSchema,
  "models-auth-order-get": AuthOrderJsonSchema,
  "models-auth-refresh": AuthRefreshJsonSchema,
} as const;
