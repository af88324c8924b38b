// OpenRouter's model list, fetched under the probe rules (a deadline, no redirects, no retries, a size cap) and read
// entry by entry: a malformed entry is skipped with a warning, never the end of the scan.
import { getProvider, parseModelRef, unsafeCharacter } from "@modelctl/model-ref";
import { describeNetworkError, readProviderError } from "../classify.js";
import { ProbeError } from "../errors.js";
import { joinUrl } from "../families/family.js";
import { exchange } from "../http.js";
import { MAX_TIMEOUT_MS, positiveInteger } from "../options.js";
import { carriesSecret, redactSecrets } from "../redact.js";
import { revealSecret, type SecretValue } from "../target.js";
import { type OpenRouterModel, OpenRouterModelSchema } from "./schema.js";

/** Per request of a scan (the model list, each probe), as OpenClaw's scan: its free models can be slow to answer. */
export const DEFAULT_SCAN_TIMEOUT_MS = 12_000;
/**
 * The list is about 1 MB for ~350 models (mostly descriptions); 8 MiB leaves room for it to grow several times over
 * while a server that sends without end is still cut off.
 */
export const DEFAULT_MODEL_LIST_MAX_BYTES = 8 * 1024 * 1024;

export interface FetchOpenRouterModelsOptions {
  /** Default: the provider table's OpenRouter base URL (`https://openrouter.ai/api/v1`); `<baseUrl>/models` is fetched. */
  readonly baseUrl?: string | undefined;
  /**
   * Sent as a bearer token to the base URL's origin and nowhere else (redirects are not followed). The list is
   * public; an OpenRouter-compatible proxy may want it. Entries that repeat it are skipped.
   */
  readonly credential?: SecretValue | undefined;
  /** The whole exchange, from sending to the last byte. Default 12000. */
  readonly timeoutMs?: number | undefined;
  /** Bytes read at most. Default 8 MiB. */
  readonly maxResponseBytes?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface OpenRouterModelList {
  /** The usable entries, in the order sent. */
  readonly models: OpenRouterModel[];
  /** One line per entry skipped, and why. */
  readonly warnings: string[];
}

const OPENROUTER_BASE_URL = "https://openrouter.ai/api/v1";

/** The base URL of a scan, checked: an http(s) URL without a user name or password. */
export function scanBaseUrl(baseUrl: string | undefined): string {
  const url = baseUrl ?? getProvider("openrouter")?.baseUrl ?? OPENROUTER_BASE_URL;
  if (typeof url !== "string" || !URL.canParse(url))
    throw new ProbeError(
      "INVALID_OPTION",
      `baseUrl ${JSON.stringify(url)} is not a URL (expected e.g. ${OPENROUTER_BASE_URL}).`,
    );
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new ProbeError("INVALID_OPTION", `baseUrl must be an http(s) URL, got ${parsed.protocol}.`);
  // It would be sent as Basic auth next to the key, and shown in every message that names the URL.
  if (parsed.username !== "" || parsed.password !== "")
    throw new ProbeError(
      "INVALID_OPTION",
      `baseUrl (${parsed.protocol}//${parsed.host}) carries a user name or password; credentials belong in the credential option.`,
    );
  return url;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** `models[12] ("x/y")`: where a skipped entry was, and its id when it has one that can be shown. */
function entryLabel(index: number, entry: unknown, secrets: readonly string[]): string {
  const id = (entry as { id?: unknown } | null)?.id;
  if (typeof id !== "string" || id === "" || carriesSecret(id, secrets)) return `models[${index}]`;
  return `models[${index}] (${JSON.stringify(id.length > 80 ? `${id.slice(0, 79)}…` : id)})`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) current = (current as Record<PropertyKey, unknown> | null | undefined)?.[key];
  return current;
}

const kindOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "an array"
      : value === undefined
        ? "nothing"
        : typeof value;

/** Why an entry is no use: the first schema issue, or a reason of its own. */
function problemOf(entry: unknown, secrets: readonly string[]): string | OpenRouterModel {
  const parsed = OpenRouterModelSchema.safeParse(entry);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    if (issue === undefined) return "not a model entry";
    const path = issue.path.join(".");
    // zod/mini carries no message texts: say what was expected and what came, from the issue and the entry.
    let what = issue.message;
    if (issue.code === "invalid_type")
      what = `expected ${issue.expected}, got ${kindOf(valueAt(entry, issue.path))}`;
    else if (issue.code === "too_big") what = `longer than ${String(issue.maximum)} characters`;
    else if (issue.code === "too_small") what = "empty";
    return path === "" ? what.replace(/^expected object/, "expected an object") : `${path}: ${what}`;
  }
  const model = parsed.data;
  if (carriesSecret(model.id, secrets) || (model.name && carriesSecret(model.name, secrets)))
    return "it repeats the credential that was sent";
  // The id becomes `openrouter/<id>` in a config: it must read back as exactly that model, with no profile pin.
  try {
    const ref = parseModelRef(`openrouter/${model.id}`);
    if (ref.provider !== "openrouter" || ref.model !== model.id || ref.profileId !== undefined)
      return "its id does not make a model ref openrouter/<id>";
  } catch {
    const unsafe = unsafeCharacter(model.id);
    return `its id ${unsafe ? `contains ${unsafe.description}` : "does not make a model ref openrouter/<id>"}`;
  }
  return model;
}

