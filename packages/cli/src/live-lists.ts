// `models list --refresh`: each provider with a usable credential is asked for the models it serves (the probe
// package's live lists, bounded as probes are); the answers go to the agent's model cache, and every `models list`
// reads them back. A provider that fails keeps what it had: its cached list, else the bundled catalog.
import { type AuthStore, hasUsableCredential, providersInPlay } from "@modelctl/auth-profiles";
import { describeModelSelection, type LiveModelFacts, type ModelsConfig } from "@modelctl/model-ref";
import type { LiveModelsResult } from "@modelctl/probe";
import { type Io, println } from "./io.js";
import { PROBE_DEFAULTS } from "./probe-options.js";
import { countingProgress } from "./progress.js";
import { configuredRefs } from "./status/auth-section.js";

export interface RefreshInput {
  readonly store: AuthStore;
  readonly config: ModelsConfig;
  readonly agentDir: string;
  readonly now: number;
}

/** One provider's refresh, as `models list --refresh --json` reports it. */
export interface RefreshReport {
  readonly provider: string;
  readonly status: string;
  readonly models: number;
  readonly error?: string;
}

/** The cached lists, by provider, for `listModels`; a cache that cannot be read is said on stderr and passed over. */
export async function cachedLists(
  io: Io,
  agentDir: string,
): Promise<Record<string, readonly LiveModelFacts[]>> {
  const { readModelCache } = await import("@modelctl/probe/model-cache");
  try {
    const cache = await readModelCache(agentDir);
    for (const { provider, problem } of cache.ignored)
      println(io.stderr, `Warning: the model cache entry of ${provider} is left out: ${problem}`);
    return Object.fromEntries(
      Object.entries(cache.providers).map(([provider, entry]) => [provider, entry.models]),
    );
  } catch (error) {
    println(io.stderr, `Warning: ${(error as Error).message} Listing without it.`);
    return {};
  }
}

/**
 * Asks every provider in play that has a usable credential (stored, configured, referenced by a configured model,
 * or with its env var set) for its model list, writes the answers to the model cache, and says on stderr which
 * failed and what they keep.
 */
export async function refreshLists(io: Io, input: RefreshInput): Promise<RefreshReport[]> {
  const { store, config, now } = input;
  const view = describeModelSelection(config);
  const candidates = providersInPlay({
    store,
    config,
    env: io.env,
    referenced: configuredRefs(config, view, { allowlist: true }).map((ref) => ref.provider),
    configured: "all",
  });
  const providers: string[] = [];
  for (const provider of candidates)
    if (await hasUsableCredential(provider, { store, config, env: io.env, now })) providers.push(provider);
  if (providers.length === 0) {
    println(
      io.stderr,
      "No provider has a usable credential: nothing to refresh. The bundled catalog is listed.",
    );
    return [];
  }
  const { runtimeTargets } = await import("./status/probe-targets.js");
  const { stoppingRefCommandsOnSignal } = await import("./status/probe-run.js");
  const { fetchLiveModels, insecureLiveModelsTargets, updateModelCache, readModelCache } = await import(
    "@modelctl/probe"
  );
  const settings = {
    profileIds: [],
    timeoutMs: PROBE_DEFAULTS.timeoutMs,
    concurrency: 4,
    maxTokens: PROBE_DEFAULTS.maxTokens,
    models: [],
    chain: false,
    record: false,
    refresh: false,
  };
  const results = await stoppingRefCommandsOnSignal(async (): Promise<LiveModelsResult[]> => {
    const planned = await runtimeTargets(
      { store, config, view, env: io.env, homedir: io.homedir, settings, now },
      providers,
    );
    const targets = planned.map((probe) => {
      const { model: _model, ...target } = probe.target;
      return target;
    });
    for (const { origin, targets: indexes } of insecureLiveModelsTargets(targets, { now })) {
      const names = [...new Set(indexes.map((index) => targets[index]?.provider))];
      println(
        io.stderr,
        `Warning: listing ${names.join(", ")}'s models sends a credential to ${origin} over plain http://, readable by anyone on the network in between; use https:// in models.providers.<id>.baseUrl unless that network is trusted.`,
      );
    }
    const live = countingProgress(io, "Refreshing model lists", targets.length);
    try {
      return await fetchLiveModels(targets, {
        timeoutMs: settings.timeoutMs,
        concurrency: 4,
        now,
        onResult: live.update,
      });
    } finally {
      live.done();
    }
  });

  let before: Record<string, { fetchedAt: string }> = {};
  try {
    before = (await readModelCache(input.agentDir)).providers;
    const update = await updateModelCache(input.agentDir, results);
    if (update.written) println(io.stderr, `Saved the model lists in ${update.path}`);
  } catch (error) {
    println(io.stderr, `Warning: the model cache was not updated: ${(error as Error).message}`);
  }
  const reports: RefreshReport[] = [];
  const done: string[] = [];
  for (const result of results) {
    reports.push({
      provider: result.provider,
      status: result.status,
      models: result.models.length,
      ...(result.error === undefined ? {} : { error: result.error }),
    });
    if (result.status === "ok") {
      done.push(`${result.provider} (${result.models.length})`);
      continue;
    }
    const kept = before[result.provider];
    println(
      io.stderr,
      `Warning: ${result.provider}'s model list could not be refreshed: ${result.status}${result.error ? ` (${result.error})` : ""}; ${kept ? `its list of ${kept.fetchedAt} is kept` : "the bundled catalog stands"}.`,
    );
  }
  if (done.length > 0) println(io.stderr, `Refreshed: ${done.join(", ")}.`);
  return reports;
}
