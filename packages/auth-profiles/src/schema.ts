// zod schemas of auth-profiles.json and auth-state.json (version 1), the single source of their types. Each schema
// is a getter (`lazy`) that builds it on first use: a run that reads neither file builds none.
import * as z from "zod/mini";
import { lazy } from "./lazy.js";

/** Where a credential lives when it is not stored inline: `{ source: "env", id: "OPENROUTER_API_KEY" }`. */
export const secretRefSchema = lazy(() =>
  z.looseObject({
    source: z.string(),
    provider: z.optional(z.string()),
    id: z.string(),
  }),
);

export const apiKeyProfileSchema = lazy(() =>
  z.looseObject({
    type: z.literal("api_key"),
    provider: z.string(),
    key: z.optional(z.string()),
    keyRef: z.optional(secretRefSchema()),
    email: z.optional(z.string()),
    metadata: z.optional(z.record(z.string(), z.unknown())),
  }),
);

export const tokenProfileSchema = lazy(() =>
  z.looseObject({
    type: z.literal("token"),
    provider: z.string(),
    token: z.optional(z.string()),
    tokenRef: z.optional(secretRefSchema()),
    /** Epoch milliseconds. Anything but a positive number makes the profile `missing`, as the reference does. */
    expires: z.optional(z.unknown()),
    email: z.optional(z.string()),
  }),
);

export const oauthProfileSchema = lazy(() =>
  z.looseObject({
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
    /** The token endpoint that issued the tokens (MiniMax, as OpenClaw records it): where a refresh must go. */
    tokenEndpoint: z.optional(z.string()),
  }),
);

/** A time in state: epoch milliseconds, a finite number ≥ 0. */
export const epochMsSchema = lazy(() => z.number().check(z.gte(0)));

/** A count in state: a whole number ≥ 0. */
export const countSchema = lazy(() => z.int().check(z.gte(0)));

/** A profile id as state names it: a string that is not blank. */
export const stateProfileIdSchema = lazy(() => z.string().check(z.refine((id) => id.trim() !== "")));

/**
 * One profile's usage stats. Well-formed state; a loaded store ignores (and reports) a field that does not match
 * instead of refusing the file: see `IgnoredStateField`.
 */
export const usageStatsSchema = lazy(() =>
  z.looseObject({
    lastUsed: z.optional(epochMsSchema()),
    cooldownUntil: z.optional(epochMsSchema()),
    cooldownReason: z.optional(z.string()),
    cooldownModel: z.optional(z.string()),
    disabledUntil: z.optional(epochMsSchema()),
    disabledReason: z.optional(z.string()),
    errorCount: z.optional(countSchema()),
    failureCounts: z.optional(z.record(z.string(), countSchema())),
    lastFailureAt: z.optional(epochMsSchema()),
  }),
);

/** Runtime state: per-agent order override, last good profile, cooldowns. */
export const authStateSchema = lazy(() =>
  z.looseObject({
    version: z.optional(z.number()),
    order: z.optional(z.record(z.string(), z.array(stateProfileIdSchema()))),
    lastGood: z.optional(z.record(z.string(), stateProfileIdSchema())),
    usageStats: z.optional(z.record(z.string(), usageStatsSchema())),
  }),
);

/**
 * The credentials file's own keys, checked strictly when a store is read: credentials are too precious to guess
 * about. Profiles are checked one by one (`readProfile`), so one odd profile never hides the others and unknown
 * types are carried through. Its own schema, so that checking a file builds none of the state schemas.
 */
export const credentialsFileSchema = lazy(() =>
  z.looseObject({
    version: z.optional(z.number()),
    profiles: z.optional(z.record(z.string(), z.unknown())),
  }),
);

/**
 * The credentials file. Older files also hold the state keys, shaped as in `authStateSchema`; they are state, so they
 * are read as leniently as auth-state.json (a loaded store ignores a malformed value).
 */
export const authProfilesFileSchema = lazy(() =>
  z.looseObject({
    ...credentialsFileSchema().shape,
    order: authStateSchema().shape.order,
    lastGood: authStateSchema().shape.lastGood,
    usageStats: authStateSchema().shape.usageStats,
  }),
);

export type SecretRef = z.infer<ReturnType<typeof secretRefSchema>>;
export type ApiKeyProfile = z.infer<ReturnType<typeof apiKeyProfileSchema>>;
export type TokenProfile = z.infer<ReturnType<typeof tokenProfileSchema>>;
export type OAuthProfile = z.infer<ReturnType<typeof oauthProfileSchema>>;
/**
 * A profile as an edit writes it (`putProfile`, the draft of `updateAuthStore`): one of the three types modelctl
 * writes, with the fields its schema declares; fields modelctl does not know are allowed, and kept.
 */
export type ProfileInput =
  | z.input<ReturnType<typeof apiKeyProfileSchema>>
  | z.input<ReturnType<typeof tokenProfileSchema>>
  | z.input<ReturnType<typeof oauthProfileSchema>>;
export type UsageStats = z.infer<ReturnType<typeof usageStatsSchema>>;
export type AuthState = z.infer<ReturnType<typeof authStateSchema>>;
export type AuthProfilesFile = z.infer<ReturnType<typeof authProfilesFileSchema>>;
