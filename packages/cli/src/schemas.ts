// zod schemas of every --json document the CLI prints: the contract scripts rely on (field names as OpenClaw's).
import * as z from "zod/mini";

export const AliasesJsonSchema = z.object({
  aliases: z.record(z.string(), z.string()),
});

export const FallbacksJsonSchema = z.object({
  fallbacks: z.array(z.string()),
});

export const StatusJsonSchema = z.object({
  configPath: z.string(),
  agentId: z.optional(z.string()),
  agentDir: z.string(),
  /** The configured primary as written (an alias stays an alias), or the built-in default. */
  defaultModel: z.string(),
  /** Canonical `provider/model` the default resolves to. */
  resolvedDefault: z.string(),
  fallbacks: z.array(z.string()),
  imageModel: z.nullable(z.string()),
  imageFallbacks: z.array(z.string()),
  modelConfig: z.optional(
    z.object({
      defaultSource: z.enum(["agent", "defaults", "built-in", "providers"]),
      fallbacksSource: z.enum(["agent", "defaults", "built-in", "providers"]),
    }),
  ),
  aliases: z.record(z.string(), z.string()),
  allowed: z.array(z.string()),
  /** Ours: `resolvedDefault` split into provider and model, and how it was reached. */
  defaultResolution: z.object({
    provider: z.string(),
    model: z.string(),
    via: z.enum(["alias", "explicit", "default-provider", "built-in", "first-configured-provider"]),
    alias: z.optional(z.string()),
  }),
});

export type AliasesJson = z.infer<typeof AliasesJsonSchema>;
export type FallbacksJson = z.infer<typeof FallbacksJsonSchema>;
export type StatusJson = z.infer<typeof StatusJsonSchema>;

/** Every published schema by the file name it is written to. */
export const JSON_SCHEMAS = {
  "models-status": StatusJsonSchema,
  "models-aliases-list": AliasesJsonSchema,
  "models-fallbacks-list": FallbacksJsonSchema,
} as const;
