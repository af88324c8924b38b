// zod schemas of every --json document the CLI prints: the contract scripts rely on (field names as OpenClaw's).
import { ProbeResultSchema } from "@modelctl/probe";
import * as z from "zod/mini";

export const AliasesJsonSchema = z.object({
  aliases: z.record(z.string(), z.string()),
});

export const FallbacksJsonSchema = z.object({
  fallbacks: z.array(z.string()),
});

/** Expiry of one profile, as status and `auth list` report it. */
const healthShape = {
  status: z.enum(["ok", "expiring", "expired", "static", "missing"]),
  expiresAt: z.optional(z.number()),
  /** Negative once expired. */
  remainingMs: z.optional(z.number()),
  /** Ours: an expired OAuth profile that has a refresh token. */
  refreshable: z.optional(z.boolean()),
  /**
   * Why a profile cannot be used as it is, as OpenClaw names it: `expired` (a token), `invalid_expires`,
   * `missing_credential`; ours: `missing_expires` (OAuth), `unsupported_type`, and `missing_credential` on an API key
   * profile without a key (its status is `static`, as in OpenClaw).
   */
  reasonCode: z.optional(z.string()),
};

/**
 * A cooldown or disable: `[cooldown 30m]`, `[disabled:billing 5h]`. `until` is the later of the two when both are
 * recorded; `reason` is the disable's reason (OpenClaw's field), `cooldownReason` ours.
 */
const unusableShape = {
  kind: z.enum(["cooldown", "disabled"]),
  reason: z.optional(z.string()),
  until: z.number(),
  remainingMs: z.number(),
  /** Ours: why the profile is cooling down, while it is (`rate_limit`, `timeout`). */
  cooldownReason: z.optional(z.string()),
};

/** Ours: the agent's own store, or the main agent's that an agent other than the main one reads beneath its own. */
const ProfileStoreSchema = z.enum(["agent", "main"]);

const ProfileStatusJsonSchema = z.object({
  profileId: z.string(),
  provider: z.string(),
  type: z.string(),
  ...healthShape,
  source: z.literal("store"),
  label: z.string(),
  /** Ours: a configured model would use it (what `--check` judges). */
  inUse: z.boolean(),
  /**
   * Ours: where the profile comes from: the agent's own store (`auth.storePath`), or, for an agent other than the
   * main one, the main agent's store read beneath it (`auth.mainStorePath`).
   */
  store: ProfileStoreSchema,
});

const ValueSourceSchema = z.object({ value: z.string(), source: z.string() });

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
});

/** The `auth` field of `models status --json`: the reference's fields, then ours. */
export const AuthStatusJsonSchema = z.object({
  storePath: z.string(),
  shellEnvFallback: z.object({ enabled: z.boolean(), appliedKeys: z.array(z.string()) }),
  providersWithOAuth: z.array(z.string()),
  missingProvidersInUse: z.array(z.string()),
  providers: z.array(
    z.object({
      provider: z.string(),
      /**
       * Which source a request would use: `profiles`, `env`, `models.json`, `synthetic`, `missing`. With `profiles`
       * the detail is the main agent's store, `~` for the home folder, as the reference reports it also for an agent
       * whose own store holds the profile (`oauth.profiles[].store` and `inherited` say which store each comes from).
       */
      effective: z.object({
        kind: z.enum(["profiles", "env", "models.json", "synthetic", "missing"]),
        detail: z.string(),
      }),
      profiles: z.object({
        count: z.number(),
        oauth: z.number(),
        token: z.number(),
        apiKey: z.number(),
        /** `<profileId>=<masked value | marker(…) | ref(…) | OAuth>` plus ` [cooldown 30m]` / ` [disabled:billing 5h]`. */
        labels: z.array(z.string()),
      }),
      env: z.optional(ValueSourceSchema),
      modelsJson: z.optional(ValueSourceSchema),
      syntheticAuth: z.optional(ValueSourceSchema),
      /** Ours: used by the default model, a fallback, or the image model. */
      inUse: z.boolean(),
      /** Ours: profile ids in the order they would be tried. */
      order: z.array(z.string()),
      /** Ours: sources that exist but lose to `effective` (or a profile left out of the auth order). */
      shadowed: z.array(
        z.object({
          kind: z.enum(["profile", "env", "models.json", "synthetic"]),
          detail: z.string(),
          reason: z.string(),
        }),
      ),
      /** Ours: ids of this provider's profiles that come from the main agent's store (see `mainStorePath`). */
      inherited: z.array(z.string()),
    }),
  ),
  unusableProfiles: z.array(z.object({ profileId: z.string(), provider: z.string(), ...unusableShape })),
  oauth: z.object({
    warnAfterMs: z.number(),
    profiles: z.array(ProfileStatusJsonSchema),
    providers: z.array(
      z.object({
        provider: z.string(),
        status: z.enum(["ok", "expiring", "expired", "static"]),
        profiles: z.array(ProfileStatusJsonSchema),
        expiresAt: z.optional(z.number()),
        remainingMs: z.optional(z.number()),
      }),
    ),
  }),
  /** Ours: the runtime state file (order, cooldowns). */
  statePath: z.string(),
  /**
   * Ours, for an agent other than the main one: the main agent's credentials and state files, read beneath this
   * agent's own (its profiles and state entries count unless this agent has its own of the same id). Never written.
   */
  mainStorePath: z.optional(z.string()),
  mainStatePath: z.optional(z.string()),
  /** With --probe: live probe results. */
  probes: z.optional(ProbeRunJsonSchema),
  /** Ours: what `--check` exits with and why (computed with or without `--check`). */
  check: z.object({
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    problems: z.array(
      z.object({
        provider: z.string(),
        profileId: z.optional(z.string()),
        level: z.union([z.literal(1), z.literal(2)]),
        message: z.string(),
      }),
    ),
  }),
});

