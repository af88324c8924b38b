// Resolves a ref typed by the user against the config, and says on stderr what it assumed.
import { getProvider, type ModelsConfig, type ResolvedModelRef, resolveForConfig } from "@modelctl/model-ref";
import { type Io, println } from "../io.js";

export function resolveInput(config: ModelsConfig, raw: string): ResolvedModelRef {
  return resolveForConfig(config, raw);
}

/** Notes for what the user may not have meant: a bare id read with the default provider, an unknown provider. */
export function noteResolution(io: Io, config: ModelsConfig, resolved: ResolvedModelRef): void {
  if (resolved.via === "default-provider") {
    println(
      io.stderr,
      `Note: "${resolved.input}" has no provider and is no alias; read as ${resolved.key} (default provider).`,
    );
  }
  const provider = resolved.ref.provider;
  const custom = Object.keys(config.models?.providers ?? {}).some(
    (id) => id.trim().toLowerCase() === provider,
  );
  if (!getProvider(provider) && !custom) {
    println(
      io.stderr,
      `Warning: provider "${provider}" is neither built in nor configured under models.providers; saved anyway. \`${io.programName} plugins list\` shows the built-in providers.`,
    );
  }
}
