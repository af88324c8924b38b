// What to probe: the provider, the model, the credential (already resolved by the caller) and where to send it.

/** A secret as a string, or any object that reveals it on request (such as `Secret` of @modelctl/auth-profiles). */
export type SecretValue = string | { reveal(): string };

export type ProbeCredential =
  /** A provider API key: `x-api-key` for Anthropic, `x-goog-api-key` for Gemini, bearer elsewhere. */
  | { readonly type: "api_key"; readonly secret: SecretValue }
  /** A static or OAuth bearer token; `expiresAt` (epoch ms) is checked before sending. */
  | {
      readonly type: "token" | "oauth";
      readonly secret: SecretValue;
      readonly expiresAt?: number | undefined;
    }
  /** Send without a credential (a local server). */
  | { readonly type: "none" }
  /** The caller knows there is none to send, and why (a profile without a value, a type it cannot use). */
  | { readonly type: "missing"; readonly reason: string }
  /** The caller could not resolve the credential (an unset env var, an unreadable file ref): nothing is sent. */
  | { readonly type: "unresolved"; readonly reason: string };

export interface ProbeTarget {
  /** Canonical provider id; picks the API family and base URL from the provider table unless given below. */
  readonly provider: string;
  /** The model id as the provider knows it (`claude-haiku-4-5`, `meta-llama/llama-3.3-70b-instruct:free`). */
  readonly model?: string | undefined;
  readonly profileId?: string | undefined;
  /** Absent: `missing_credential`, except for local providers, which are sent no key. */
  readonly credential?: ProbeCredential | undefined;
  /** Overrides the provider table's endpoint (`models.providers.<id>.baseUrl`). */
  readonly baseUrl?: string | undefined;
  /** Overrides the provider table's API family (`models.providers.<id>.api`). */
  readonly api?: string | undefined;
  /** Extra request headers (`models.providers.<id>.headers`); treated as secrets in error messages. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** An explicit auth order for the provider leaves this profile out: reported, never sent. */
  readonly excludedByAuthOrder?: boolean | undefined;
}

export const revealSecret = (secret: SecretValue): string =>
  typeof secret === "string" ? secret : secret.reveal();
