// The shape of `models list --json`: OpenClaw's fields first (key … missing), then modelctl's own. The single source
// of the row type; the CLI's published JSON Schema is generated from it.
import * as z from "zod/mini";
import { lazy } from "./lazy.js";

export const modelListRowSchema = lazy(() =>
  z.object({
    /** `provider/model`, canonical. */
    key: z.string(),
    /** The catalog's or the config's display name; the key for a missing model. */
    name: z.string(),
    /** OpenClaw's vocabulary: `text`, `text+image`, or `-` for a missing model (`modalities` has the full list). */
    input: z.enum(["text", "text+image", "-"]),
    /** Tokens; null where no source knows it. */
    contextWindow: z.nullable(z.number()),
    /** The provider's base URL is on this machine or the local network; null for a missing model. */
    local: z.nullable(z.boolean()),
    /** The provider has a usable credential (no network was used to say so); null for a missing model. */
    available: z.nullable(z.boolean()),
    /** `default`, `fallback#N`, `image`, `img-fallback#N`, `configured`, `alias:<a>[,<b>]`, `missing`. */
    tags: z.array(z.string()),
    /** Configured, of a provider neither built in, in the catalog, nor under `models.providers`. */
    missing: z.boolean(),
    /**
     * modelctl's own fields from here. Where the facts come from: `models.providers` in the config, the catalog, a
     * provider's live list (`--refresh`; input assumed text), or null when no source lists the model (facts null).
     */
    source: z.nullable(z.enum(["config", "catalog", "live"])),
    /** Every input modality: text, image, audio, video, pdf. */
    modalities: z.array(z.string()),
    maxOutputTokens: z.nullable(z.number()),
    /** US dollars per million tokens. */
    cost: z.nullable(
      z.object({ input: z.number(), output: z.number(), cacheRead: z.number(), cacheWrite: z.number() }),
    ),
    reasoning: z.nullable(z.boolean()),
    toolCall: z.nullable(z.boolean()),
    /** `YYYY-MM-DD` or `YYYY-MM`, where the source says. */
    releaseDate: z.nullable(z.string()),
  }),
);

export const modelListSchema = lazy(() =>
  z.object({
    count: z.number(),
    models: z.array(modelListRowSchema()),
  }),
);

export type ModelListRow = z.infer<ReturnType<typeof modelListRowSchema>>;
export type ModelList = z.infer<ReturnType<typeof modelListSchema>>;
