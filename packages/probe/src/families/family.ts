// What the adapter of every API family provides: the smallest real request it accepts, and how to read its
// successful reply. (An API family is an id, model-ref's `ApiFamily`; an adapter speaks one.)
import type { ProviderError } from "../classify.js";
import type { TokenUsage } from "../schema.js";

/** The prompt every family sends: short, and asking for a short answer. */
export const PROBE_PROMPT = "Reply with OK. Do not use tools.";

/** How the credential is presented: a provider API key, or a bearer token (OAuth access token, setup token). */
export type AuthScheme = "api_key" | "bearer";

export interface AdapterRequestInput {
  readonly baseUrl: string;
  readonly model: string;
  readonly maxTokens: number;
  /** Undefined for a keyless local server. */
  readonly secret: string | undefined;
  readonly scheme: AuthScheme;
  /** The ChatGPT account the login belongs to (`chatgpt-account-id`); only the Codex family sends it. */
  readonly accountId?: string | undefined;
  /** The Code Assist project of a Gemini CLI login (`project` in the body); only the Gemini CLI family sends it. */
  readonly projectId?: string | undefined;
}

export interface AdapterRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** One server-sent event of a streamed reply: its `event` name and its `data` read as JSON (undefined if it is not). */
export interface StreamEvent {
  readonly event: string | undefined;
  readonly data: unknown;
}

/** What a streamed reply has decided: the model answered, or the stream carried a failure. */
export type StreamReading =
  | { readonly ok: true; readonly usage?: TokenUsage | undefined }
  | { readonly ok: false; readonly error: ProviderError };

/** The request builder and reply reader of one API family (`id`, as model-ref's `ApiFamily` names it). */
export interface ApiAdapter {
  readonly id: string;
  /** The smallest `maxTokens` the family's endpoints accept; smaller requests are raised to it. */
  readonly minMaxTokens: number;
  build(input: AdapterRequestInput): AdapterRequest;
  /** The usage of a successful reply, or undefined when the body is not this family's success shape. */
  readSuccess(body: unknown): { usage: TokenUsage | undefined } | undefined;
  /**
   * For a family that answers 2xx with server-sent events: the reading of one event, or undefined to read on. The
   * first reading decides, and the rest of the stream is not downloaded.
   */
  readEvent?(event: StreamEvent): StreamReading | undefined;
  /** What the target lacks that the family cannot do without, as a reason (nothing is then sent); undefined if none. */
  missing?(input: Pick<AdapterRequestInput, "accountId" | "projectId">): string | undefined;
  /** The base URL the credential itself names (Copilot's token does), used when the target gives none. */
  baseUrlOf?(secret: string): string | undefined;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;

/** Token counts from a usage object, by the names this family uses; undefined when it reports none. */
export function usageFrom(
  usage: unknown,
  names: { input: string; output: string; total?: string },
): TokenUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const inputTokens = count(usage[names.input]);
  const outputTokens = count(usage[names.output]);
  const reported = names.total === undefined ? undefined : count(usage[names.total]);
  const totalTokens =
    reported ??
    (inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined);
  if (inputTokens === undefined && outputTokens === undefined && totalTokens === undefined) return undefined;
  return {
    ...(inputTokens === undefined ? {} : { inputTokens }),
    ...(outputTokens === undefined ? {} : { outputTokens }),
    ...(totalTokens === undefined ? {} : { totalTokens }),
  };
}

/**
 * The base URL with `path` appended to its path: the base may carry a path (`https://api.groq.com/openai/v1`) and a
 * query (`https://x.openai.azure.com/openai/v1?api-version=2024-10-21`), which stays at the end. `dropping` is a last
 * path segment to take off first (configs point Ollama and Anthropic at `…/v1`, where their native paths do not live).
 */
export function joinUrl(baseUrl: string, path: string, dropping?: string): string {
  const url = new URL(baseUrl);
  let base = url.pathname.replace(/\/+$/, "");
  if (dropping !== undefined && base.endsWith(dropping)) base = base.slice(0, -dropping.length);
  url.pathname = `${base}${path}`;
  return url.href;
}

export const bearer = (secret: string | undefined): Record<string, string> =>
  secret === undefined ? {} : { authorization: `Bearer ${secret}` };
