// One stored profile, read leniently: the reference's spellings accepted, unknown types kept as they are.
import { normalizeProviderId } from "@modelctl/model-ref";
import {
  type ApiKeyProfile,
  ApiKeyProfileSchema,
  type OAuthProfile,
  OAuthProfileSchema,
  type TokenProfile,
  TokenProfileSchema,
} from "./schema.js";

interface ProfileBase {
  readonly id: string;
  /** Canonical provider id (`Anthropic` → `anthropic`). */
  readonly provider: string;
}

export type StoredProfile =
  | (ProfileBase & { readonly type: "api_key"; readonly data: ApiKeyProfile })
  | (ProfileBase & { readonly type: "token"; readonly data: TokenProfile })
  | (ProfileBase & { readonly type: "oauth"; readonly data: OAuthProfile })
  | (ProfileBase & {
      readonly type: "unknown";
      /** The `type` as written, if any. */
      readonly declaredType: string | undefined;
      /** Why it could not be read as one of the known types. */
      readonly problem: string;
    });

export type ProfileType = StoredProfile["type"];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `openai:default` → `openai`. */
export function providerOfProfileId(id: string): string {
  const colon = id.indexOf(":");
  return normalizeProviderId(colon === -1 ? id : id.slice(0, colon));
}

/**
 * Reads one entry of `profiles`. `mode` is accepted for `type` and `apiKey` for `key` (older files); a missing
 * `provider` is taken from the id. The stored object itself is never changed: unknown fields are written back as read.
 */
export function readProfile(id: string, raw: unknown): StoredProfile {
  if (!isRecord(raw)) {
    return {
      id,
      provider: providerOfProfileId(id),
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
  const unknown = (problem: string): StoredProfile => ({ ...base, type: "unknown", declaredType, problem });

  switch (declaredType) {
    case "api_key": {
      const parsed = ApiKeyProfileSchema.safeParse(candidate);
      return parsed.success
        ? { ...base, type: "api_key", data: parsed.data }
        : unknown(problemOf(parsed.error));
    }
    case "token": {
      const parsed = TokenProfileSchema.safeParse(candidate);
      return parsed.success
        ? { ...base, type: "token", data: parsed.data }
        : unknown(problemOf(parsed.error));
    }
    case "oauth": {
      const parsed = OAuthProfileSchema.safeParse(candidate);
      return parsed.success
        ? { ...base, type: "oauth", data: parsed.data }
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
