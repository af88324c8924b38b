// The values completion offers, read at TAB time from the live state: the provider table and the configured
// providers, the configured aliases and agents, the current agent's profile ids, and the offline catalog's models.
// It reads, never writes, and shows ids and names only: a profile's secret is never read out of it. Whatever cannot
// be read (a broken config or store) offers nothing rather than an error: a TAB has no place to show one.

import { loadAuthStore } from "@modelctl/auth-profiles";
import {
  buildAliasIndex,
  configuredModels,
  knownAgentIds,
  type ModelsConfig,
  normalizeProviderId,
  PROVIDERS,
} from "@modelctl/model-ref";
import type { Io } from "../io.js";
import { loadConfig, resolveAgent, resolveStatePaths } from "../state-paths.js";
import type { Candidate, ValueContext, ValueKind, ValueSource } from "./complete.js";
import { SHELLS } from "./scripts.js";

// Bash inserts a candidate as it is, unquoted: one with a space, a control character or a character the shell reads
// (`$`, `;`, a quote, a parenthesis…) would become more than the word it shows, and a hostile id in a store or
// config could run a command when the line is entered. Only the characters real ids use are offered (every catalog
// model id and provider id is made of them); anything else is left out rather than quoted, alike in every shell.
const SHELL_SAFE_VALUE = /^[\p{L}\p{N}._:/@+=,%-]+$/u;
const clean = (text: string) =>
  text
    .replace(/[\s\p{C}]+/gu, " ")
    .trim()
    .slice(0, 80);

const quietly = async <T>(read: () => Promise<T>, fallback: T): Promise<T> => {
  try {
    return await read();
  } catch {
    return fallback;
  }
};

export function liveValues(io: Io): ValueSource {
  const configs = new Map<string, Promise<ModelsConfig>>();
  const configOf = (context: ValueContext) => {
    const named = context.options.get("config");
    const paths = resolveStatePaths(io, named === undefined ? {} : { config: named });
    let config = configs.get(paths.configPath);
    if (!config) {
      config = quietly(() => loadConfig(paths), {});
      configs.set(paths.configPath, config);
    }
    return { paths, config };
  };

  const providers = async (context: ValueContext): Promise<Candidate[]> => {
    const config = await configOf(context).config;
    const found = new Map<string, string>(PROVIDERS.map((info) => [info.id, info.displayName]));
    for (const id of Object.keys(config.models?.providers ?? {}))
      if (!found.has(id)) found.set(id, "configured provider");
    return [...found].map(([value, description]) => ({ value, description }));
  };

  const aliases = async (context: ValueContext): Promise<Candidate[]> => {
    const config = await configOf(context).config;
    return [...buildAliasIndex(configuredModels(config)).values()].map((entry) => ({
      value: entry.alias,
      description: `alias of ${entry.key}`,
    }));
  };

  const profiles = async (context: ValueContext): Promise<Candidate[]> => {
    const { paths, config } = configOf(context);
    const agent = await resolveAgent(io, paths, await config, context.options.get("agent"));
    const store = await loadAuthStore(agent.agentDir, { mainAgentDir: agent.mainAgentDir });
    // Where the command acts on one provider's profiles (`auth order set --provider x`), only that provider's.
    const typed = context.command.startsWith("models auth") ? context.options.get("provider") : undefined;
    const provider = typed === undefined ? undefined : normalizeProviderId(typed);
    return store.profiles
      .filter((profile) => provider === undefined || profile.provider === provider)
      .map((profile) => ({ value: profile.id, description: `${profile.provider} ${profile.type}` }));
  };

  const models = async (prefix: string, context: ValueContext): Promise<Candidate[]> => {
    const config = await configOf(context).config;
    const slash = prefix.indexOf("/");
    const configured = Object.keys(configuredModels(config)).map((value) => ({
      value,
      description: "configured",
    }));
    const catalog = await import("@modelctl/model-ref/catalog");
    if (slash === -1) {
      // Aliases, configured refs, and each provider as `id/`, to go on with its models.
      const ids = new Set([
        ...(await providers(context)).map((candidate) => candidate.value),
        ...catalog.catalogProviderIds(),
      ]);
      const perProvider = [...ids].map((id) => ({ value: `${id}/` }));
      return [...(await aliases(context)), ...configured, ...perProvider];
    }
    const typed = prefix.slice(0, slash);
    const provider = normalizeProviderId(typed);
    const fromCatalog = catalog.catalogModelsOf(provider).map((entry) => ({
      value: `${typed}/${entry.id}`,
      description: entry.name,
    }));
    const fromConfig = (config.models?.providers?.[provider]?.models ?? []).map((model) => ({
      value: `${typed}/${model.id}`,
      description: "configured",
    }));
    return [...configured, ...fromConfig, ...fromCatalog];
  };

  const read = (kind: ValueKind, prefix: string, context: ValueContext): Promise<Candidate[]> => {
    switch (kind) {
      case "shell":
        return Promise.resolve(SHELLS.map((value) => ({ value })));
      case "provider":
        return providers(context);
      case "agent":
        return configOf(context).config.then((config) => knownAgentIds(config).map((value) => ({ value })));
      case "alias":
        return aliases(context);
      case "profile":
        return profiles(context);
      case "model":
        return models(prefix, context);
    }
  };

  return {
    async values(kind, prefix, context) {
      const found = await quietly(() => read(kind, prefix, context), []);
      const seen = new Set<string>();
      const offered: Candidate[] = [];
      for (const candidate of found) {
        if (!candidate.value.startsWith(prefix) || !SHELL_SAFE_VALUE.test(candidate.value)) continue;
        if (seen.has(candidate.value)) continue;
        seen.add(candidate.value);
        const description = candidate.description === undefined ? "" : clean(candidate.description);
        offered.push(
          description === "" ? { value: candidate.value } : { value: candidate.value, description },
        );
      }
      return offered;
    },
  };
}
