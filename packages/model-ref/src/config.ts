// The zod schema of the config section modelctl owns (OpenClaw-compatible), and read-only accessors over it.
// Each schema is a getter (`lazy`) that builds it on first use: a run without a config file builds none.
import * as z from "zod/mini";
import { ModelRefError } from "./errors.js";
import { lazy } from "./lazy.js";
import { exposeProtoKeys } from "./proto-keys.js";

/** `"provider/model"` or `{ primary, fallbacks }`, both accepted as the reference accepts them. */
export const modelSelectionSchema = lazy(() =>
  z.union([
    z.string(),
    z.looseObject({
      primary: z.optional(z.string()),
      fallbacks: z.optional(z.array(z.string())),
    }),
  ]),
);

export const modelEntrySchema = lazy(() =>
  z.looseObject({
    alias: z.optional(z.string()),
  }),
);

/** A folder path as the system can open it: no NUL, which every file call would refuse with its own message. */
const pathSchema = lazy(() =>
  z.string().check(z.refine((path) => !path.includes("\u0000"), "a path cannot hold a NUL character")),
);

export const agentEntrySchema = lazy(() =>
  z.looseObject({
    id: z.string(),
    default: z.optional(z.boolean()),
    agentDir: z.optional(pathSchema()),
    model: z.optional(modelSelectionSchema()),
  }),
);

/**
 * Where a provider's key lives when the config does not hold it: `{ "source": "env", "id": "OPENROUTER_API_KEY" }`,
 * a file (`id` is its path) or a command (`id` is the command line). `provider` names OpenClaw's secret provider
 * (`default` when left out); modelctl resolves every ref itself and keeps it only so the file round-trips.
 */
export const configSecretRefSchema = lazy(() =>
  z.looseObject({
    source: z.enum(["env", "file", "exec"]),
    provider: z.optional(z.string()),
    id: z.string().check(z.refine((id) => id.trim() !== "", "a secret ref needs a non-empty id")),
  }),
);

export const providerConfigSchema = lazy(() =>
  z.looseObject({
    baseUrl: z.optional(z.string()),
    api: z.optional(z.string()),
    headers: z.optional(z.record(z.string(), z.string())),
    models: z.optional(z.array(z.looseObject({ id: z.string() }))),
    /**
     * A key, a marker (`OPENAI_API_KEY`, `secretref-managed`) as OpenClaw's models.json keeps them, or a SecretRef
     * object, which OpenClaw's config accepts in the same place.
     */
    apiKey: z.optional(
      z.union([z.string(), configSecretRefSchema()], {
        error:
          'expected a key, an env var name, or a SecretRef such as { "source": "env", "id": "OPENROUTER_API_KEY" } (source env, file or exec)',
      }),
    ),
  }),
);

/** The whole config file as far as modelctl reads it; every other key is kept as it is. */
export const modelsConfigSchema = lazy(() =>
  z.looseObject({
    agents: z.optional(
      z.looseObject({
        defaults: z.optional(
          z.looseObject({
            model: z.optional(modelSelectionSchema()),
            imageModel: z.optional(modelSelectionSchema()),
            models: z.optional(z.record(z.string(), modelEntrySchema())),
          }),
        ),
        list: z.optional(z.array(agentEntrySchema())),
      }),
    ),
    models: z.optional(
      z.looseObject({
        providers: z.optional(z.record(z.string(), providerConfigSchema())),
      }),
    ),
    auth: z.optional(
      z.looseObject({
        /** Profile order per provider; an agent's `auth-state.json` order beats it. */
        order: z.optional(z.record(z.string(), z.array(z.string()))),
      }),
    ),
    env: z.optional(
      z.looseObject({
        shellEnv: z.optional(z.looseObject({ enabled: z.optional(z.boolean()) })),
      }),
    ),
  }),
);

