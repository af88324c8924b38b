// One HTTP exchange for a probe, through ky: no retries, no redirects followed, the body read up to a cap, and a
// hard wall-clock deadline over the whole exchange (connect, headers, body) whatever the server does.
import ky from "ky";

export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export type HttpOutcome =
  | {
      readonly kind: "response";
      readonly status: number;
      readonly headers: Headers;
      readonly text: string;
      /** The body was longer than the cap; `text` holds its start. */
      readonly truncated: boolean;
    }
  /** The deadline passed; `status` is set when the headers had arrived. */
  | { readonly kind: "timeout"; readonly status?: number }
  | { readonly kind: "network"; readonly error: unknown };

export interface HttpLimits {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** The caller's cancellation; when it fires the exchange throws its reason. */
  readonly signal?: AbortSignal | undefined;
}

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  if (!body) return { text: "", truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > maxBytes) {
      truncated = true;
      // Stop the transfer: a 2 GB or never-ending body is not read to its end.
      await reader.cancel().catch(() => {});
      break;
    }
  }
  const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
  return { text: bytes.toString("utf8"), truncated };
}

export async function exchange(request: HttpRequest, limits: HttpLimits): Promise<HttpOutcome> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([limits.signal, deadline.signal]) : deadline.signal;
  let status: number | undefined;
  try {
    const response = await ky.post(request.url, {
      json: request.body,
      headers: request.headers,
      signal,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      // A redirect is answered, never followed: a key in `x-api-key` or `authorization` must not reach another host.
      redirect: "manual",
    });
    status = response.status;
    const { text, truncated } = await readCapped(response.body, limits.maxResponseBytes);
    return { kind: "response", status: response.status, headers: response.headers, text, truncated };
  } catch (error) {
    limits.signal?.throwIfAborted();
    if (deadline.signal.aborted)
      return status === undefined ? { kind: "timeout" } : { kind: "timeout", status };
    return { kind: "network", error };
  } finally {
    clearTimeout(timer);
  }
}
