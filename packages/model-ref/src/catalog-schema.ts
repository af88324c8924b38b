// The shape of the offline model catalog (`@modelctl/model-ref/catalog`): one entry per model, and the header that
// says where the snapshot came from. The single source of its types; the generator and the tests validate with it,
// the loader does not (the bundled data is checked before it is committed, and parsing it again costs start-up time).
import * as z from "zod/mini";
import { lazy } from "./lazy.js";

// A provider id as a ref's provider part must be (parse.ts, providers.ts).
const PROVIDER_ID = /^[a-z0-9][a-z0-9._-]*$/;
// A day, or a month where a source knows no more (models.dev writes both).
const RELEASE_DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What a model takes as input. */
export const catalogModalitySchema = lazy(() => z.enum(["text", "image", "audio", "video", "pdf"]));

/** Prices in US dollars per million tokens, as the source lists them; `0` is what it lists for free models and plans. */
export const catalogCostSchema = lazy(() =>
  z.strictObject({
    input: z.number().check(z.nonnegative()),
    output: z.number().check(z.nonnegative()),
    cacheRead: z.number().check(z.nonnegative()),
    cacheWrite: z.number().check(z.nonnegative()),
  }),
);

/**
 * A source's word that a model is deprecated: since when and what replaces it, each null where the source does not
 * say. No source used so far says it, so every entry's `deprecated` is null, which means "not known", not "current".
 */
export const catalogDeprecationSchema = lazy(() =>
  z.strictObject({
    date: z.nullable(z.string().check(z.regex(RELEASE_DATE))),
    replacement: z.nullable(z.string()),
  }),
);

export const catalogEntrySchema = lazy(() =>
  z.strictObject({
    /** A provider id that model-ref's `normalizeProviderId` returns unchanged. */
    provider: z.string().check(z.regex(PROVIDER_ID)),
    /** The model id as the provider's API takes it, case kept; may hold `/` (`moonshotai/kimi-k2.6`). */
    id: z.string().check(z.minLength(1)),
    name: z.string(),
    /** Tokens in and out together; null where the source does not know. */
    contextWindow: z.nullable(z.int().check(z.positive())),
    maxOutputTokens: z.nullable(z.int().check(z.positive())),
    input: z.array(catalogModalitySchema()).check(z.minLength(1)),
    reasoning: z.boolean(),
    toolCall: z.boolean(),
    cost: z.nullable(catalogCostSchema()),
    /** `YYYY-MM-DD` or `YYYY-MM`; null where the source does not say. */
    releaseDate: z.nullable(z.string().check(z.regex(RELEASE_DATE))),
    deprecated: z.nullable(catalogDeprecationSchema()),
  }),
);

/** The header of the snapshot: its source package, the dates, the counts and where each provider's models came from. */
export const catalogInfoSchema = lazy(() =>
  z.strictObject({
    schemaVersion: z.literal(1),
    source: z.strictObject({
      /** The npm package the snapshot was generated from, its exact version and licence. */
      package: z.string(),
      version: z.string(),
      license: z.string(),
      /** When that version was published to the npm registry (read from the registry at generation). */
      publishedAt: z.iso.datetime(),
      /** When the package's own data was generated, from its metadata; null if it has none. */
      dataGeneratedAt: z.nullable(z.iso.datetime()),
      /** Where the package's authors took the facts from. */
      upstream: z.array(z.string()),
    }),
    /** The day this snapshot was generated, `YYYY-MM-DD`. */
    generatedAt: z.string().check(z.regex(DAY)),
    models: z.int().check(z.nonnegative()),
    /** One row per catalog provider, sorted by id: its model count and the source's id for it. */
    providers: z.array(
      z.strictObject({
        id: z.string().check(z.regex(PROVIDER_ID)),
        source: z.string(),
        models: z.int().check(z.positive()),
      }),
    ),
  }),
);

export type CatalogModality = z.infer<ReturnType<typeof catalogModalitySchema>>;
export type CatalogCost = z.infer<ReturnType<typeof catalogCostSchema>>;
export type CatalogDeprecation = z.infer<ReturnType<typeof catalogDeprecationSchema>>;
export type CatalogEntry = z.infer<ReturnType<typeof catalogEntrySchema>>;
export type CatalogInfo = z.infer<ReturnType<typeof catalogInfoSchema>>;
