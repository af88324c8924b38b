// The format of the model cache file, `<agentDir>/modelctl-models-cache.json`: the single source of its types. Built
// on first use, like every schema the start of `models list` may read with.
import * as z from "zod/mini";
import { lazy } from "./lazy.js";
import { liveModelSchema } from "./live-models-schema.js";

export const MODEL_CACHE_VERSION = 1;

/** One provider's list as last fetched whole. */
export const modelCacheEntrySchema = lazy(() =>
  z.object({
    /** When the list came back complete, as an ISO date. */
    fetchedAt: z.iso.datetime(),
    /** The API family it was read with. */
    api: z.optional(z.string()),
    models: z.array(liveModelSchema()),
  }),
);

/**
 * The whole file: `{ version: 1, providers: { <provider id>: entry } }`. Keys it does not declare are kept by every
 * write, so a newer modelctl can add some.
 */
export const modelCacheFileSchema = lazy(() =>
  z.looseObject({
    version: z.literal(MODEL_CACHE_VERSION),
    providers: z.record(z.string(), modelCacheEntrySchema()),
  }),
);

export type ModelCacheEntry = z.infer<ReturnType<typeof modelCacheEntrySchema>>;
export type ModelCacheFile = z.infer<ReturnType<typeof modelCacheFileSchema>>;
