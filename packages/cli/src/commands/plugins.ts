// `plugins list`: the providers modelctl knows without any plugin: the provider table.
import { PROVIDERS } from "@modelctl/model-ref";
import { type Io, printJson, println } from "../io.js";
import { outputMode } from "../output-mode.js";

export async function pluginsListCommand(
  io: Io,
  options: { json?: boolean; plain?: boolean },
): Promise<number> {
  const mode = outputMode(options);
  if (mode === "json") {
    printJson(io, {
      providers: PROVIDERS.map((provider) => ({
        id: provider.id,
        name: provider.displayName,
        aliases: provider.aliases,
        api: provider.api,
        baseUrl: provider.baseUrl,
        envVars: provider.envVars,
        probeModel: provider.probeModel ?? null,
        local: provider.local,
      })),
    });
    return 0;
  }
  if (mode === "plain") {
    for (const provider of PROVIDERS) println(io.stdout, provider.id);
    return 0;
  }
  const width = Math.max(...PROVIDERS.map((provider) => provider.id.length));
  println(io.stdout, `Built-in providers (${PROVIDERS.length}):`);
  for (const provider of PROVIDERS) {
    const env = provider.envVars.length === 0 ? "no env var" : provider.envVars.join(", ");
    println(io.stdout, `- ${provider.id.padEnd(width)}  ${provider.displayName} [${provider.api}] ${env}`);
  }
  return 0;
}
