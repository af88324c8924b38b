// The shapes of a scan: one entry of OpenRouter's model list as it is sent, and the scan's results and report (the
// single source of truth for the library's types and the CLI's `models scan --json`).
import * as z from "zod/mini";
import { ProbeResultSchema } from "../schema.js";

// OpenRouter sends `null` for a field it does not know (`top_provider.max_completion_tokens`, `per_request_limits`),
// so every optional field may also be null.
const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));
/** USD per token, as a decimal string (`"0.0000003"`, `"0"`, `"-1"` for a router's variable price). */
const price = z.union([z.string(), z.number()]);

/**
 * One entry of `GET /api/v1/models` (`{ data: [entry, …] }`), with the fields a scan reads. Fields not listed are
 * allowed and dropped; a listed field of the wrong type makes the entry malformed (the list reader skips it with a
 * warning). An id or name longer than any real one is malformed too: they end up in configs and terminals.
 */
export const OpenRouterModelSchema = z.object({
  /** `meta-llama/llama-3.3-70b-instruct:free`: the part before the first `/` is the model's maker. */
  id: z.string().check(z.minLength(1), z.maxLength(256)),
  name: maybe(z.string().check(z.maxLength(512))),
  /** Unix seconds when OpenRouter added the model. */
  created: maybe(z.number()),
  context_length: maybe(z.number()),
  architecture: maybe(
    z.object({
      /** `["text", "image"]`. */
      input_modalities: maybe(z.array(z.string())),
      output_modalities: maybe(z.array(z.string())),
      /** `"text+image->text"`: read only when `input_modalities` is absent. */
      modality: maybe(z.string()),
    }),
  ),
  pricing: maybe(z.object({ prompt: maybe(price), completion: maybe(price) })),
  top_provider: maybe(
    z.object({
      context_length: maybe(z.number()),
      max_completion_tokens: maybe(z.number()),
      is_moderated: maybe(z.boolean()),
    }),
  ),
  /** Request parameters some provider of the model accepts: `tools`, `tool_choice`, `max_tokens`, … */
  supported_parameters: maybe(z.array(z.string())),
});

const { status, reasonCode, providerCode, error, latencyMs, httpStatus, retryAfterMs } =
  ProbeResultSchema.shape;

/** How one probe of a candidate ended: a probe status and its details, as `ProbeResult` has them. */
export const ScanProbeSchema = z.object({
  status,
  /** `no_tool_call`, `empty_reply`, `timeout`, a network reason, or a pre-flight status. */
  reasonCode,
  providerCode,
  /** One short line, with every secret removed. */
  error,
  /** Absent when nothing was sent. */
  latencyMs,
  httpStatus,
  retryAfterMs,
});

/** One candidate of a scan: its metadata, and what its probes found (null when not probed). */
export const ScanResultSchema = z.object({
  /** `openrouter/<id>`, the ref a config holds. */
  ref: z.string(),
  id: z.string(),
  /** The list's name, or the id when it has none. */
  name: z.string(),
  contextLength: z.nullable(z.number()),
  maxCompletionTokens: z.nullable(z.number()),
  /** When OpenRouter added the model, as an ISO 8601 time; null when the list does not say. */
  created: z.nullable(z.string()),
  /** `["text", "image"]`; `["text"]` when the list does not say. */
  inputModalities: z.array(z.string()),
  isFree: z.boolean(),
  /** Billions of parameters read from the id and name (`70b`, `8x7b` → 56); null when neither says. */
  paramsB: z.nullable(z.number()),
  /** The tool-call probe; null when not probed (a metadata-only scan). */
  tool: z.nullable(ScanProbeSchema),
  /** The image-input probe; null for models without image input, and in a metadata-only scan. */
  image: z.nullable(ScanProbeSchema),
});

/** What `models scan --json` prints: OpenClaw's fields with the same meaning. */
export const ScanReportSchema = z.object({
  /** Refs of tool-call-capable models in rank order, at most `maxCandidates`: the fallbacks to set. */
  selected: z.array(z.string()),
  /** Refs of models that answered an image, fastest first, at most `maxCandidates`: the image fallbacks to set. */
  selectedImages: z.array(z.string()),
  /** Whether the first of `selected` was made the default model (the CLI sets it; the library says false). */
  setDefault: z.boolean(),
  /** Whether the first of `selectedImages` was made the image model (the CLI sets it; the library says false). */
  setImage: z.boolean(),
  /** Every candidate, ranked. */
  results: z.array(ScanResultSchema),
  /** Entries of the model list that were skipped, and why. */
  warnings: z.array(z.string()),
});

export type OpenRouterModel = z.infer<typeof OpenRouterModelSchema>;
export type ScanProbe = z.infer<typeof ScanProbeSchema>;
export type ScanResult = z.infer<typeof ScanResultSchema>;
export type ScanReport = z.infer<typeof ScanReportSchema>;
