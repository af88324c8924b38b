// One warning for a provider id we cannot vouch for: neither in the built-in table nor under models.providers.
import { providerEntry } from "@modelctl/auth-profiles";
import { getProvider, type ModelsConfig } from "@modelctl/model-ref";
import { type Io, println } from "./io.js";

/** Warns on stderr (and goes on: custom providers are legitimate) when `provider` is unknown. */
export function warnIfUnknownProvider(io: Io, config: ModelsConfig, provider: string): void {
  if (getProvider(provider) || providerEntry(config.models?.providers, provider)) return;
  println(
    io.stderr,
    `Warning: provider "${provider}" is neither built in nor configured under models.providers; going ahead. \`${io.programName} plugins list\` shows the built-in providers.`,
  );
}
