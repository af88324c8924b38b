// One HTTP exchange of a sign-in flow: a hard deadline over the whole exchange (headers and body), no redirects
// followed (a code or token must never travel to another host), no retries (a code and a refresh token are
// single-use), the body read up to a cap. Plain `fetch`: ky's extras (retries, hooks, JSON helpers) are what we
// must turn off here, and auth-profiles should not pull in an HTTP client for five requests.
import { AuthLoginError } from "../errors.js";
import { describeErrorBody, oauthErrorCode } from "./redact.js";

export interface HttpOptions {
  readonly timeoutMs?: number | undefined;
  readonly maxBytes?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** For messages. */
  readonly provider: string;
  /** Values this request carries that must not appear in an error (code, verifier, tokens, client secret). */
  readonly secrets?: readonly string[] | undefined;
}

export interface HttpReply {
  readonly status: number;
  readonly text: string;
}

export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 256 * 1024;

/** Sends one request and reads its reply; throws TIMEOUT, NETWORK, or PROVIDER_ERROR (body too large). */
export async function send(
  url: string,
  init: { method: "GET" | "POST"; headers?: Record<string, string>; body?: string },
  options: HttpOptions,
): Promise<HttpReply> {
  options.signal?.throwIfAborted();
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const host = safeHost(url);
  const timedOut = () =>
    new AuthLoginError("TIMEOUT", `${host} did not answer within ${timeoutMs} ms.`, {
      provider: options.provider,
    });
  let expired = false;
  // Raced against every wait: an aborted fetch cannot be trusted to settle promptly on its own.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(timedOut());
      controller.abort();
    }, timeoutMs);
  });
  deadline.catch(() => {});
  try {
    let response: Response;
    try {
      response = await Promise.race([
        fetch(url, {
          method: init.method,
          headers: init.headers ?? {},
          ...(init.body === undefined ? {} : { body: init.body }),
          redirect: "manual",
          signal: controller.signal,
        }),
        deadline,
      ]);
    } catch (error) {
      if (AuthLoginError.isInstance(error)) throw error;
      if (expired) throw timedOut();
      options.signal?.throwIfAborted();
      throw new AuthLoginError("NETWORK", `Could not reach ${host}: ${networkReason(error)}.`, {
        provider: options.provider,
        cause: error,
      });
    }
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (reader)
      for (;;) {
        const { done, value } = await Promise.race([reader.read(), deadline]).catch((error: unknown) => {
          // The abort that ends a stalled body can win the race against the deadline's own rejection.
          throw expired ? timedOut() : error;
        });
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          reader.cancel().catch(() => {});
          throw new AuthLoginError(
            "PROVIDER_ERROR",
            `${host} answered with more than ${maxBytes} bytes; refused.`,
            { provider: options.provider, status: response.status },
          );
        }
        chunks.push(value);
      }
    return { status: response.status, text: Buffer.concat(chunks).toString("utf8") };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** POSTs a form and returns the parsed JSON of a 2xx reply; any other reply is a redacted PROVIDER_ERROR. */
export async function postForm(
  url: string,
  form: Record<string, string | undefined>,
  options: HttpOptions & { headers?: Record<string, string> },
): Promise<unknown> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) if (value !== undefined) body.set(key, value);
  const reply = await send(
    url,
    {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        ...options.headers,
      },
      body: body.toString(),
    },
    options,
  );
  return jsonOf(url, reply, options);
}

/** The JSON of a 2xx reply; else PROVIDER_ERROR naming the status and the redacted OAuth error. */
export function jsonOf(url: string, reply: HttpReply, options: HttpOptions): unknown {
  const host = safeHost(url);
  if (reply.status < 200 || reply.status > 299) {
    const what = describeErrorBody(reply.text, options.secrets ?? []);
    const redirect = reply.status >= 300 && reply.status < 400 ? " (a redirect, not followed)" : "";
    const providerCode = oauthErrorCode(reply.text);
    throw new AuthLoginError(
      "PROVIDER_ERROR",
      `${host} answered HTTP ${reply.status}${redirect}${what ? `: ${what}` : ""}.`,
      {
        provider: options.provider,
        status: reply.status,
        ...(providerCode === undefined ? {} : { providerCode }),
      },
    );
  }
  try {
    return JSON.parse(reply.text);
  } catch {
    throw new AuthLoginError(
      "PROVIDER_ERROR",
      `${host} answered HTTP ${reply.status} with a body that is not JSON.`,
      {
        provider: options.provider,
        status: reply.status,
      },
    );
  }
}

/** `https://host[:port]` of a URL: what a message may name (never its query, which can carry a code). */
export function safeHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "the endpoint";
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  return error instanceof Error ? error.name : "unknown error";
}