export type ModelSelection = z.infer<ReturnType<typeof modelSelectionSchema>>;
export type ModelEntry = z.infer<ReturnType<typeof modelEntrySchema>>;
export type AgentEntry = z.infer<ReturnType<typeof agentEntrySchema>>;
export type ConfigSecretRef = z.infer<ReturnType<typeof configSecretRefSchema>>;
export type ProviderConfig = z.infer<ReturnType<typeof providerConfigSchema>>;
export type ModelsConfig = z.infer<ReturnType<typeof modelsConfigSchema>>;

/**
 * Checks a parsed config document against the schema. Returns the document itself (not zod's copy) so that key
 * order and unknown keys survive an edit untouched; the schema has no defaults or transforms, so they are equal.
 */
export function validateModelsConfig(value: unknown): ModelsConfig {
  const result = modelsConfigSchema().safeParse(exposeProtoKeys(value));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    throw new ModelRefError(
      "CONFIG_INVALID",
      `Config key ${where} is not valid: ${issue?.message ?? "unexpected shape"}. Expected e.g. { "agents": { "defaults": { "model": { "primary": "anthropic/claude-opus-4-6", "fallbacks": [] } } } }.`,
    );
  }
  return value as ModelsConfig;
}

export type SelectionKind = "model" | "imageModel";

/** Primary and fallbacks of one selection, with string form and missing keys flattened. */
export function readSelection(selection: ModelSelection | undefined): {
  primary?: string;
  fallbacks: string[];
} {
  if (selection === undefined) return { fallbacks: [] };
  if (typeof selection === "string")
    return selection.trim() === "" ? { fallbacks: [] } : { primary: selection, fallbacks: [] };
  const primary = selection.primary?.trim() ? selection.primary : undefined;
  return primary === undefined
    ? { fallbacks: [...(selection.fallbacks ?? [])] }
    : { primary, fallbacks: [...(selection.fallbacks ?? [])] };
}

/**
 * What an agent's own `model` (`agents.list[].model`) overrides, as OpenClaw reads it. A primary (the string form,
 * or `primary` not blank) replaces the default model; a primary without a `fallbacks` key also replaces the
 * fallbacks, with none (the agent asked for that model and no other). A `fallbacks` key replaces the fallbacks
 * whether or not there is a primary. `undefined` means the defaults apply.
 */
export function readAgentOverride(selection: ModelSelection | undefined): {
  primary?: string;
  fallbacks?: string[];
} {
  if (selection === undefined) return {};
  if (typeof selection === "string") {
    const primary = selection.trim();
    return primary === "" ? {} : { primary, fallbacks: [] };
  }
  const primary = selection.primary?.trim() || undefined;
  const fallbacks = Object.hasOwn(selection, "fallbacks")
    ? selection.fallbacks
    : primary === undefined
      ? undefined
      : [];
  return {
    ...(primary === undefined ? {} : { primary }),
    ...(fallbacks === undefined ? {} : { fallbacks: [...fallbacks] }),
  };
}

/** Primary and fallbacks of `agents.defaults.model` or `agents.defaults.imageModel`. */
export function readDefaultsSelection(
  config: ModelsConfig,
  kind: SelectionKind,
): { primary?: string; fallbacks: string[] } {
  return readSelection(config.agents?.defaults?.[kind]);
}

/** `agents.defaults.models`: the configured models (the allowlist) and their settings. */
export function configuredModels(config: ModelsConfig): Record<string, ModelEntry> {
  return config.agents?.defaults?.models ?? {};
}

/** Agent ids named in `agents.list`, and `main`, which always exists. */
export function knownAgentIds(config: ModelsConfig): string[] {
  const ids = (config.agents?.list ?? []).map((agent) => agent.id.trim()).filter((id) => id !== "");
  return [...new Set(["main", ...ids])];
}

/** The agent marked `default: true`, else the first listed, else `main`. */
export function defaultAgentId(config: ModelsConfig): string {
  const list = config.agents?.list ?? [];
  return (list.find((agent) => agent.default === true) ?? list[0])?.id.trim() || "main";
}

export function findAgent(config: ModelsConfig, agentId: string): AgentEntry | undefined {
  const wanted = agentId.trim().toLowerCase();
  return (config.agents?.list ?? []).find((agent) => agent.id.trim().toLowerCase() === wanted);
}
