// zod schemas of auth-profiles.json and auth-state.json (version 1), the single source of their types.
import * as z from "zod/mini";

/** Where a credential lives when it is not stored inline: `{ source: "env", id: "OPENROUTER_API_KEY" }`. */
export const SecretRefSchema = z.looseObject({
  source: z.string(),
  provider: z.optional(z.string()),
  id: z.string(),
});

export const ApiKeyProfileSchema = z.looseObject({
  type: z.literal("api_key"),
  provider: z.string(),
  key: z.optional(z.string()),
  keyRef: z.optional(SecretRefSchema),
  email: z.optional(z.string()),
  metadata: z.optional(z.record(z.string(), z.unknown())),
});

export const TokenProfileSchema = z.looseObject({
  type: z.literal("token"),
  provider: z.string(),
  token: z.optional(z.string()),
  tokenRef: z.optional(SecretRefSchema),
  /** Epoch milliseconds. Anything but a positive number makes the profile `missing`, as the reference does. */
  expires: z.optional(z.unknown()),
  email: z.optional(z.string()),
});

export const OAuthProfileSchema = z.looseObject({
  type: z.literal("oauth"),
  provider: z.string(),
  access: z.optional(z.string()),
  refresh: z.optional(z.string()),
  /** An OpenID id token some sign-ins keep beside the access token; a secret like them. */
  idToken: z.optional(z.string()),
  id_token: z.optional(z.string()),
  expires: z.optional(z.unknown()),
  email: z.optional(z.string()),
  accountId: z.optional(z.string()),
  projectId: z.optional(z.string()),
  enterpriseUrl: z.optional(z.string()),
  clientId: z.optional(z.string()),
});

/** A time in state: epoch milliseconds, a finite number ≥ 0. */
export const EpochMsSchema = z.number().check(z.gte(0));

/** A count in state: a whole number ≥ 0. */
export const CountSchema = z.int().check(z.gte(0));

/** A profile id as state names it: a string that is not blank. */
export const StateProfileIdSchema = z.string().check(z.refine((id) => id.trim() !== ""));

/**
 * One profile's usage stats. Well-formed state; a loaded store ignores (and reports) a field that does not match
 * instead of refusing the file: see `IgnoredStateField`.
 */
export const UsageStatsSchema = z.looseObject({
  lastUsed: z.optional(EpochMsSchema),
  cooldownUntil: z.optional(EpochMsSchema),
  cooldownReason: z.optional(z.string()),
  cooldownModel: z.optional(z.string()),
  disabledUntil: z.optional(EpochMsSchema),
  disabledReason: z.optional(z.string()),
  errorCount: z.optional(CountSchema),
  failureCounts: z.optional(z.record(z.string(), CountSchema)),
  lastFailureAt: z.optional(EpochMsSchema),
});

/** Runtime state: per-agent order override, last good profile, cooldowns. */
export const AuthStateSchema = z.looseObject({
  version: z.optional(z.number()),
  order: z.optional(z.record(z.string(), z.array(StateProfileIdSchema))),
  lastGood: z.optional(z.record(z.string(), StateProfileIdSchema)),
  usageStats: z.optional(z.record(z.string(), UsageStatsSchema)),
});

/**
 * The credentials file. Profiles are checked one by one (`readProfile`), so one odd profile never hides the others
 * and unknown types are carried through. Older files also hold the state keys, shaped as in `AuthStateSchema`; they
 * are state, so they are read as leniently as auth-state.json (a loaded store ignores a malformed value).
 */
export const AuthProfilesFileSchema = z.looseObject({
  version: z.optional(z.number()),
  profiles: z.optional(z.record(z.string(), z.unknown())),
  order: AuthStateSchema.shape.order,
  lastGood: AuthStateSchema.shape.lastGood,
  usageStats: AuthStateSchema.shape.usageStats,
});

export type SecretRef = z.infer<typeof SecretRefSchema>;
export type ApiKeyProfile = z.infer<typeof ApiKeyProfileSchema>;
export type TokenProfile = z.infer<typeof TokenProfileSchema>;
export type OAuthProfile = z.infer<typeof OAuthProfileSchema>;
/**
 * A profile as an edit writes it (`putProfile`, the draft of `updateAuthStore`): one of the three types modelctl
 * writes, with the fields its schema declares; fields modelctl does not know are allowed, and kept.
 */
export type ProfileInput =
  | z.input<typeof ApiKeyProfileSchema>
  | z.input<typeof TokenProfileSchema>
  | z.input<typeof OAuthProfileSchema>;
export type UsageStats = z.infer<typeof UsageStatsSchema>;
export type AuthState = z.infer<typeof AuthStateSchema>;
export type AuthProfilesFile = z.infer<typeof AuthProfilesFileSchema>;
