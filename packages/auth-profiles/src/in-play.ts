// Which providers are "in play" for an agent: the one rule that status and probe planning share.
import { type ModelsConfig, normalizeProviderId, PROVIDERS } from "@modelctl/model-ref";
import { localeOrder } from "./locale-order.js";
import type { Env } from "./resolve.js";
import type { AuthStore } from "./store.js";

export interface ProvidersInPlayInput {
  /** Every provider with a stored profile (the agent's own or inherited) is in play. */
  readonly store: Pick<AuthStore, "profiles">;
  readonly config: ModelsConfig;
  /** A provider whose env var is set is in play: an env key is a credential the user has. */
  readonly env: Env;
  /**
   * Providers (canonical ids) the model refs that matter name: for status, the models in use (default, fallbacks,
   * image model and its fallbacks); for probes, those and the allowlist.
   */
  readonly referenced: Iterable<string>;
  /**
   * Which `models.providers` entries bring their provider in. `"with-key"` (the default, what status lists): those
   * with an `apiKey`, a credential the user has. `"all"` (what probes plan): every entry, since a configured
   * endpoint can be probed, a local one without a key.
   */
  readonly configured?: "with-key" | "all";
}

/**
 * The providers in play, each once, in OpenClaw's order (`localeCompare`): stored, referenced, configured (see
 * `configured`), or with an env var of theirs set (the provider table's env vars, non-blank).
 */
export function providersInPlay(input: ProvidersInPlayInput): string[] {
  const { store, config, env } = input;
  const all = input.configured === "all";
  const providers = new Set<string>([
    ...store.profiles.map((profile) => profile.provider),
    ...input.referenced,
  ]);
  for (const [id, entry] of Object.entries(config.models?.providers ?? {}))
    if (all || entry.apiKey) providers.add(normalizeProviderId(id));
  for (const provider of PROVIDERS)
    if (provider.envVars.some((name) => env[name]?.trim())) providers.add(provider.id);
  return [...providers].sort(localeOrder);
}
