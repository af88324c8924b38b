// `plugins list`: the provider plugins modelctl knows (the provider table), with their auth methods, env vars,
// catalog size and whether credentials are present, and the sign-in plugins behind `models auth login`. `--json` keeps OpenClaw's `.plugins[].id` and our old
// `.providers[]` rows (fields are only ever added).
import { hasUsableCredential, loadAuthStore } from "@modelctl/auth-profiles";
import { PROVIDERS } from "@modelctl/model-ref";
import { nowOf } from "../env-settings.js";
import { type Io, printJson, printLines } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { PluginsJson } from "../schemas.js";
import { loadConfig, type PathOptions, resolveAgent, resolveStatePaths } from "../state-paths.js";
import { warnAboutStore } from "../store-warning.js";

export interface PluginsOptions extends PathOptions {
  readonly json?: boolean;
  readonly plain?: boolean;
  readonly agent?: string;
}

export async function pluginsListCommand(io: Io, options: PluginsOptions): Promise<number> {
  const mode = outputMode(options);
  if (mode === "plain") {
    printLines(
      io.stdout,
      PROVIDERS.map((provider) => provider.id),
    );
    return 0;
  }
  const paths = resolveStatePaths(io, options);
  const config = await loadConfig(paths);
  const agent = await resolveAgent(io, paths, config, options.agent);
  const store = await loadAuthStore(agent.agentDir, { mainAgentDir: agent.mainAgentDir });
  warnAboutStore(io, store);
  // Both by import(): the bin keeps them outside its bundle (see tsup.config.ts).
  const { catalogModelsOf } = await import("@modelctl/model-ref/catalog");
  const { authPluginFor, authPlugins } = await import("@modelctl/auth-profiles/login");
  const now = nowOf(io);
  const plugins: PluginsJson["plugins"] = [];
  for (const provider of PROVIDERS) {
    plugins.push({
      id: provider.id,
      kind: "provider",
      name: provider.displayName,
      origin: "builtin",
      enabled: true,
      status: "loaded",
      providerIds: [provider.id],
      providers: [provider.id],
      api: provider.api,
      baseUrl: provider.baseUrl,
      authMethods: [...provider.authMethods],
      envVars: [...provider.envVars],
      local: provider.local,
      catalogModels: catalogModelsOf(provider.id).length,
      credentials: await hasUsableCredential(provider.id, { store, config, env: io.env, now }),
      loginMethods: authPluginFor(provider.id)?.methods.map((method) => method.id) ?? [],
    });
  }
  const signIn: PluginsJson["authPlugins"] = authPlugins().map((plugin) => ({
    provider: plugin.provider,
    label: plugin.label,
    methods: plugin.methods.map(({ id, kind, label }) => ({ id, kind, label })),
    defaultModel: plugin.defaultModel ?? null,
  }));
  if (mode === "json") {
    const doc: PluginsJson = {
      plugins,
      authPlugins: signIn,
      providers: PROVIDERS.map((provider) => ({
        id: provider.id,
        name: provider.displayName,
        aliases: [...provider.aliases],
        api: provider.api,
        baseUrl: provider.baseUrl,
        envVars: [...provider.envVars],
        probeModel: provider.probeModel ?? null,
        local: provider.local,
      })),
    };
    printJson(io, doc);
    return 0;
  }
  const width = Math.max(...plugins.map((plugin) => plugin.id.length));
  printLines(io.stdout, [
    `Built-in providers (${plugins.length}):`,
    ...plugins.map((plugin) => {
      const env = plugin.envVars.length === 0 ? "no env var" : plugin.envVars.join(", ");
      const models =
        plugin.catalogModels === 0 ? "no catalog models" : `${plugin.catalogModels} catalog models`;
      const auth = plugin.authMethods.join(", ") || "-";
      return `- ${plugin.id.padEnd(width)}  ${plugin.name} [${plugin.api}] auth: ${auth}; env: ${env}; ${models}; credentials: ${plugin.credentials ? "yes" : "no"}`;
    }),
    "",
    `Sign-in (${io.programName} models auth login --provider <id> --method <method>):`,
    ...signIn.map((plugin) => {
      const methods = plugin.methods.map((method) => `${method.id} (${method.label})`).join(", ");
      return `- ${plugin.provider.padEnd(width)}  ${methods}`;
    }),
  ]);
  return 0;
}
