// One warning for a provider id we cannot vouch for: neither in the built-in table nor under models.providers.
import { getProvider, type ModelsConfig, normalizeProviderId } from "@modelctl/model-ref";
import { type Io, println } from "./io.js";

/** Warns on stderr (and goes on: custom providers are legitimate) when `provider` is unknown. */
export function warnIfUnknownProvider(io: Io, config: ModelsConfig, provider: string): void {
  const custom = Object.keys(config.models?.providers ?? {}).some(
    (id) => normalizeProviderId(id) === provider,
  );
  if (getProvider(provider) || custom) return;
  println(
    io.stderr,
    `Warning: provider "${provider}" is neither built in nor configured under models.providers; going ahead. \`${io.programName} plugins list\` shows the built-in providers.`,
  );
}
