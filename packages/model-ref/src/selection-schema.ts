// The shape of the model selection view (`describeModelSelection`): the single source of its types, and the model
// part of `modelctl models status --json`, which picks its fields from here. Optional fields are `exactOptional`:
// the view leaves a field out rather than setting it to undefined, and its types say so.
import * as z from "zod/mini";
import { lazy } from "./lazy.js";
import type { ModelRef } from "./parse.js";

/** A ref as data. `ModelRef` is declared by `parse.ts`; `satisfies` keeps this schema from drifting from it. */
export const modelRefSchema = lazy(
  () =>
    z.object({
      provider: z.string(),
      model: z.string(),
      profileId: z.exactOptional(z.string()),
    }) satisfies z.ZodMiniType<ModelRef>,
);

/** Where the default or the fallbacks come from: the agent's own model, the defaults, or neither. */
export const selectionSourceSchema = lazy(() => z.enum(["agent", "defaults", "built-in", "providers"]));

export const defaultResolutionSchema = lazy(() =>
  z.object({
    /**
     * How the default was reached: through an alias, written out, via the default provider, or not configured at all.
     * `configured-provider`: a bare primary took the provider of the one configured model with that id.
     */
    via: z.enum([
      "alias",
      "explicit",
      "default-provider",
      "built-in",
      "first-configured-provider",
      "configured-provider",
    ]),
    alias: z.exactOptional(z.string()),
    /** With `via: "default-provider"`: the configured providers that all have the bare model id, so none was taken. */
    ambiguousProviders: z.exactOptional(z.array(z.string())),
  }),
);

export const modelSelectionViewSchema = lazy(() =>
  z.object({
    /** The configured primary as written (alias, bare id or ref), or the built-in default. */
    defaultModel: z.string(),
    /** Canonical `provider/model` the default resolves to. */
    resolvedDefault: z.string(),
    /** `resolvedDefault` as a ref, with the profile pinned by a trailing `@profileId`, if any. */
    defaultRef: modelRefSchema(),
    resolution: defaultResolutionSchema(),
    fallbacks: z.array(z.string()),
    imageModel: z.nullable(z.string()),
    imageFallbacks: z.array(z.string()),
    aliases: z.record(z.string(), z.string()),
    /** Configured models (the allowlist); empty means every model is allowed. */
    allowed: z.array(z.string()),
    defaultSource: selectionSourceSchema(),
    fallbacksSource: selectionSourceSchema(),
  }),
);

export type SelectionSource = z.infer<ReturnType<typeof selectionSourceSchema>>;
export type DefaultResolution = z.infer<ReturnType<typeof defaultResolutionSchema>>;
export type ModelSelectionView = z.infer<ReturnType<typeof modelSelectionViewSchema>>;
