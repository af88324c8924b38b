// probeOne / probeAll: pre-flight checks, then one bounded request per target, scheduled by p-queue.
import { getProvider } from "@modelctl/model-ref";
import PQueue from "p-queue";
import {
  classifyHttp,
  describeNetworkError,
  rateLimitHeaders,
  readProviderError,
  resetsAfterMs,
  retryAfterMs,
  retryInfoMs,
} from "./classify.js";
import { endpointOf } from "./endpoint.js";
import type { AdapterRequest, ApiAdapter, StreamEvent, StreamReading } from "./families/family.js";
import { adapterFor } from "./families/index.js";
import { exchange } from "./http.js";
import {
  type CheckedTarget,
  checkTarget,
  type ProbeOptions,
  type ResolvedOptions,
  resolveOptions,
} from "./options.js";
import { oneLine, redactSecrets, sharesDigits } from "./redact.js";
import type { PreflightStatus, ProbeResult, ProbeStatus, TokenUsage } from "./schema.js";
import { eventReader } from "./sse.js";
import { type ProbeTarget, revealSecret } from "./target.js";

const identity = (target: CheckedTarget) => ({
  provider: target.provider,
  ...(target.model ? { model: target.model } : {}),
  ...(target.profileId === undefined ? {} : { profileId: target.profileId }),
});

const preflightResult = (target: CheckedTarget, status: PreflightStatus, error: string): ProbeResult => ({
  ...identity(target),
  status,
  reasonCode: status,
  error,
});

/** Why the credential keeps anything from being sent (no credential, an unresolved ref, an expired token), if it does. */
export function credentialPreflight(
  target: Pick<CheckedTarget, "provider" | "credential">,
  now: number,
): { status: "missing_credential" | "unresolved_ref" | "expired"; error: string } | undefined {
  const { credential } = target;
  if (credential === undefined && getProvider(target.provider)?.local !== true)
    return { status: "missing_credential", error: "No credential for this provider." };
  if (credential?.type === "missing")
    return { status: "missing_credential", error: `No credential to send: ${credential.reason}.` };
  if (credential?.type === "unresolved")
    return { status: "unresolved_ref", error: `Credential could not be resolved: ${credential.reason}.` };
  if (
    (credential?.type === "token" || credential?.type === "oauth") &&
    credential.expiresAt !== undefined &&
    credential.expiresAt <= now
  )
    return {
      status: "expired",
      error: `The ${credential.type === "oauth" ? "OAuth access token" : "token"} expired at ${new Date(credential.expiresAt).toISOString()}.`,
    };
  return undefined;
}

