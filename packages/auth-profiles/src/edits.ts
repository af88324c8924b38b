// Typed, validated edits of an `updateAuthStore` draft: the file format's rules (which fields a new credential
// replaces, what removing a profile takes with it) live here, not in every caller.
import { normalizeProviderId } from "@modelctl/model-ref";
import { AuthStoreError } from "./errors.js";
import { checkProfileEdit } from "./profile-check.js";
import { isRecord, sameJson } from "./record.js";
import type { ProfileInput } from "./schema.js";
import { stateProfileIdSchema } from "./schema.js";
import type { AuthStore, AuthStoreDraft } from "./store.js";
import { type FailureReason, isCooldownExempt, recordFailure, recordSuccess } from "./usage.js";

/**
 * The fields a new credential replaces whole, whatever the type: every credential field of the `api_key` and `token`
 * types, and the older spellings `mode` (for `type`) and `apiKey` (for `key`). An OAuth profile's tokens too when
 * the new profile is one.
 */
const CREDENTIAL_FIELDS = ["mode", "apiKey", "keyRef", "tokenRef", "expires", "key", "token"];
const OAUTH_TOKENS = ["access", "refresh", "idToken", "id_token"];

/**
 * Stores `profile` under `profileId`. A profile already stored under that id keeps its other fields (an account
 * e-mail, metadata, fields modelctl does not know) when it is of the same `type`; its credential is replaced whole
 * (a new `key` never leaves an old `keyRef` or `apiKey` beside it), and a profile of another type is replaced
 * outright. Refuses a malformed profile (`PROFILE_INVALID`, naming the profile and the field) before the draft is
 * changed; see `checkProfileEdit` for what is judged.
 */
export function putProfile(draft: AuthStoreDraft, profileId: string, profile: ProfileInput): void {
  const existing: unknown = Object.hasOwn(draft.profiles, profileId) ? draft.profiles[profileId] : undefined;
  const kept: Record<string, unknown> =
    isRecord(existing) && isRecord(profile) && existing.type === profile.type ? { ...existing } : {};
  for (const field of CREDENTIAL_FIELDS) delete kept[field];
  if (isRecord(profile) && profile.type === "oauth") for (const field of OAUTH_TOKENS) delete kept[field];
  // Anything but an object is judged (and refused) as it is, not spread into one.
  const next = (isRecord(profile) ? { ...kept, ...profile } : profile) as ProfileInput;
  checkProfileEdit(profileId, existing, next);
  draft.profiles[profileId] = next;
}

/**
 * Removes the profile `profileId` from the agent's own store, and every reference the agent's state holds to it:
 * its entries in order overrides (an override it empties is dropped, since it would exclude every profile of its
 * provider; one that never named it stays, an empty one included), `lastGood` entries naming it, and its usage
 * stats. Returns false, changing nothing, when the agent's own store has no such profile (a sub-agent's inherited
 * profiles live in the main agent's store).
 */
export function removeProfile(draft: AuthStoreDraft, profileId: string): boolean {
  if (!Object.hasOwn(draft.profiles, profileId)) return false;
  delete draft.profiles[profileId];
  for (const [provider, ids] of Object.entries(draft.order)) {
    const kept = ids.filter((id) => id !== profileId);
    if (kept.length === ids.length) continue;
    if (kept.length === 0) delete draft.order[provider];
    else draft.order[provider] = kept;
  }
  for (const [provider, id] of Object.entries(draft.lastGood))
    if (id === profileId) delete draft.lastGood[provider];
  delete draft.usageStats[profileId];
  return true;
}

function orderProvider(provider: string): string {
  if (typeof provider !== "string" || provider.trim() === "")
    throw new AuthStoreError(
      "ORDER_INVALID",
      `An order override needs a provider id such as "openai"; got ${typeof provider === "string" ? "a blank one" : typeof provider}. Nothing was written.`,
    );
  // The draft's order is keyed by canonical id, as the store reads it: `OpenAI` edits `openai`'s override.
  return normalizeProviderId(provider);
}

/**
 * Sets the agent's order override for a provider (any spelling; stored under its canonical id): the profiles the
 * runtime tries, in that order, and no others; an empty list excludes every profile of the provider. Profile ids
 * must be strings that are not blank (`ORDER_INVALID`, nothing written). Returns false, changing nothing, when the
 * override is already exactly that.
 */
export function setOrder(draft: AuthStoreDraft, provider: string, profileIds: readonly string[]): boolean {
  const key = orderProvider(provider);
  if (!Array.isArray(profileIds))
    throw new AuthStoreError(
      "ORDER_INVALID",
      `The order override for ${key} must be a list of profile ids, such as ["${key}:default"]. Nothing was written.`,
    );
  const bad = profileIds.findIndex((id) => !stateProfileIdSchema().safeParse(id).success);
  if (bad !== -1)
    throw new AuthStoreError(
      "ORDER_INVALID",
      `The order override for ${key} has ${typeof profileIds[bad] === "string" ? "a blank profile id" : "a profile id that is not a string"} at position ${bad + 1}; each must be a profile id such as "${key}:default". Nothing was written.`,
    );
  if (sameJson(draft.order[key], profileIds)) return false;
  draft.order[key] = [...profileIds];
  return true;
}

/** Removes the agent's order override for a provider (any spelling). Returns false when it has none. */
export function clearOrder(draft: AuthStoreDraft, provider: string): boolean {
  const key = orderProvider(provider);
  if (draft.order[key] === undefined) return false;
  delete draft.order[key];
  return true;
}

export interface OutcomeOptions {
  readonly now: number;
  /** The model that failed, kept as `cooldownModel`. */
  readonly model?: string;
}

/**
 * Records in the agent's usage stats how one use of a profile went: `"ok"` (counters reset, cooldown and disable
 * lifted; see `recordSuccess`) or a failure (backoff; see `recordFailure`). It starts from the agent's own stats
 * for the profile, else those `current` reads for it: a profile a sub-agent inherits gets its outcome in the agent's
 * own state, as the runtime records it (the main agent's store is never written). Returns false, recording nothing,
 * for a profile `current` does not have, and for a failure of a cooldown-exempt provider's profile (OpenClaw records
 * nothing then).
 */
export function recordOutcome(
  draft: AuthStoreDraft,
  current: AuthStore,
  profileId: string,
  outcome: "ok" | FailureReason,
  options: OutcomeOptions,
): boolean {
  const profile = current.profiles.find((candidate) => candidate.id === profileId);
  if (profile === undefined) return false;
  if (outcome !== "ok" && isCooldownExempt(profile.provider)) return false;
  const stats = draft.usageStats[profileId] ?? current.state.usageStats[profileId];
  const { now } = options;
  draft.usageStats[profileId] =
    outcome === "ok"
      ? recordSuccess(stats, now)
      : recordFailure(stats, outcome, options.model === undefined ? { now } : { now, model: options.model });
  return true;
}
