// What to probe: the provider, the model, the credential (already resolved by the caller) and where to send it.

/** A secret as a string, or any object that reveals it on request (such as `Secret` of @modelctl/auth-profiles). */
export type SecretValue = string | { reveal(): string };

export type ProbeCredential =
  /**
   * An API key (`x-api-key` for Anthropic, `x-goog-api-key` for Gemini, bearer elsewhere), or a static or OAuth bearer
   * token; a token's `expiresAt` (epoch ms) is checked before sending.
   */
  | {
      readonly type: "api_key" | "token" | "oauth";
      readonly secret: SecretValue;
      readonly expiresAt?: number | undefined;
    }
  /** Send without a credential (a local server). */
  | { readonly type: "none" }
  /** The caller knows there is none to send, and why (a profile without a value, a type it cannot use). */
  | { readonly type: "missing"; readonly reason: string }
  /** The caller could not resolve the credential (an unset env var, an unreadable file ref): nothing is sent. */
  | { readonly type: "unresolved"; readonly reason: string };

/** Credentials as auth profiles store them (a loaded profile's `data` holds them as `Secret`s), accepted as they are. */
export type StoredCredential =
  | { readonly type: "api_key"; readonly key: SecretValue }
  | { readonly type: "token"; readonly token: SecretValue; readonly expires?: number | undefined }
  | { readonly type: "oauth"; readonly access: SecretValue; readonly expires?: number | undefined };

/** What a target's `credential` may be: the explicit form, a bare secret (an API key), or a stored profile's shape. */
export type ProbeCredentialInput = ProbeCredential | SecretValue | StoredCredential;

export interface ProbeTarget {
  /** Canonical provider id; picks the API family and base URL from the provider table unless given below. */
  readonly provider: string;
  /** The model id as the provider knows it (`claude-haiku-4-5`, `meta-llama/llama-3.3-70b-instruct:free`). */
  readonly model?: string | undefined;
  readonly profileId?: string | undefined;
  /** Absent: `missing_credential`, except for local providers, which are sent no key. */
  readonly credential?: ProbeCredentialInput | null | undefined;
  /** Overrides the provider table's endpoint (`models.providers.<id>.baseUrl`). */
  readonly baseUrl?: string | undefined;
  /** Overrides the provider table's API family (`models.providers.<id>.api`). */
  readonly api?: string | undefined;
  /**
   * The ChatGPT account of an OpenAI Codex login (the profile's `accountId`), sent as `chatgpt-account-id`, which the
   * ChatGPT backend requires; other families ignore it. Treated as a secret: no result repeats it.
   */
  readonly accountId?: string | undefined;
  /**
   * The Code Assist project of a Google Gemini CLI login (the profile's `projectId`, found at sign-in), sent as the
   * request's `project`, which Code Assist requires; other families ignore it. Treated as a secret: no result repeats it.
   */
  readonly projectId?: string | undefined;
  /** Extra request headers (`models.providers.<id>.headers`); treated as secrets in error messages. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** An explicit auth order for the provider leaves this profile out: reported, never sent. */
  readonly excludedByAuthOrder?: boolean | undefined;
}

export const revealSecret = (secret: SecretValue): string =>
  typeof secret === "string" ? secret : secret.reveal();

const isSecretValue = (value: unknown): value is SecretValue =>
  typeof value === "string" ||
  (typeof value === "object" &&
    value !== null &&
    typeof (value as { reveal?: unknown }).reveal === "function");

const expiryOf = (value: unknown) => (typeof value === "number" ? { expiresAt: value } : {});

/**
 * The explicit form of a credential input, or undefined when there is none; a shape it cannot read is a string
 * naming what was expected.
 */
export function normalizeCredential(input: ProbeTarget["credential"]): ProbeCredential | undefined | string {
  if (input === undefined || input === null) return undefined;
  if (isSecretValue(input)) return { type: "api_key", secret: input };
  const value = input as Record<string, unknown>;
  switch (value.type) {
    case "none":
      return { type: "none" };
    case "missing":
    case "unresolved":
      return { type: value.type, reason: String(value.reason ?? "no reason given") };
    case "api_key":
    case "token":
    case "oauth": {
      const secret =
        value.secret ??
        (value.type === "api_key" ? value.key : value.type === "token" ? value.token : value.access);
      if (!isSecretValue(secret))
        return `a ${value.type} credential needs \`secret\` (or \`${value.type === "api_key" ? "key" : value.type === "token" ? "token" : "access"}\`) as a string or an object with reveal()`;
      if (value.type === "api_key") return { type: "api_key", secret };
      return { type: value.type, secret, ...expiryOf(value.expiresAt ?? value.expires) };
    }
    default:
      return `credential.type ${JSON.stringify(value.type)} is not one of api_key, token, oauth, none, missing, unresolved`;
  }
}