/** The usable entries of a model list and a warning for each other one. */
export function readModelList(data: readonly unknown[], secrets: readonly string[]): OpenRouterModelList {
  const models: OpenRouterModel[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  data.forEach((entry, index) => {
    const outcome = problemOf(entry, secrets);
    if (typeof outcome === "string") {
      warnings.push(`Skipped ${entryLabel(index, entry, secrets)} of the model list: ${outcome}.`);
      return;
    }
    if (seen.has(outcome.id)) {
      warnings.push(`Skipped ${entryLabel(index, entry, secrets)} of the model list: its id came before.`);
      return;
    }
    seen.add(outcome.id);
    models.push(outcome);
  });
  return { models, warnings };
}

/**
 * `GET <baseUrl>/models`: OpenRouter's model list. Throws `ProbeError` (`MODEL_LIST_NETWORK`, `MODEL_LIST_TIMEOUT`,
 * `MODEL_LIST_HTTP`, `MODEL_LIST_INVALID`, or `INVALID_OPTION` for a bad option) with every string from the server redacted
 * and shown on one line; rejects with the signal's reason when aborted.
 */
export async function fetchOpenRouterModels(
  options: FetchOpenRouterModelsOptions = {},
): Promise<OpenRouterModelList> {
  const baseUrl = scanBaseUrl(options.baseUrl);
  const timeoutMs = positiveInteger("timeoutMs", options.timeoutMs, DEFAULT_SCAN_TIMEOUT_MS, MAX_TIMEOUT_MS);
  const maxResponseBytes = positiveInteger(
    "maxResponseBytes",
    options.maxResponseBytes,
    DEFAULT_MODEL_LIST_MAX_BYTES,
    Number.MAX_SAFE_INTEGER,
  );
  const secret = options.credential === undefined ? undefined : revealSecret(options.credential);
  const secrets = secret === undefined ? [] : [secret];
  const url = joinUrl(baseUrl, "/models");
  const host = new URL(url).host;
  const where = `the model list at ${host}`;

  const outcome = await exchange(
    {
      method: "get",
      url,
      headers: {
        accept: "application/json",
        ...(secret === undefined ? {} : { authorization: `Bearer ${secret}` }),
      },
    },
    { timeoutMs, maxResponseBytes, signal: options.signal },
  );
  if (outcome.kind === "timeout")
    throw new ProbeError(
      "MODEL_LIST_TIMEOUT",
      `Could not read ${where}: ${outcome.status === undefined ? "no answer" : "the answer did not finish"} within ${timeoutMs} ms.`,
      { reasonCode: "timeout", ...(outcome.status === undefined ? {} : { httpStatus: outcome.status }) },
    );
  if (outcome.kind === "network") {
    // ky's NetworkError holds the Request, whose headers carry the key: it is not kept as the cause.
    const { reasonCode, error } = describeNetworkError(outcome.error, host);
    throw new ProbeError("MODEL_LIST_NETWORK", `Could not read ${where}: ${error}`, { reasonCode });
  }

  const { status } = outcome;
  if (status >= 300 && status < 400) {
    const location = outcome.headers.get("location");
    const to = location && URL.canParse(location, url) ? new URL(location, url).origin : "elsewhere";
    throw new ProbeError(
      "MODEL_LIST_HTTP",
      `Could not read ${where}: it answered ${status} redirecting to ${redactSecrets(to, secrets)}, which is not followed. Check the base URL.`,
      { httpStatus: status, reasonCode: "redirect" },
    );
  }
  const body = outcome.truncated ? undefined : parseJson(outcome.text);
  if (status < 200 || status >= 300) {
    const message =
      readProviderError(body?.value)?.message ??
      (outcome.truncated ? "(error body too large to read)" : outcome.text);
    throw new ProbeError(
      "MODEL_LIST_HTTP",
      `Could not read ${where}: HTTP ${status}: ${redactSecrets(message, secrets) || "(empty body)"}`,
      { httpStatus: status },
    );
  }
  if (outcome.truncated)
    throw new ProbeError(
      "MODEL_LIST_INVALID",
      `Could not read ${where}: it is larger than ${maxResponseBytes} bytes.`,
      { httpStatus: status, reasonCode: "body_too_large" },
    );
  const data = (body?.value as { data?: unknown } | null | undefined)?.data;
  if (!body || !Array.isArray(data))
    throw new ProbeError(
      "MODEL_LIST_INVALID",
      `Could not read ${where}: the answer is not ${body ? "a model list ({ data: [...] })" : "JSON"}${body ? "" : `: ${redactSecrets(outcome.text, secrets) || "(empty body)"}`}`,
      { httpStatus: status, reasonCode: body ? "not_a_model_list" : "not_json" },
    );
  return readModelList(data, secrets);
}
