// The OAuth 2.0 pieces every flow shares: PKCE (RFC 7636, S256), state, the token endpoint's reply, id_token claims.
import { createHash, randomBytes } from "node:crypto";
import * as z from "zod/mini";
import { AuthLoginError } from "../errors.js";
import { lazy } from "../lazy.js";
import { type HttpOptions, postForm, safeHost } from "./http.js";

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
}

/** A fresh verifier (43 url-safe characters from 32 random bytes) and its S256 challenge. */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: s256(verifier) };
}

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function randomState(): string {
  return randomBytes(24).toString("base64url");
}

const tokenReplySchema = lazy(() =>
  z.looseObject({
    access_token: z.string().check(z.minLength(1)),
    refresh_token: z.optional(z.string()),
    id_token: z.optional(z.string()),
    expires_in: z.optional(z.number()),
    token_type: z.optional(z.string()),
    scope: z.optional(z.string()),
  }),
);

/** A token endpoint's successful reply (RFC 6749 §5.1). */
export type TokenReply = z.infer<ReturnType<typeof tokenReplySchema>>;

/** Checks a token endpoint's reply; the message names the field, never a value. */
export function readTokenReply(url: string, body: unknown, provider: string): TokenReply {
  const parsed = tokenReplySchema().safeParse(body);
  if (!parsed.success)
    throw new AuthLoginError("PROVIDER_ERROR", `${safeHost(url)} answered without an access_token.`, {
      provider,
    });
  return parsed.data;
}

/** POSTs `form` to a token endpoint and returns the checked reply. */
export async function requestTokens(
  url: string,
  form: Record<string, string | undefined>,
  options: HttpOptions & { headers?: Record<string, string> },
): Promise<TokenReply> {
  const secrets = [...(options.secrets ?? []), ...Object.values(form).filter((v): v is string => !!v)];
  const body = await postForm(url, form, { ...options, secrets });
  return readTokenReply(url, body, options.provider);
}

/** Epoch ms at which a token of `expires_in` seconds, received at `now`, expires; one hour when the reply has none. */
export function expiresAt(reply: { expires_in?: number | undefined }, now: number): number {
  const seconds = typeof reply.expires_in === "number" && reply.expires_in > 0 ? reply.expires_in : 3600;
  return now + seconds * 1000;
}

/**
 * The claims of a JWT (an id_token), read without checking its signature. That is sound here: the token came
 * straight from the provider's token endpoint over TLS, in answer to our own code and verifier, so its origin is
 * already established, and we only read identity hints (e-mail, account id) from it, never grant access on it.
 * Returns {} for anything that is not a readable JWT.
 */
export function decodeJwtClaims(token: string | undefined): Record<string, unknown> {
  if (!token) return {};
  const payload = token.split(".")[1];
  if (!payload) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
