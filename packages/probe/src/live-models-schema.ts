// The shape of a live model list: one provider's answer to `fetchLiveModels`, and each model in it. The single source
// of their types; the model cache stores the models as they are. Built on first use: the cache is read at the start
// of `models list`, where building schemas nobody uses would cost start-up time.
import * as z from "zod/mini";
import { lazy } from "./lazy.js";
import { SENT_STATUSES } from "./statuses.js";

/** A listing ends as a probe does, or is decided before sending: no credential, an unresolved ref, an expired token. */
export const LIVE_MODELS_STATUSES = [
  ...SENT_STATUSES,
  "missing_credential",
  "expired",
  "unresolved_ref",
] as const;

/** One model as a provider lists it: the id its API takes, and what the provider says of it where it says it. */
export const liveModelSchema = lazy(() =>
  z.object({
    /** The model id as the provider's API takes it (`claude-haiku-4-5`, `meta-llama/llama-3.3-70b-instruct:free`). */
    id: z.string().check(z.minLength(1)),
    /** The provider's display name (`Claude Haiku 4.5`). */
    name: z.optional(z.string()),
    /** Tokens the model takes in (Gemini's `inputTokenLimit`, OpenRouter's `context_length`, …). */
    contextWindow: z.optional(z.int().check(z.positive())),
    /** Tokens it may answer with at most (Gemini's `outputTokenLimit`, Anthropic's `max_tokens`, …). */
    maxOutputTokens: z.optional(z.int().check(z.positive())),
  }),
);

/** One provider's answer: `ok` with its models, or why not (and then no models). */
export const liveModelsResultSchema = lazy(() =>
  z.object({
    provider: z.string(),
    profileId: z.optional(z.string()),
    /** The API family the request spoke. */
    api: z.optional(z.string()),
    status: z.enum(LIVE_MODELS_STATUSES),
    /** Why, in a stable word: `redirect`, `body_too_large`, `too_many_pages`, `unexpected_reply`, `dns`, … */
    reasonCode: z.optional(z.string()),
    /** The provider's own error code or type (`invalid_api_key`, `authentication_error`, `API_KEY_INVALID`). */
    providerCode: z.optional(z.string()),
    /** One short line, with every secret removed. */
    error: z.optional(z.string()),
    /** The status of the last answer. */
    httpStatus: z.optional(z.number()),
    retryAfterMs: z.optional(z.number()),
    /** Wall time of all the pages together; absent when nothing was sent. */
    latencyMs: z.optional(z.number()),
    /** Empty unless `ok`: a list that did not come back whole is not a list. */
    models: z.array(liveModelSchema()),
    /** When the answer was complete (or the failure known), as an ISO date. */
    fetchedAt: z.iso.datetime(),
  }),
);

export type LiveModel = z.infer<ReturnType<typeof liveModelSchema>>;
export type LiveModelsResult = z.infer<ReturnType<typeof liveModelsResultSchema>>;
export type LiveModelsStatus = (typeof LIVE_MODELS_STATUSES)[number];
