// One stored profile, read leniently: the reference's spellings accepted, unknown types kept as they are, and every
// secret it holds wrapped in a `Secret`, so that printing a loaded profile never shows one.
import { normalizeProviderId } from "@modelctl/model-ref";
import { type CredentialValue, readCredential } from "./credential.js";
import { isRecord } from "./record.js";
import {
  type ApiKeyProfile,
  apiKeyProfileSchema,
  type OAuthProfile,
  oauthProfileSchema,
  type TokenProfile,
  tokenProfileSchema,
} from "./schema.js";
import { Secret } from "./secret.js";

interface ProfileBase {
  readonly id: string;
  /** Canonical provider id (`Anthropic` → `anthropic`). */
  readonly provider: string;
  /** What the profile holds: a secret, a marker (shown as it is: not a secret), a ref, OAuth tokens, or nothing. */
  readonly credential: CredentialValue;
}

/** The fields of each type that hold a secret. */
const SECRET_FIELDS = {
  api_key: ["key"],
  token: ["token"],
  oauth: ["access", "refresh", "idToken", "id_token"],
} as const;

/**
 * A profile's fields as loaded: the ones its schema declares (unknown fields stay in the file, untouched, but are
 * not handed out: they may hold secrets we cannot recognise), with the secret-bearing ones as `Secret`s.
 */
export type LoadedProfileData<T, SecretKey extends PropertyKey> = {
  readonly [K in keyof T as string extends K ? never : number extends K ? never : K]: K extends SecretKey
    ? Secret
    : T[K];
};
export type ApiKeyProfileData = LoadedProfileData<ApiKeyProfile, (typeof SECRET_FIELDS.api_key)[number]>;
export type TokenProfileData = LoadedProfileData<TokenProfile, (typeof SECRET_FIELDS.token)[number]>;
export type OAuthProfileData = LoadedProfileData<OAuthProfile, (typeof SECRET_FIELDS.oauth)[number]>;

/** A profile of a type modelctl reads, before its credential is worked out. */
export type KnownProfileData =
  | { readonly type: "api_key"; readonly data: ApiKeyProfileData }
  | { readonly type: "token"; readonly data: TokenProfileData }
  | { readonly type: "oauth"; readonly data: OAuthProfileData };

export type StoredProfile =
  | (ProfileBase & KnownProfileData)
  | (ProfileBase & {
      readonly type: "unknown";
      /** The `type` as written, if any. */
      readonly declaredType: string | undefined;
      /** Why it could not be read as one of the known types. */
      readonly problem: string;
    });

export type ProfileType = StoredProfile["type"];

/** `openai:default` → `openai`. */
export function providerOfProfileId(id: string): string {
  const colon = id.indexOf(":");
  return normalizeProviderId(colon === -1 ? id : id.slice(0, colon));
}

/**
 * How status and probes name a profile: `<id> (<email>)` for one that records an account e-mail (any type), as
 * OpenClaw labels it; else its id.
 */
export function profileLabel(profile: StoredProfile): string {
  const email = profile.type === "unknown" ? undefined : profile.data.email?.trim();
  return email ? `${profile.id} (${email})` : profile.id;
}

/** The declared fields of a parsed profile, secrets wrapped; `undefined` values are left out as JSON leaves them. */
function loaded<T>(shape: object, parsed: Record<string, unknown>, secrets: readonly string[]): T {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const value = Object.hasOwn(parsed, key) ? parsed[key] : undefined;
    if (value === undefined) continue;
    data[key] = secrets.includes(key) && typeof value === "string" ? new Secret(value) : value;
  }
  return data as T;
}

function known(base: { id: string; provider: string }, profile: KnownProfileData): StoredProfile {
  return { ...base, ...profile, credential: readCredential(profile) };
}

/**
 * Reads one entry of `profiles`. `mode` is accepted for `type` and `apiKey` for `key` (older files); a missing
 * `provider` is taken from the id. The stored object itself is never changed: unknown fields are written back as read.
 */
export function readProfile(id: string, raw: unknown): StoredProfile {
  const missing: CredentialValue = { kind: "missing" };
  if (!isRecord(raw)) {
    return {
      id,
      provider: providerOfProfileId(id),
      credential: missing,
      type: "unknown",
      declaredType: undefined,
      problem: "not an object",
    };
  }
  const declaredType =
    typeof raw.type === "string" ? raw.type : typeof raw.mode === "string" ? raw.mode : undefined;
  const provider = typeof raw.provider === "string" && raw.provider.trim() !== "" ? raw.provider : undefined;
  const candidate: Record<string, unknown> = {
    ...raw,
    type: declaredType,
    provider: provider ?? providerOfProfileId(id),
  };
  if (declaredType === "api_key" && candidate.key === undefined && typeof raw.apiKey === "string")
    candidate.key = raw.apiKey;
  const base = { id, provider: normalizeProviderId(candidate.provider as string) };
  const unknown = (problem: string): StoredProfile => ({
    ...base,
    credential: missing,
    type: "unknown",
    declaredType,
    problem,
  });

  switch (declaredType) {
    case "api_key": {
      const parsed = apiKeyProfileSchema().safeParse(candidate);
      return parsed.success
        ? known(base, {
            type: "api_key",
            data: loaded(apiKeyProfileSchema().shape, parsed.data, SECRET_FIELDS.api_key),
          })
        : unknown(problemOf(parsed.error));
    }
    case "token": {
      const parsed = tokenProfileSchema().safeParse(candidate);
      return parsed.success
        ? known(base, {
            type: "token",
            data: loaded(tokenProfileSchema().shape, parsed.data, SECRET_FIELDS.token),
          })
        : unknown(problemOf(parsed.error));
    }
    case "oauth": {
      const parsed = oauthProfileSchema().safeParse(candidate);
      return parsed.success
        ? known(base, {
            type: "oauth",
            data: loaded(oauthProfileSchema().shape, parsed.data, SECRET_FIELDS.oauth),
          })
        : unknown(problemOf(parsed.error));
    }
    default:
      return unknown(declaredType === undefined ? "no type" : `unknown type "${declaredType}"`);
  }
}

function problemOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join(".") || "profile"}: ${issue.message}` : "invalid";
}
