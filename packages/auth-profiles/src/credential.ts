// What a profile's credential is (a secret, a marker, a reference, OAuth tokens) and how it is shown and resolved.
import { type Marker, parseMarker } from "./markers.js";
import type { KnownProfileData, StoredProfile } from "./profile.js";
import type { SecretRef } from "./schema.js";
import { Secret } from "./secret.js";

export type CredentialValue =
  | { readonly kind: "secret"; readonly secret: Secret }
  | { readonly kind: "marker"; readonly marker: Marker }
  | { readonly kind: "ref"; readonly ref: SecretRef }
  | { readonly kind: "oauth"; readonly access: Secret | undefined; readonly refresh: Secret | undefined }
  | { readonly kind: "missing" };

const trimmed = (value: Secret | undefined) => {
  // Revealed only to tell a marker (`OPENAI_API_KEY`, `ollama-local`) from a secret, and to trim it.
  const text = value?.reveal().trim();
  return text === undefined || text === "" ? undefined : text;
};

function inline(value: Secret | undefined, ref: SecretRef | undefined): CredentialValue {
  const text = trimmed(value);
  if (text !== undefined) {
    const marker = parseMarker(text);
    return marker ? { kind: "marker", marker } : { kind: "secret", secret: new Secret(text) };
  }
  if (ref !== undefined) return { kind: "ref", ref };
  return { kind: "missing" };
}

const optionalSecret = (value: Secret | undefined) => {
  const text = trimmed(value);
  return text === undefined ? undefined : new Secret(text);
};

/** What a profile holds (read once, when the profile is read: profiles are immutable). */
export function profileCredential(profile: StoredProfile): CredentialValue {
  return profile.credential;
}

/** Works out the credential of a freshly read profile. */
export function readCredential(profile: KnownProfileData): CredentialValue {
  switch (profile.type) {
    case "api_key":
      return inline(profile.data.key, profile.data.keyRef);
    case "token":
      return inline(profile.data.token, profile.data.tokenRef);
    case "oauth": {
      const access = optionalSecret(profile.data.access);
      const refresh = optionalSecret(profile.data.refresh);
      return access || refresh ? { kind: "oauth", access, refresh } : { kind: "missing" };
    }
  }
}

const ENV_TEMPLATE = /^\$\{([A-Z][A-Z0-9_]{0,127})\}$/;

/**
 * What `models.providers.<id>.apiKey` holds: a key, a marker (`OPENROUTER_API_KEY`), or a SecretRef object,
 * read by the same rules as a profile's `key` / `keyRef`.
 */
export function configKeyCredential(apiKey: string | SecretRef | undefined): CredentialValue {
  if (apiKey === undefined) return { kind: "missing" };
  if (typeof apiKey !== "string") return inline(undefined, apiKey);
  // `"${OPENROUTER_API_KEY}"` is OpenClaw's shorthand for an env ref there; sent as it is, it would be a wrong key.
  const template = ENV_TEMPLATE.exec(apiKey.trim())?.[1];
  return template === undefined
    ? inline(new Secret(apiKey), undefined)
    : { kind: "ref", ref: { source: "env", provider: "default", id: template } };
}

export const formatRef = (ref: SecretRef) => `ref(${ref.source}:${ref.id})`;

/** A value as status shows it: masked, `marker(…)` or `ref(…)`; never the secret. */
export function credentialValueLabel(value: CredentialValue): string {
  switch (value.kind) {
    case "secret":
      return value.secret.masked;
    case "marker":
      return `marker(${value.marker.value})`;
    case "ref":
      return formatRef(value.ref);
    case "oauth":
      return "OAuth";
    case "missing":
      return "missing";
  }
}

/**
 * The label status and list print for a profile's value: `sk-t...wxyz`, `marker(ollama-local)`,
 * `ref(env:OPENROUTER_API_KEY)`, a token's with `token:` before it (`token:sk-a...6789`,
 * `token:marker(secretref-managed)`, `token:missing`), `OAuth (me@example.com)`. Never the secret.
 */
export function credentialLabel(profile: StoredProfile): string {
  if (profile.type === "unknown")
    return profile.declaredType ? `unsupported(${profile.declaredType})` : "unsupported";
  const value = profileCredential(profile);
  if (profile.type === "oauth") {
    if (value.kind === "missing") return "OAuth (no tokens)";
    return profile.data.email ? `OAuth (${profile.data.email})` : "OAuth";
  }
  return `${profile.type === "token" ? "token:" : ""}${credentialValueLabel(value)}`;
}
