// One provider's model list: every page, a GET each, under one deadline and one byte budget for them all. What comes
// back is classified as a probe's reply is; only a complete list is `ok`.
import { classifyHttp, describeNetworkError, readProviderError, retryAfterMs } from "../classify.js";
import { resolveEndpoint } from "../endpoint.js";
import { exchange } from "../http.js";
import type { LiveModel, LiveModelsResult } from "../live-models-schema.js";
import type { CheckedTarget } from "../options.js";
import { parseJson } from "../probe.js";
import { revealSecret } from "../target.js";
import { LIST_API_FAMILIES, listAdapterFor } from "./index.js";

/**
 * Far above any real list (OpenRouter's, the longest known, has some hundreds); each model's id and name are searched
 * for secrets, and a hostile server's 100 000 tiny models would hold up the event loop that keeps other deadlines.
 */
const MAX_MODELS = 10_000;

export interface ListLimits {
  /** For all the pages together, from the first request. */
  readonly timeoutMs: number;
  /** Bytes of all the pages together. */
  readonly maxBytes: number;
  readonly maxPages: number;
  readonly signal?: AbortSignal | undefined;
}

export type ListTarget = Pick<
  CheckedTarget,
  "provider" | "profileId" | "credential" | "baseUrl" | "api" | "headers"
>;

/** A result before its strings are made safe and it is dated. */
export type ListDraft = Omit<LiveModelsResult, "fetchedAt">;

export async function fetchList(target: ListTarget, limits: ListLimits): Promise<ListDraft> {
  const base = {
    provider: target.provider,
    ...(target.profileId === undefined ? {} : { profileId: target.profileId }),
  };
  const endpoint = resolveEndpoint(target, listAdapterFor, LIST_API_FAMILIES, "Listing the models of");
  if ("error" in endpoint) return { ...base, ...endpoint, status: "unknown", models: [] };
  const { adapter, api, baseUrl } = endpoint;

  const { credential } = target;
  const secret = credential && "secret" in credential ? revealSecret(credential.secret) : undefined;
  const scheme = credential?.type === "token" || credential?.type === "oauth" ? "bearer" : "api_key";
  const headers = { ...target.headers, ...adapter.headers(secret, scheme) };
  const started = performance.now();
  const end = started + limits.timeoutMs;
  const sent = () => ({ ...base, api, latencyMs: Math.round(performance.now() - started) });
  const failed = (
    status: ListDraft["status"],
    reasonCode: string,
    error: string,
    extra: Partial<ListDraft> = {},
  ): ListDraft => ({ ...sent(), ...extra, status, reasonCode, error, models: [] });

  const found = new Map<string, LiveModel>();
  const cursors = new Set<string>();
  let budget = limits.maxBytes;
  let cursor: string | undefined;
  for (let page = 1; ; page += 1) {
    const url = adapter.pageUrl(baseUrl, cursor);
    const host = new URL(url).host;
    const late = `The model list from ${host} did not finish within ${limits.timeoutMs} ms.`;
    const left = Math.ceil(end - performance.now());
    if (left <= 0) return failed("timeout", "timeout", late);
    const outcome = await exchange(
      { method: "get", url, headers },
      { timeoutMs: left, maxResponseBytes: budget, signal: limits.signal },
    );
    if (outcome.kind === "timeout")
      return failed(
        "timeout",
        "timeout",
        page === 1 && outcome.status === undefined
          ? `No answer from ${host} within ${limits.timeoutMs} ms.`
          : late,
        outcome.status === undefined ? {} : { httpStatus: outcome.status },
      );
    if (outcome.kind === "network")
      return { ...sent(), status: "network", ...describeNetworkError(outcome.error, host), models: [] };

    const httpStatus = outcome.status;
    const retryAfter = retryAfterMs(outcome.headers, Date.now());
    const answered = { httpStatus, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) };
    if (httpStatus >= 300 && httpStatus < 400) {
      const location = outcome.headers.get("location");
      const to = location && URL.canParse(location, url) ? new URL(location, url).origin : "elsewhere";
      return failed(
        "unknown",
        "redirect",
        `${host} answered ${httpStatus} redirecting to ${to}; not followed, so the credential stayed with ${host}. Check the base URL.`,
        answered,
      );
    }
    const body = outcome.truncated ? undefined : parseJson(outcome.text);
    const providerError = readProviderError(body);
    if (httpStatus < 200 || httpStatus >= 300 || providerError) {
      const message =
        providerError?.message ?? (outcome.truncated ? "(error body too large to read)" : outcome.text);
      const providerCode = providerError?.codes[0];
      return {
        ...sent(),
        ...answered,
        status: classifyHttp(httpStatus, providerError),
        ...(providerCode === undefined ? {} : { providerCode }),
        error: `HTTP ${httpStatus}: ${message || "(empty body)"}`,
        models: [],
      };
    }
    if (outcome.truncated)
      return failed(
        "format",
        "body_too_large",
        `The model list from ${host} is larger than ${limits.maxBytes} bytes${page > 1 ? ` over ${page} pages` : ""}; it is not kept.`,
        answered,
      );
    const read = body === undefined ? undefined : adapter.readPage(body);
    if (!read)
      return failed(
        "format",
        "unexpected_reply",
        `The answer from ${host} is not a ${api} model list. Check the base URL and API family.`,
        answered,
      );
    for (const model of read.models) if (!found.has(model.id)) found.set(model.id, model);
    if (found.size > MAX_MODELS)
      return failed(
        "format",
        "too_many_models",
        `${host} lists more than ${MAX_MODELS} models; that is not a model list, so it is not kept.`,
        answered,
      );
    budget -= Buffer.byteLength(outcome.text);
    if (read.next === undefined) return { ...sent(), ...answered, status: "ok", models: [...found.values()] };
    // A cursor seen before would make the same pages come round again.
    if (read.next === cursor || cursors.has(read.next))
      return failed(
        "format",
        "pagination_loop",
        `${host} sent the same page cursor twice; the list would never end, so it is not kept.`,
        answered,
      );
    if (page >= limits.maxPages)
      return failed(
        "format",
        "too_many_pages",
        `${host} has more than ${limits.maxPages} pages of models; a partial list is not kept.`,
        answered,
      );
    if (budget <= 0)
      return failed(
        "format",
        "body_too_large",
        `The model list from ${host} is larger than ${limits.maxBytes} bytes over ${page} pages; it is not kept.`,
        answered,
      );
    cursors.add(read.next);
    cursor = read.next;
  }
}
