// One HTTP exchange for a probe or a model list, through ky: no retries, no redirects followed, the body read up to a cap, and a
// hard wall-clock deadline over the whole exchange (connect, headers, body) whatever the server does.
import ky from "ky";

export interface HttpRequest {
  /** Default `post`; a `get` sends no body. */
  readonly method?: "get" | "post";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /**
   * Fed each piece of a 2xx body as it arrives, decoded; once it returns true the rest is not read and the connection
   * is closed. For a reply streamed as events whose first ones already answer the question (the ChatGPT backend only
   * streams, and a stream ends when the model is done, not when the probe has its answer).
   */
  readonly stopWhen?: ((text: string) => boolean) | undefined;
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

const noop = () => {};

/** Why an exchange was stopped before it finished. */
class Stopped extends Error {
  readonly by: "deadline" | "caller";
  constructor(by: "deadline" | "caller") {
    super(by);
    this.by = by;
  }
}

/**
 * The exchange's deadline (one timer) and the caller's cancellation, which every wait is raced against. An abort
 * travels from our signal through ky's and undici's own signals to the socket, and that chain can be lost to the
 * garbage collector mid-exchange (a known Node problem), so it is used to release the connection, never trusted to
 * end the wait.
 */
class Deadline {
  stopped: Stopped | undefined;
  readonly controller = new AbortController();
  #reject: ((reason: Stopped) => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #end: number;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.#stop(new Stopped("caller"));

  constructor(timeoutMs: number, signal: AbortSignal | undefined) {
    this.#end = performance.now() + timeoutMs;
    this.#signal = signal;
    this.#arm(timeoutMs);
    signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  // A timer may fire up to a millisecond early by the performance clock; re-arm then, so that a `timeout` is only
  // ever reported once the whole timeout has passed.
  #arm(ms: number) {
    this.#timer = setTimeout(() => {
      const left = this.#end - performance.now();
      if (left > 0) this.#arm(Math.ceil(left));
      else this.#stop(new Stopped("deadline"));
    }, ms);
  }

  #stop(reason: Stopped) {
    if (this.stopped) return;
    this.stopped = reason;
    this.#reject?.(reason);
    this.controller.abort(reason.by === "caller" ? this.#signal?.reason : reason);
  }

  /** `promise`, or a rejection with `Stopped` as soon as the deadline passes or the caller cancels. */
  wait<T>(promise: Promise<T>): Promise<T> {
    // One waiter at a time (the exchange's waits are sequential), so nothing piles up on a long-lived promise.
    return new Promise<T>((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      this.#reject = reject;
      promise.then(resolve, reject).finally(() => {
        if (this.#reject === reject) this.#reject = undefined;
      });
    });
  }

  dispose() {
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener("abort", this.#onAbort);
  }
}

async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  deadline: Deadline,
  stopWhen: ((text: string) => boolean) | undefined,
): Promise<{ text: string; truncated: boolean }> {
  if (!body) return { text: "", truncated: false };
  const reader = body.getReader();
  // Decodes across chunk boundaries (a character split between two reads comes out whole).
  const decoder = new TextDecoder();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  let enough = false;
  try {
    for (;;) {
      const { done, value } = await deadline.wait(reader.read());
      if (done) break;
      chunks.push(value);
      // Only what fits under the cap is looked at, so that a verdict never rests on bytes the cap leaves out.
      const kept = value.subarray(0, Math.max(0, maxBytes - size));
      size += value.byteLength;
      if (stopWhen?.(decoder.decode(kept, { stream: true }))) {
        enough = true;
        break;
      }
      if (size > maxBytes) {
        truncated = true;
        break;
      }
    }
  } finally {
    // Stops the transfer (a 2 GB, never-ending or stalled body is not read to its end, nor a stream past its answer)
    // and closes the connection, straight through the stream rather than the abort signal. Not awaited: a stalled
    // stream may never confirm.
    if (truncated || enough || deadline.stopped) reader.cancel().catch(noop);
  }
  const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
  return { text: bytes.toString("utf8"), truncated };
}

export async function exchange(request: HttpRequest, limits: HttpLimits): Promise<HttpOutcome> {
  limits.signal?.throwIfAborted();
  const deadline = new Deadline(limits.timeoutMs, limits.signal);
  let status: number | undefined;
  let sent: Promise<Response> | undefined;
  try {
    sent = ky(request.url, {
      method: request.method ?? "post",
      ...(request.method === "get" ? {} : { json: request.body }),
      headers: request.headers,
      signal: deadline.controller.signal,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      // A redirect is answered, never followed: a key in `x-api-key` or `authorization` must not reach another host.
      redirect: "manual",
    });
    const response = await deadline.wait(sent);
    status = response.status;
    const stopWhen = response.ok ? request.stopWhen : undefined;
    const { text, truncated } = await readCapped(response.body, limits.maxResponseBytes, deadline, stopWhen);
    return { kind: "response", status: response.status, headers: response.headers, text, truncated };
  } catch (error) {
    if (deadline.stopped?.by === "caller") limits.signal?.throwIfAborted();
    if (deadline.stopped) return status === undefined ? { kind: "timeout" } : { kind: "timeout", status };
    return { kind: "network", error };
  } finally {
    deadline.dispose();
    // Headers that arrive after we stopped waiting: release their body (and with it the connection) at once.
    if (deadline.stopped && status === undefined)
      sent?.then((response) => response.body?.cancel().catch(noop), noop);
  }
}
