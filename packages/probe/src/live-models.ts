// fetchLiveModels: each provider's live model list, one target per provider, concurrently on a p-queue, each under
// the probe's HTTP rules (a deadline, no redirects, no retries, a size cap) and classified as a probe is.
import { normalizeProviderId, unsafeCharacter } from "@modelctl/model-ref";
import PQueue from "p-queue";
import { ProbeError } from "./errors.js";
import { fetchList, type ListDraft, type ListTarget } from "./lists/fetch-list.js";
import { model } from "./lists/list-adapter.js";
import type { LiveModel, LiveModelsResult } from "./live-models-schema.js";
import { DEFAULT_TIMEOUT_MS, positiveInteger } from "./options.js";
import { credentialPreflight, secretsOf } from "./probe.js";
import { carriesSecret, oneLine, redactSecrets, sharesDigits } from "./redact.js";
import { normalizeCredential, type ProbeCredentialInput } from "./target.js";

/** A listing costs no tokens and each target is another host: more of them at once than probes. */
export const DEFAULT_LIST_CONCURRENCY = 4;
/** All pages of one provider together. OpenRouter's list, the largest known, is a few MB. */
export const DEFAULT_MAX_LIST_BYTES = 8 * 1024 * 1024;
/** Anthropic and Gemini send up to 1000 models a page; 20 pages is far beyond any real list. */
export const DEFAULT_MAX_LIST_PAGES = 20;
// setTimeout's limit; a longer timeout would fire at once.
const MAX_TIMEOUT_MS = 2_147_483_647;
/** A model id or name longer than this is not one. */
const MAX_TEXT = 256;

/** Whose model list to read, and how: a probe target without a model (a `ProbeTarget` is one). */
export interface LiveModelsTarget {
  /** Canonical provider id; picks the API family and base URL from the provider table unless given below. */
  readonly provider: string;
  readonly profileId?: string | undefined;
  /** Absent: `missing_credential`, except for local providers, which are sent no key. */
  readonly credential?: ProbeCredentialInput | null | undefined;
  /** Overrides the provider table's endpoint (`models.providers.<id>.baseUrl`). */
  readonly baseUrl?: string | undefined;
  /** Overrides the provider table's API family (`models.providers.<id>.api`). */
  readonly api?: string | undefined;
  /** Extra request headers (`models.providers.<id>.headers`); treated as secrets in error messages. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

export interface LiveModelsOptions {
  /** Hard wall-clock limit per provider, over all its pages. Default 8000. */
  readonly timeoutMs?: number;
  /** Providers asked at once. Default 4. */
  readonly concurrency?: number;
  /** Bytes read per provider at most, over all its pages. Default 8 MiB. */
  readonly maxBytes?: number;
  /** Pages read per provider at most. Default 20. */
  readonly maxPages?: number;
  /** Cancels every listing: queued ones never start, running ones are aborted, and the call rejects with the reason. */
  readonly signal?: AbortSignal;
  /** Called as each result is known (those decided before sending first), with the target's index. */
  readonly onResult?: (result: LiveModelsResult, index: number, target: LiveModelsTarget) => void;
  /** Called when a provider's first request is about to be sent. */
  readonly onStart?: (index: number, target: LiveModelsTarget) => void;
  /** Epoch ms that credential expiry is judged against. Default `Date.now()`. */
  readonly now?: number;
}

function checkTargets(targets: readonly LiveModelsTarget[]): ListTarget[] {
  const seen = new Map<string, number>();
  return targets.map((target, index) => {
    if (typeof target?.provider !== "string" || target.provider.trim() === "")
      throw new ProbeError("INVALID_TARGET", `targets[${index}].provider must be a non-empty string.`);
    const provider = normalizeProviderId(target.provider);
    const first = seen.get(provider);
    if (first !== undefined)
      throw new ProbeError(
        "INVALID_TARGET",
        `targets[${index}] lists provider "${provider}" again (first at targets[${first}]); give one target per provider, since a provider has one model list.`,
      );
    seen.set(provider, index);
    const credential = normalizeCredential(target.credential);
    if (typeof credential === "string")
      throw new ProbeError("INVALID_TARGET", `targets[${index}]: ${credential}.`);
    return { ...target, credential };
  });
}

