// Whether a provider has a credential the runtime could use now, decided offline: what `models list` shows as Auth.
import { getProvider, type ModelsConfig } from "@modelctl/model-ref";
import { profileCredential } from "./credential.js";
import { type Env, resolveCredentialSync } from "./resolve.js";
import { runtimeProfile } from "./runtime-profile.js";
import { providerSources } from "./sources.js";
import type { AuthStore } from "./store.js";

export interface AvailabilityInput {
  readonly store: AuthStore;
  readonly config: ModelsConfig;
  readonly env: Env;
  /** Epoch ms: an expired token or a profile cooling down is not usable now. */
  readonly now: number;
}

/**
 * True when the provider (canonical id) has a credential that could be sent now, without reading a secret ref or
 * touching the network: a stored profile the runtime would pick (its key or token resolves or is held by a file or
 * exec ref, it has not expired, it is not cooling down or disabled), a provider env var that is set, a
 * `models.providers.<id>.apiKey` that resolves, or a local provider's implicit access (`marker(ollama-local)`), the
 * same sources `models status` lists. An OAuth profile whose access token expired is not usable until refreshed.
 */
export async function hasUsableCredential(provider: string, input: AvailabilityInput): Promise<boolean> {
  const sources = providerSources(provider, input);
  const profile = await runtimeProfile({
    ordered: sources.ordered,
    usageStats: input.store.state.usageStats,
    now: input.now,
    canSend: (candidate) => {
      const status = resolveCredentialSync(profileCredential(candidate), input.env).status;
      return status === "resolved" || status === "external" || status === "deferred";
    },
  });
  if (profile || sources.env) return true;
  if (sources.modelsJson && sources.modelsJson.unresolved === undefined) return true;
  return getProvider(provider)?.local === true;
}
