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

const ProfileStatusJsonSchema = z.object({
  profileId: z.string(),
  provider: z.string(),
  type: z.string(),
  ...healthShape,
  source: z.literal("store"),
  label: z.string(),
  /** Ours: a configured model would use it (what `--check` judges). */
  inUse: z.boolean(),
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
      /** Which source a request would use: `profiles` (detail: the store), `env`, `models.json`, `synthetic`, `missing`. */
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
    via: z.enum(["alias", "explicit", "default-provider", "built-in", "first-configured-provider"]),
    alias: z.optional(z.string()),
  }),
  auth: AuthStatusJsonSchema,
});

export const AuthListJsonSchema = z.object({
  agentDir: z.string(),
  storePath: z.string(),
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
    }),
  ),
});

export const AuthOrderJsonSchema = z.object({
  /** null when an env var (MODELCTL_AGENT_DIR, …) chose the agent folder. */
  agentId: z.nullable(z.string()),
  agentDir: z.string(),
  provider: z.string(),
  authStatePath: z.string(),
  /** The override, or null when the provider has none (all its profiles are used, in store order). */
  order: z.nullable(z.array(z.string())),
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
