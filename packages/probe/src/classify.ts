// From what came back (status code, the provider's error body, a network error) to one probe status.
import type { SentStatus } from "./statuses.js";

/** The parts of a provider's error body that classification reads, whatever the family's layout. */
export interface ProviderError {
  readonly message?: string;
  /** `type`, `code`, `status` or a details `reason`, whichever the provider sent, most specific first. */
  readonly codes: readonly string[];
}

const asString = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;

/**
 * Google's streaming endpoints (Code Assist's `streamGenerateContent`, which the Gemini CLI reports errors from) send
 * the error as the one element of a JSON array: `[{error:{…}}]`.
 */
const unwrapped = (body: unknown): unknown => (Array.isArray(body) && body.length === 1 ? body[0] : body);

/**
 * Reads the error layouts the families document: OpenAI `{error:{message,type,code}}`, Anthropic
 * `{type:"error",error:{type,message}}`, Gemini `{error:{code,message,status,details:[{reason}]}}` (also as
 * `[{error:…}]`), Ollama `{error:"…"}`, OpenRouter's `{error:{code,message,metadata}}`, and the ChatGPT backend's
 * `{detail:"…"}`.
 */
export function readProviderError(raw: unknown): ProviderError | undefined {
  const body = unwrapped(raw);
  if (typeof body !== "object" || body === null) return undefined;
  const { error, detail } = body as { error?: unknown; detail?: unknown };
  if (typeof error === "string") return { message: error, codes: [] };
  if (error === undefined && typeof detail === "string" && detail !== "")
    return { message: detail, codes: [] };
  if (typeof error !== "object" || error === null) return undefined;
  const record = error as Record<string, unknown>;
  const reasons = Array.isArray(record.details)
    ? record.details.flatMap((detail) => {
        const reason = asString((detail as { reason?: unknown } | null)?.reason);
        return reason ? [reason] : [];
      })
    : [];
  const codes = [...reasons, record.code, record.type, record.status]
    .map(asString)
    .filter((code): code is string => code !== undefined);
  const message = asString(record.message);
  return message === undefined ? { codes } : { message, codes };
}

const AUTH =
  /invalid[_ ]api[_ ]key|api_key_invalid|authentication_error|permission_error|permission_denied|unauthenticated|invalid x-api-key|incorrect api key|invalid authentication|unauthorized/;
// Codex's `usage_not_included`: the ChatGPT plan does not include Codex, which no waiting fixes.
const BILLING =
  /insufficient_quota|usage_not_included|billing|credit balance|insufficient (credits|funds|balance)|payment required|out of credits|exceeded your current quota/;
// Codex's `usage_limit_reached`: the plan's 5-hour or weekly window is used up until it resets.
const RATE_LIMIT = /rate_limit|rate limit|usage_limit_reached|resource_exhausted|too many requests/;
const OVERLOADED = /overloaded|server is busy|at capacity|\bunavailable\b/;
// Code Assist's 429 when the model has no capacity left for anyone (`MODEL_CAPACITY_EXHAUSTED`, "No capacity available
// for model … on the server"): the server is short, not the account's quota.
const NO_CAPACITY = /model_capacity_exhausted|model_capacity_exceeded|no capacity available/;
const FORMAT =
  /model_not_found|not_found|invalid_request|invalid_argument|does not exist|not supported|unsupported/;

/** The status of an HTTP answer that was not a success. */
export function classifyHttp(status: number, error: ProviderError | undefined): SentStatus {
  const text = [...(error?.codes ?? []), error?.message ?? ""].join(" ").toLowerCase();
  // Gemini answers a bad key with 400 INVALID_ARGUMENT + reason API_KEY_INVALID: the words beat the status code.
  if (AUTH.test(text) && status !== 429) return "auth";
  if (status === 401 || status === 403) return "auth";
  // Gemini's RESOURCE_EXHAUSTED mentions "billing details" but is a rate limit; OpenAI's insufficient_quota is a 429
  // that no waiting fixes.
  if (status === 402 || (BILLING.test(text) && !/resource_exhausted/.test(text))) return "billing";
  if (NO_CAPACITY.test(text)) return "overloaded";
  if (status === 429 || RATE_LIMIT.test(text)) return "rate_limit";
  if (status === 529 || status === 503 || OVERLOADED.test(text)) return "overloaded";
  if (status === 408 || status === 504) return "timeout";
  if ((status >= 400 && status < 500) || FORMAT.test(text)) return "format";
  return "unknown";
}