/** `text` when it can stand in a list exactly as the server sent it, else undefined. */
function keepText(text: string | undefined, secrets: readonly string[]): string | undefined {
  if (text === undefined || text.length > MAX_TEXT || unsafeCharacter(text)) return undefined;
  return secrets.length > 0 && carriesSecret(text, secrets) ? undefined : text;
}

/**
 * A model as it may be kept: ids and names are kept exact or not at all (a model whose id carries a secret, a control
 * or invisible character, or is absurdly long is dropped; such a name is left out), and a number that repeats 8
 * digits of a secret is left out.
 */
function safeModel(found: LiveModel, secrets: readonly string[]): LiveModel | undefined {
  const id = keepText(found.id, secrets);
  if (id === undefined) return undefined;
  const number = (value: number | undefined) =>
    value === undefined || sharesDigits(String(value), secrets) ? undefined : value;
  return model(id, keepText(found.name, secrets), number(found.contextWindow), number(found.maxOutputTokens));
}

/** The one door every result goes out through: server strings redacted, models made safe, and the result dated. */
function safeResult(draft: ListDraft, secrets: readonly string[]): LiveModelsResult {
  const { error, providerCode, retryAfterMs, models, ...rest } = draft;
  const clean = (text: string) => redactSecrets(text, secrets);
  return {
    ...rest,
    ...(retryAfterMs === undefined || sharesDigits(String(retryAfterMs), secrets) ? {} : { retryAfterMs }),
    ...(error === undefined ? {} : { error: clean(error) }),
    ...(providerCode === undefined ? {} : { providerCode: clean(providerCode) }),
    models: models.flatMap((found) => {
      const kept = safeModel(found, secrets);
      return kept ? [kept] : [];
    }),
    fetchedAt: new Date().toISOString(),
  };
}

/**
 * Reads each provider's live model list, at most `concurrency` providers at once. Results come through `onResult` as
 * they are known and are returned in target order; a provider that fails is a result with its status and no models.
 * Only misuse throws (`ProbeError`: a bad option, a target without a provider, two targets for one provider), and
 * cancellation rejects with the signal's reason once nothing is in flight.
 */
export async function fetchLiveModels(
  targets: readonly LiveModelsTarget[],
  options: LiveModelsOptions = {},
): Promise<LiveModelsResult[]> {
  const limits = {
    timeoutMs: positiveInteger("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS),
    maxBytes: positiveInteger("maxBytes", options.maxBytes, DEFAULT_MAX_LIST_BYTES, Number.MAX_SAFE_INTEGER),
    maxPages: positiveInteger("maxPages", options.maxPages, DEFAULT_MAX_LIST_PAGES, Number.MAX_SAFE_INTEGER),
    signal: options.signal,
  };
  const concurrency = positiveInteger(
    "concurrency",
    options.concurrency,
    DEFAULT_LIST_CONCURRENCY,
    Number.MAX_SAFE_INTEGER,
  );
  const now = options.now ?? Date.now();
  const checked = checkTargets(targets);
  const { signal } = options;
  signal?.throwIfAborted();

  const results = new Array<LiveModelsResult>(targets.length);
  const report = (result: LiveModelsResult, index: number) => {
    results[index] = result;
    options.onResult?.(result, index, targets[index] as LiveModelsTarget);
  };
  const queue = new PQueue({ concurrency });
  const pending: Promise<void>[] = [];
  checked.forEach((target, index) => {
    const decided = credentialPreflight(target, now);
    if (decided) {
      // Nothing was sent and nothing came back: only the caller's own strings, shown on one line.
      report(
        {
          provider: target.provider,
          ...(target.profileId === undefined ? {} : { profileId: target.profileId }),
          status: decided.status,
          reasonCode: decided.status,
          error: oneLine(decided.error),
          models: [],
          fetchedAt: new Date().toISOString(),
        },
        index,
      );
      return;
    }
    pending.push(
      queue.add(
        async () => {
          options.onStart?.(index, targets[index] as LiveModelsTarget);
          report(safeResult(await fetchList(target, limits), secretsOf(target)), index);
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
