// The shape of the auth overview (`describeAuth`) and of its parts (a profile's health, a cooldown, a shadowed
// source): the single source of their types, and of the `auth` part of `modelctl models status --json`, which is
// this overview without `labelIds`, plus the store paths.
//
// Each schema is a getter (`lazy`) that builds it on first use: printing status as text needs none. Optional fields
// are `exactOptional`: the overview leaves a field out rather than setting it to undefined, and its types say so.
import * as z from "zod/mini";
import { lazy } from "./lazy.js";

/** A schema's type as the library hands it out: read-only all the way down. */
type ReadonlyDeep<T> = T extends readonly (infer E)[]
  ? readonly ReadonlyDeep<E>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

type Out<S extends () => z.ZodMiniType> = ReadonlyDeep<z.output<ReturnType<S>>>;

/** Expiry of one profile (`profileHealth`). */
export const profileHealthSchema = lazy(() =>
  z.object({
    status: z.enum(["ok", "expiring", "expired", "static", "missing"]),
    expiresAt: z.exactOptional(z.number()),
    /** Negative once expired. */
    remainingMs: z.exactOptional(z.number()),
    /** An expired OAuth profile that holds a refresh token. */
    refreshable: z.exactOptional(z.boolean()),
    /**
     * Why a profile cannot be used as it is: `expired` (a token), `invalid_expires` and `missing_credential` (as
     * OpenClaw names them); ours: `missing_expires` (OAuth), `unsupported_type`, and `missing_credential` on an API
     * key profile without a key, which OpenClaw calls `static` like any API key.
     */
    reasonCode: z.exactOptional(z.string()),
  }),
);

/** A cooldown or a disable (`unusableOf`): `[cooldown 30m]`, `[disabled:billing 5h]`. */
export const unusableSchema = lazy(() =>
  z.object({
    /** `disabled` while the disable lasts, else `cooldown`. */
    kind: z.enum(["cooldown", "disabled"]),
    /** The disable's reason (`billing`), as OpenClaw reports it: under a cooldown too, when one is recorded. */
    reason: z.exactOptional(z.string()),
    /** The later of the cooldown and the disable: the profile is unusable until both are over. */
    until: z.number(),
    remainingMs: z.number(),
    /** Ours: why the cooldown, while one lasts (`rate_limit`). */
    cooldownReason: z.exactOptional(z.string()),
  }),
);

/** Where a provider's credential comes from (`missing`: nowhere). */
export const sourceKindSchema = lazy(() =>
  z.enum(["profiles", "env", "models.json", "synthetic", "missing"]),
);

/** A source that exists but loses to the effective one (or a profile left out of the auth order), and why. */
export const shadowedSourceSchema = lazy(() =>
  z.object({
    kind: z.enum(["profile", "env", "models.json", "synthetic"]),
    detail: z.string(),
    reason: z.string(),
  }),
);

/** Which store a profile of a loaded store comes from: the agent's own, or the main agent's beneath it. */
export const profileStoreSchema = lazy(() => z.enum(["agent", "main"]));

const valueSourceSchema = lazy(() => z.object({ value: z.string(), source: z.string() }));

/** One provider of the overview: which source a request would use, and every source it has. */
export const providerAuthViewSchema = lazy(() =>
  z.object({
    provider: z.string(),
    /**
     * Which source a request would use. With `profiles` the detail is the main agent's store path (a sub-agent's
     * own profiles included, as the reference reports it); `inherited` says which profiles come from it.
     */
    effective: z.object({ kind: sourceKindSchema(), detail: z.string() }),
    profiles: z.object({
      count: z.number(),
      oauth: z.number(),
      token: z.number(),
      apiKey: z.number(),
      /** `<profileId>=<masked value | marker(…) | ref(…) | OAuth>` plus ` [cooldown 30m]` / ` [disabled:billing 5h]`. */
      labels: z.array(z.string()),
    }),
    env: z.exactOptional(valueSourceSchema()),
    modelsJson: z.exactOptional(valueSourceSchema()),
    syntheticAuth: z.exactOptional(valueSourceSchema()),
    /** Used by the default model, a fallback or the image model. */
    inUse: z.boolean(),
    /** Profile ids in the order they would be tried. */
    order: z.array(z.string()),
    shadowed: z.array(shadowedSourceSchema()),
    /** Ids of the provider's profiles that come from the main agent's store (a sub-agent's inherited ones). */
    inherited: z.array(z.string()),
    /** The profile id of each of `profiles.labels`, in the same order. Not in the CLI's JSON. */
    labelIds: z.array(z.string()),
  }),
);

/** One stored profile with its expiry, as OpenClaw's "OAuth/token status" lists it (API keys included). */
export const profileStatusViewSchema = lazy(() =>
  z.object({
    profileId: z.string(),
    provider: z.string(),
    type: z.string(),
    ...profileHealthSchema().shape,
    source: z.literal("store"),
    /** The profile id, with the account e-mail when the profile records one. */
    label: z.string(),
    /** A configured model would use it (what `--check` judges). */
    inUse: z.boolean(),
    /** The agent's own store, or the main agent's beneath it. */
    store: profileStoreSchema(),
  }),
);

/** A provider's profiles with their expiry rolled up (`rollUpHealth`). */
export const providerStatusViewSchema = lazy(() =>
  z.object({
    provider: z.string(),
    status: z.enum(["ok", "expiring", "expired", "static"]),
    profiles: z.array(profileStatusViewSchema()),
    expiresAt: z.exactOptional(z.number()),
    remainingMs: z.exactOptional(z.number()),
  }),
);

export const unusableProfileViewSchema = lazy(() =>
  z.object({ profileId: z.string(), provider: z.string(), ...unusableSchema().shape }),
);

/** Why `--check` fails (level 1: expired or missing) or warns (level 2: expiring). */
export const checkProblemSchema = lazy(() =>
  z.object({
    provider: z.string(),
    profileId: z.exactOptional(z.string()),
    level: z.union([z.literal(1), z.literal(2)]),
    message: z.string(),
  }),
);

/** What `describeAuth` returns. */
export const authOverviewSchema = lazy(() =>
  z.object({
    providersWithOAuth: z.array(z.string()),
    missingProvidersInUse: z.array(z.string()),
    providers: z.array(providerAuthViewSchema()),
    unusableProfiles: z.array(unusableProfileViewSchema()),
    oauth: z.object({
      warnAfterMs: z.number(),
      profiles: z.array(profileStatusViewSchema()),
      providers: z.array(providerStatusViewSchema()),
    }),
    /** `--check`: 1 a credential in use is expired or missing, 2 one is expiring, else 0; and why. */
    check: z.object({
      exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
      problems: z.array(checkProblemSchema()),
    }),
  }),
);

export type ProfileHealth = Out<typeof profileHealthSchema>;
export type CredentialStatus = ProfileHealth["status"];
export type Unusable = Out<typeof unusableSchema>;
export type SourceKind = Out<typeof sourceKindSchema>;
export type ShadowedSource = Out<typeof shadowedSourceSchema>;
export type ProfileStore = Out<typeof profileStoreSchema>;
export type ProviderAuthView = Out<typeof providerAuthViewSchema>;
export type ProfileStatusView = Out<typeof profileStatusViewSchema>;
export type ProviderStatusView = Out<typeof providerStatusViewSchema>;
export type UnusableProfileView = Out<typeof unusableProfileViewSchema>;
export type CheckProblem = Out<typeof checkProblemSchema>;
export type AuthOverview = Out<typeof authOverviewSchema>;