/** The outcome decided without sending anything, or undefined when the target is to be probed. */
export function preflight(target: CheckedTarget, now: number): ProbeResult | undefined {
  if (target.excludedByAuthOrder)
    return preflightResult(target, "excluded_by_auth_order", "Excluded by auth.order for this provider.");
  if (!target.model) return preflightResult(target, "no_model", "No model available for probe.");
  const decided = credentialPreflight(target, now);
  if (decided) return preflightResult(target, decided.status, decided.error);
  // What the family cannot do without besides the secret (the ChatGPT backend: the login's account id; Code Assist:
  // the login's project).
  const api = target.api ?? getProvider(target.provider)?.api;
  const lacking =
    api === undefined
      ? undefined
      : adapterFor(api)?.missing?.({ accountId: target.accountId, projectId: target.projectId });
  return lacking === undefined
    ? undefined
    : preflightResult(target, "missing_credential", `No credential to send: ${lacking}.`);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Config headers that carry credentials (`x-proxy-token`, `cf-aig-authorization`); `HTTP-Referer` and the like do not,
// and treating their values as secrets would strip every URL from error messages.
export const SECRET_HEADER = /auth|key|token|secret|cookie|session|signature|password/i;

/**
 * What was sent that must never come back in a result: the credential, the account id or project that goes with it,
 * and config headers that carry one.
 */
export function secretsOf(
  target: Pick<CheckedTarget, "credential" | "headers" | "accountId" | "projectId">,
): string[] {
  const { credential } = target;
  return [
    ...(credential && "secret" in credential ? [revealSecret(credential.secret)] : []),
    ...(target.accountId === undefined ? [] : [target.accountId]),
    ...(target.projectId === undefined ? [] : [target.projectId]),
    ...Object.entries(target.headers ?? {})
      .filter(([name]) => SECRET_HEADER.test(name))
      .map(([, value]) => value),
  ];
}

/**
 * The one door every result goes out through: each string in it that a server or a file could have written passes
 * `redactSecrets`, so no secret we sent comes back (in any encoding) and no control character reaches a terminal.
 */
export function safeResult(result: ProbeResult, secrets: readonly string[]): ProbeResult {
  const clean = (text: string) => redactSecrets(text, secrets);
  const { error, providerCode, rateLimit, retryAfterMs, usage, ...rest } = result;
  // A number from the server can echo the digits of a key too (`retry-after: 20240917`): such a field is dropped.
  const echoes = (value: number | undefined) => value !== undefined && sharesDigits(String(value), secrets);
  const keptUsage =
    usage === undefined
      ? undefined
      : Object.fromEntries(Object.entries(usage).filter(([, value]) => !echoes(value)));
  return {
    ...rest,
    ...(retryAfterMs === undefined || echoes(retryAfterMs) ? {} : { retryAfterMs }),
    ...(keptUsage === undefined || Object.keys(keptUsage).length === 0 ? {} : { usage: keptUsage }),
    ...(error === undefined ? {} : { error: clean(error) }),
    ...(providerCode === undefined ? {} : { providerCode: clean(providerCode) }),
    ...(rateLimit === undefined
      ? {}
      : {
          rateLimit: Object.fromEntries(
            Object.entries(rateLimit).map(([name, value]) => [clean(name), clean(value)]),
          ),
        }),
  };
}

/** What a 2xx JSON reply that carries no error object says: success (with its usage), or a failure found in it. */
export type ReplyVerdict =
  | { readonly ok: true; readonly usage?: TokenUsage | undefined }
  | {
      readonly ok: false;
      readonly status: ProbeStatus;
      readonly reasonCode?: string | undefined;
      readonly providerCode?: string | undefined;
      readonly error: string;
    };

/** A request ready to send, and how to read its successful reply. */
export interface PreparedRequest {
  /** The API family the request speaks, as results name it. */
  readonly api: string;
  readonly request: AdapterRequest;
  /** The verdict on a 2xx JSON reply without an error object; undefined when the body is not the family's reply. */
  readonly judge: (body: unknown) => ReplyVerdict | undefined;
  /** For a family that streams its 2xx reply as server-sent events: the reading of each event until one decides. */
  readonly readEvent?: ((event: StreamEvent) => StreamReading | undefined) | undefined;
}

/** The adapter's request for a target, judged by the adapter's success shape. */
function adapterRequest(
  adapter: ApiAdapter,
  baseUrl: string,
  target: CheckedTarget,
  options: ResolvedOptions,
): PreparedRequest {
  const { credential } = target;
  const request = adapter.build({
    baseUrl,
    model: target.model ?? "",
    maxTokens: Math.max(options.maxTokens, adapter.minMaxTokens),
    secret: credential && "secret" in credential ? revealSecret(credential.secret) : undefined,
    scheme: credential?.type === "token" || credential?.type === "oauth" ? "bearer" : "api_key",
    accountId: target.accountId,
    projectId: target.projectId,
  });
  return {
    api: adapter.id,
    request,
    judge: (body) => {
      const success = adapter.readSuccess(body);
      return success && { ok: true, usage: success.usage };
    },
    readEvent: adapter.readEvent?.bind(adapter),
  };
}

/** Sends one target's request (pre-flight already passed) and classifies what happens. */
async function send(
  target: CheckedTarget,
  options: ResolvedOptions,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const endpoint = endpointOf(target);
  if ("error" in endpoint) return { ...identity(target), ...endpoint, status: "unknown" };
  return sendPrepared(
    target,
    adapterRequest(endpoint.adapter, endpoint.baseUrl, target, options),
    options,
    signal,
  );
}

/**
 * The result of a 2xx reply that came as an event stream: the deciding event's reading (the model answered, or the
 * stream carried a failure, classified as an error body would be), or why none came.
 */
function judgeStream<T extends { readonly httpStatus: number }>(
  reading: StreamReading | undefined,
  answered: T,
  host: string,
  truncated: boolean,
  options: Pick<ResolvedOptions, "maxResponseBytes">,
): T & Pick<ProbeResult, "status" | "reasonCode" | "providerCode" | "error" | "usage"> {
  if (reading?.ok) return { ...answered, status: "ok", ...(reading.usage ? { usage: reading.usage } : {}) };
  if (reading) {
    const providerCode = reading.error.codes[0];
    return {
      ...answered,
      status: classifyHttp(answered.httpStatus, reading.error),
      reasonCode: "error_in_stream",
      ...(providerCode === undefined ? {} : { providerCode }),
      error: `The stream from ${host} reported a failure: ${reading.error.message ?? providerCode ?? "(no message)"}`,
    };
  }
  return {
    ...answered,
    status: "format",
    reasonCode: truncated ? "body_too_large" : "incomplete_stream",
    error: truncated
      ? `The stream from ${host} had no answer in its first ${options.maxResponseBytes} bytes.`
      : `The stream from ${host} ended before the model answered.`,
  };
}

/**
 * Sends a prepared request for a target (pre-flight passed, endpoint checked) under the deadline and classifies what
 * comes back: timeout, network failure, redirect (never followed), the provider's error body, or the judge's verdict
 * on a 2xx reply. The result still holds the server's strings as sent: it goes out through `safeResult`.
 */
export async function sendPrepared(
  target: CheckedTarget,
  prepared: PreparedRequest,
  options: Pick<ResolvedOptions, "timeoutMs" | "maxResponseBytes">,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const { request, api } = prepared;
  const host = new URL(request.url).host;
  const started = performance.now();
  const events = prepared.readEvent && eventReader(prepared.readEvent);
  const outcome = await exchange(
    {
      url: request.url,
      headers: { ...target.headers, ...request.headers },
      body: request.body,
      stopWhen: events?.feed,
    },
    { timeoutMs: options.timeoutMs, maxResponseBytes: options.maxResponseBytes, signal },
  );
  const latencyMs = Math.round(performance.now() - started);
  const sent = { ...identity(target), api, latencyMs };

  if (outcome.kind === "timeout")
    return {
      ...sent,
      status: "timeout",
      reasonCode: "timeout",
      error:
        outcome.status === undefined
          ? `No answer from ${host} within ${options.timeoutMs} ms.`
          : `The answer from ${host} did not finish within ${options.timeoutMs} ms.`,
      ...(outcome.status === undefined ? {} : { httpStatus: outcome.status }),
    };
  if (outcome.kind === "network")
    return { ...sent, status: "network", ...describeNetworkError(outcome.error, host) };

  const { status: httpStatus, headers } = outcome;
  const rateLimit = rateLimitHeaders(headers);
  const retryAfter = retryAfterMs(headers, Date.now());
  const answered = {
    ...sent,
    httpStatus,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  };
  if (httpStatus >= 300 && httpStatus < 400) {
    const location = headers.get("location");
    const to =
      location && URL.canParse(location, request.url) ? new URL(location, request.url).origin : "elsewhere";
    return {
      ...answered,
      status: "unknown",
      reasonCode: "redirect",
      error: `${host} answered ${httpStatus} redirecting to ${to}; not followed, so the credential stayed with ${host}. Check the base URL.`,
    };
  }
  const success = httpStatus >= 200 && httpStatus < 300;
  if (success && events && events.events > 0)
    return judgeStream(events.reading, answered, host, outcome.truncated, options);
  const body = outcome.truncated ? undefined : parseJson(outcome.text);
  const providerError = readProviderError(body);
  if (success && !providerError) {
    const verdict = body === undefined ? undefined : prepared.judge(body);
    if (verdict?.ok)
      return { ...answered, status: "ok", ...(verdict.usage === undefined ? {} : { usage: verdict.usage }) };
    if (verdict)
      return {
        ...answered,
        status: verdict.status,
        ...(verdict.reasonCode === undefined ? {} : { reasonCode: verdict.reasonCode }),
        ...(verdict.providerCode === undefined ? {} : { providerCode: verdict.providerCode }),
        error: verdict.error,
      };
    return {
      ...answered,
      status: "format",
      reasonCode: outcome.truncated ? "body_too_large" : "unexpected_reply",
      error: outcome.truncated
        ? `The answer from ${host} was larger than ${options.maxResponseBytes} bytes; it is not a ${api} reply.`
        : `The answer from ${host} is not a ${api} reply. Check the base URL and API family.`,
    };
  }
  const status = classifyHttp(httpStatus, providerError);
  const message =
    providerError?.message ?? (outcome.truncated ? "(error body too large to read)" : outcome.text);
  const providerCode = providerError?.codes[0];
  // The ChatGPT backend says when a used-up plan window resets in the body, not in `retry-after`; Google in a
  // `google.rpc.RetryInfo` detail.
  const resets =
    answered.retryAfterMs === undefined && (httpStatus === 429 || httpStatus === 503)
      ? (resetsAfterMs(body, Date.now()) ?? retryInfoMs(body))
      : undefined;
  return {
    ...answered,
    ...(resets === undefined ? {} : { retryAfterMs: resets }),
    status,
    ...(providerCode === undefined ? {} : { providerCode }),
    error: `HTTP ${httpStatus}: ${message || "(empty body)"}`,
  };
}

/** Probes one target: pre-flight checks, then (unless one decided) a single bounded request. */
export async function probeOne(target: ProbeTarget, options: ProbeOptions = {}): Promise<ProbeResult> {
  const [result] = await probeAll([target], { ...options, concurrency: 1 });
  return result as ProbeResult;
}

/**
 * Probes every target with at most `concurrency` requests in flight. Results come through `onResult` as they are
 * known and are returned in target order. Provider failures are results; only misuse throws (`ProbeError`), and
 * cancellation rejects with the signal's reason once nothing is in flight.
 */
export async function probeAll(
  targets: readonly ProbeTarget[],
  options: ProbeOptions = {},
): Promise<ProbeResult[]> {
  const resolved = resolveOptions(options);
  const checked = targets.map(checkTarget);
  const { signal } = options;
  signal?.throwIfAborted();
  const results = new Array<ProbeResult>(targets.length);
  const report = (result: ProbeResult, index: number) => {
    results[index] = result;
    options.onResult?.(result, index, targets[index] as ProbeTarget);
  };

  const queue = new PQueue({ concurrency: resolved.concurrency });
  const pending: Promise<void>[] = [];
  checked.forEach((target, index) => {
    const decided = preflight(target, resolved.now);
    if (decided) {
      // Nothing was sent and nothing came back: only the file's own strings, shown on one line.
      report(decided.error === undefined ? decided : { ...decided, error: oneLine(decided.error) }, index);
      return;
    }
    pending.push(
      queue.add(
        async () => {
          options.onStart?.(index, targets[index] as ProbeTarget);
          report(safeResult(await send(target, resolved, signal), secretsOf(target)), index);
        },
        signal === undefined ? {} : { signal },
      ),
    );
  });
  const settled = await Promise.allSettled(pending);
  signal?.throwIfAborted();
  for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
  return results;
}