/** The `code` of the first error in a cause chain (`ENOTFOUND`, `ECONNREFUSED`, `UND_ERR_SOCKET`, …). */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 6; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A network failure as a short reason code and sentence; `host` is the endpoint's host, never a full URL. */
export function describeNetworkError(error: unknown, host: string): { reasonCode: string; error: string } {
  const code = errorCode(error) ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME")
    return { reasonCode: "dns", error: `DNS lookup for ${host} failed (${code}).` };
  if (code === "ECONNREFUSED") return { reasonCode: "refused", error: `Connection to ${host} was refused.` };
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE")
    return { reasonCode: "reset", error: `Connection to ${host} was reset.` };
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT")
    return { reasonCode: "connect_timeout", error: `Connecting to ${host} timed out.` };
  if (/CERT|TLS|SSL|EPROTO|UNABLE_TO_|SELF_SIGNED|SIGNATURE/.test(code))
    return { reasonCode: "tls", error: `TLS with ${host} failed (${code}).` };
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH")
    return { reasonCode: "unreachable", error: `${host} is unreachable (${code}).` };
  return { reasonCode: "network", error: `Request to ${host} failed${code ? ` (${code})` : ""}.` };
}

/** Milliseconds to wait, from OpenAI's `retry-after-ms` or the standard `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.has("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Milliseconds until a used-up plan window resets, from the ChatGPT backend's usage-limit error
 * (`{error:{type:"usage_limit_reached",resets_in_seconds,resets_at}}`, `resets_at` in epoch seconds), which comes
 * without a `retry-after`.
 */
export function resetsAfterMs(body: unknown, now: number): number | undefined {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== "object" || error === null) return undefined;
  const { resets_in_seconds: inSeconds, resets_at: at } = error as Record<string, unknown>;
  if (typeof inSeconds === "number" && Number.isFinite(inSeconds) && inSeconds >= 0)
    return Math.round(inSeconds * 1000);
  if (typeof at === "number" && Number.isFinite(at) && at > 0)
    return Math.max(0, Math.round(at * 1000 - now));
  return undefined;
}

const RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
// A protobuf Duration in JSON: decimal seconds with an `s` (`"68940s"`, `"34.074824224s"`).
const DURATION = /^(\d{1,12})(?:\.(\d{1,9}))?s$/;

/**
 * Milliseconds to wait from a Google error's `google.rpc.RetryInfo` detail
 * (`{error:{details:[{"@type":"type.googleapis.com/google.rpc.RetryInfo",retryDelay:"34.07s"}]}}`, also inside
 * `[…]`), which Gemini and Code Assist send with a 429 instead of a `retry-after` header.
 */
export function retryInfoMs(body: unknown): number | undefined {
  const error = (unwrapped(body) as { error?: unknown } | null)?.error;
  const details = (error as { details?: unknown } | null | undefined)?.details;
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    if (typeof detail !== "object" || detail === null) continue;
    const { "@type": type, retryDelay } = detail as Record<string, unknown>;
    if (type !== RETRY_INFO || typeof retryDelay !== "string") continue;
    const match = DURATION.exec(retryDelay.trim());
    if (!match) return undefined;
    return Math.round(Number(`${match[1]}.${match[2] ?? "0"}`) * 1000);
  }
  return undefined;
}

const RATE_LIMIT_HEADER = /^(x-ratelimit-|anthropic-ratelimit-|ratelimit|retry-after|x-rate-limit-)/;

/** The rate-limit headroom headers of a reply (`x-ratelimit-remaining-tokens`, …), or undefined when there are none. */
/** A real reply has a handful of rate-limit headers; a hostile one may send a thousand, each to be redacted. */
const MAX_RATE_LIMIT_HEADERS = 32;
const MAX_RATE_LIMIT_VALUE = 256;

export function rateLimitHeaders(headers: Headers): Record<string, string> | undefined {
  const found: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of headers) {
    if (!RATE_LIMIT_HEADER.test(name)) continue;
    if (++count > MAX_RATE_LIMIT_HEADERS) break;
    found[name] = value.slice(0, MAX_RATE_LIMIT_VALUE);
  }
  return count > 0 ? found : undefined;
}
