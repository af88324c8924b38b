// The OAuth 2.0 refresh-token request (RFC 6749 §6) over the platform's fetch: one POST, no retries (a retried
// single-use refresh token revokes the grant), no redirects followed (the token must not go to another origin), a
// hard deadline over the whole exchange and a cap on the body; errors that never carry a token.
import * as z from "zod/mini";
import { OAuthError } from "./errors.js";
import { lazy } from "./lazy.js";

export interface OAuthRefreshRequest {
  /** https, or http to a loopback host (127.0.0.1, ::1, localhost) only. */
  readonly tokenUrl: string;
  readonly clientId: string;
  /** Sent in the form body (`client_secret`), as installed-app clients send theirs. */
  readonly clientSecret?: string | undefined;
  readonly refreshToken: string;
  readonly scope?: string | undefined;
  /** Deadline over connect, headers and body. Default 15 s. */
  readonly timeoutMs?: number;
  /** Largest body read. Default 64 KiB. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal | undefined;
  /** Extra request headers (a provider's user agent). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The clock that turns `expires_in` into `expires`. Default `Date.now`. */
  readonly now?: () => number;
}

/** A token response, with `expires_in` turned into the epoch-ms `expires` a profile stores. */
export interface OAuthTokens {
  readonly access: string;
  /** Absent when the provider keeps the old refresh token valid (Google). */
  readonly refresh?: string;
  readonly expires: number;
  readonly idToken?: string;
  readonly scope?: string;
  readonly tokenType?: string;
}

const tokenResponseSchema = lazy(() =>
  z.looseObject({
    access_token: z.string().check(z.minLength(1)),
    refresh_token: z.optional(z.string()),
    // Some servers send it as a numeric string.
    expires_in: z.union([z.number(), z.string().check(z.regex(/^\d+(\.\d+)?$/))]),
    id_token: z.optional(z.string()),
    scope: z.optional(z.string()),
    token_type: z.optional(z.string()),
  }),
);

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** The endpoint as messages name it: origin and path, never a query (it could hold anything). */
function endpointOf(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function checkUrl(tokenUrl: string): URL {
  let url: URL;
  try {
    url = new URL(tokenUrl);
  } catch {
    throw new OAuthError(
      "URL_INVALID",
      "The token URL is not a URL; expected e.g. https://auth.example.com/oauth/token.",
    );
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  if (!secure || url.username !== "" || url.password !== "")
    throw new OAuthError(
      "URL_INVALID",
      `The token URL ${endpointOf(url)} must be https (plain http only to 127.0.0.1, [::1] or localhost) and hold no user or password.`,
    );
  return url;
}

/** An OAuth `error` code worth repeating: a short plain word. Free text (error_description) is never kept. */
const plainCode = (value: unknown) =>
  typeof value === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : undefined;

class Stop extends Error {
  constructor(readonly by: "deadline" | "caller") {
    super(by);
  }
}

/** Reads the body up to `maxBytes`; undefined when it is longer (the rest is cancelled). */
async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (reader === undefined) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * POSTs `grant_type=refresh_token` (form-encoded) to `tokenUrl` and returns the token response, or throws an
 * `OAuthError`: `INVALID_GRANT` (the refresh token was refused: sign in again), `HTTP_STATUS`, `REDIRECT`, `TIMEOUT`,
 * `NETWORK`, `ABORTED`, `RESPONSE_INVALID`, `RESPONSE_TOO_LARGE`, `URL_INVALID`. Sent once: a single-use refresh
 * token retried after a lost answer would revoke the grant.
 */
export async function oauthRefreshRequest(request: OAuthRefreshRequest): Promise<OAuthTokens> {
  const url = checkUrl(request.tokenUrl);
  const endpoint = endpointOf(url);
  const form = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: request.refreshToken,
    client_id: request.clientId,
  });
  if (request.clientSecret !== undefined) form.set("client_secret", request.clientSecret);
  if (request.scope !== undefined) form.set("scope", request.scope);

  const timeoutMs = request.timeoutMs ?? 15_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Stop("deadline")), timeoutMs);
  const onAbort = () => controller.abort(new Stop("caller"));
  if (request.signal?.aborted) onAbort();
  else request.signal?.addEventListener("abort", onAbort, { once: true });
  const stopped = () => {
    const reason: unknown = controller.signal.reason;
    if (!(reason instanceof Stop)) return undefined;
    return reason.by === "deadline"
      ? new OAuthError("TIMEOUT", `The token endpoint ${endpoint} did not answer within ${timeoutMs} ms.`)
      : new OAuthError("ABORTED", `The token request to ${endpoint} was aborted.`);
  };

  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: {
          ...request.headers,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: form.toString(),
        redirect: "manual",
        signal: controller.signal,
      });
    } catch (error) {
      // The cause is kept only by its errno code: fetch's errors do not hold the body, but nothing is risked.
      const code = (error as { cause?: { code?: unknown } })?.cause?.code;
      throw (
        stopped() ??
        new OAuthError(
          "NETWORK",
          `The token endpoint ${endpoint} could not be reached${typeof code === "string" ? ` (${code})` : ""}.`,
        )
      );
    }
    const { status } = response;
    if (status >= 300 && status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw new OAuthError(
        "REDIRECT",
        `The token endpoint ${endpoint} answered a redirect (${status}); it is not followed.`,
        {
          status,
        },
      );
    }
    let text: string | undefined;
    try {
      text = await readCapped(response, request.maxBytes ?? 64 * 1024);
    } catch {
      throw stopped() ?? new OAuthError("NETWORK", `The answer of ${endpoint} was cut off.`, { status });
    }
    if (text === undefined)
      throw new OAuthError("RESPONSE_TOO_LARGE", `The answer of ${endpoint} is larger than the cap.`, {
        status,
      });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (status < 200 || status >= 300) {
      const providerCode = plainCode((body as { error?: unknown } | undefined)?.error);
      const detail = providerCode === undefined ? "" : ` (${providerCode})`;
      if (providerCode === "invalid_grant")
        throw new OAuthError(
          "INVALID_GRANT",
          `The token endpoint ${endpoint} refused the refresh token (invalid_grant): it was revoked, expired or already used. Sign in again.`,
          { status, providerCode },
        );
      throw new OAuthError("HTTP_STATUS", `The token endpoint ${endpoint} answered ${status}${detail}.`, {
        status,
        ...(providerCode === undefined ? {} : { providerCode }),
      });
    }
    const parsed = tokenResponseSchema().safeParse(body);
    if (!parsed.success)
      throw new OAuthError(
        "RESPONSE_INVALID",
        `The answer of ${endpoint} is not a token response (needs access_token and expires_in).`,
        { status },
      );
    const data = parsed.data;
    const now = request.now ?? Date.now;
    return {
      access: data.access_token,
      ...(data.refresh_token ? { refresh: data.refresh_token } : {}),
      expires: now() + Number(data.expires_in) * 1000,
      ...(data.id_token ? { idToken: data.id_token } : {}),
      ...(data.scope === undefined ? {} : { scope: data.scope }),
      ...(data.token_type === undefined ? {} : { tokenType: data.token_type }),
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", onAbort);
  }
}