export const StatusJsonSchema = z.object({
  configPath: z.string(),
  agentId: z.optional(z.string()),
  agentDir: z.string(),
  /** The configured primary as written (an alias stays an alias), or the built-in default. */
  defaultModel: z.string(),
  /** Canonical `provider/model` the default resolves to. */
  resolvedDefault: z.string(),
  fallbacks: z.array(z.string()),
  imageModel: z.nullable(z.string()),
  imageFallbacks: z.array(z.string()),
  /**
   * With `--agent` (or when the agent's own model applies): where the default and the fallbacks come from. Written
   * as OpenClaw writes it, `agent` or `defaults`; a built-in default counts as `defaults` (`defaultResolution` says how).
   */
  modelConfig: z.optional(
    z.object({
      defaultSource: z.enum(["agent", "defaults", "built-in", "providers"]),
      fallbacksSource: z.enum(["agent", "defaults", "built-in", "providers"]),
    }),
  ),
  aliases: z.record(z.string(), z.string()),
  allowed: z.array(z.string()),
  /** Ours: `resolvedDefault` split into provider and model, and how it was reached. */
  defaultResolution: z.object({
    provider: z.string(),
    model: z.string(),
    /** `configured-provider`: a bare primary took the provider of the one configured model with that id. */
    via: z.enum([
      "alias",
      "explicit",
      "default-provider",
      "built-in",
      "first-configured-provider",
      "configured-provider",
    ]),
    alias: z.optional(z.string()),
    /** With `via: "default-provider"`: the configured providers that all have the bare model id. */
    ambiguousProviders: z.optional(z.array(z.string())),
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
      ...healthShape,
      email: z.optional(z.string()),
      unusable: z.optional(z.object(unusableShape)),
      /** The agent's own store, or the main agent's (an inherited profile). */
      store: ProfileStoreSchema,
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
  store: z.optional(ProfileStoreSchema),
  /** Ours, for an agent other than the main one: the main agent's state file. */
  mainStatePath: z.optional(z.string()),
});

export type AuthListJson = z.infer<typeof AuthListJsonSchema>;
export type AuthOrderJson = z.infer<typeof AuthOrderJsonSchema>;
export type AliasesJson = z.infer<typeof AliasesJsonSchema>;
export type FallbacksJson = z.infer<typeof FallbacksJsonSchema>;
export type StatusJson = z.infer<typeof StatusJsonSchema>;
export type ProbeRunJson = z.infer<typeof ProbeRunJsonSchema>;
export type ProbeRowJson = z.infer<typeof ProbeRowJsonSchema>;

/** Every published schema by the file name it is written to. */
export const JSON_SCHEMAS = {
  "models-status": StatusJsonSchema,
  "models-aliases-list": AliasesJsonSchema,
  "models-fallbacks-list": FallbacksJsonSchema,
  "models-auth-list": AuthListJsonSchema,
  "models-auth-order-get": AuthOrderJsonSchema,
} as const;
