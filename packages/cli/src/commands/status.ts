// `models status`: the model part (default, fallbacks, image model, aliases, configured models) in three forms.
import { describeModelSelection, type ModelSelectionView, parseModelRef } from "@modelctl/model-ref";
import { loadConfig, type PathOptions, resolveAgent, resolveStatePaths } from "../context.js";
import { type Io, printJson, println, tildify } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { StatusJson } from "../schemas.js";

export interface StatusOptions extends PathOptions {
  readonly json?: boolean;
  readonly plain?: boolean;
  readonly agent?: string;
}

function describeResolution(view: ModelSelectionView): string {
  switch (view.resolution.via) {
    case "built-in":
      return " (built-in default)";
    case "first-configured-provider":
      return " (first model of the first configured provider)";
    case "alias":
      return ` (from ${view.defaultModel})`;
    case "default-provider":
      return ` (from ${view.defaultModel}, default provider)`;
    case "explicit":
      return view.defaultModel === view.resolvedDefault ? "" : ` (from ${view.defaultModel})`;
  }
}

const list = (items: readonly string[]) => (items.length === 0 ? "-" : items.join(", "));

export async function statusCommand(io: Io, options: StatusOptions): Promise<number> {
  const mode = outputMode(options);
  const paths = resolveStatePaths(io, options);
  const config = await loadConfig(paths);
  const agent = await resolveAgent(io, paths, config, options.agent);
  const view = describeModelSelection(config, agent.agentId === undefined ? {} : { agentId: agent.agentId });

  if (mode === "plain") {
    println(io.stdout, view.resolvedDefault);
    return 0;
  }
  if (mode === "json") {
    const doc: StatusJson = {
      configPath: paths.configPath,
      ...(options.agent !== undefined && agent.agentId !== undefined ? { agentId: agent.agentId } : {}),
      agentDir: agent.agentDir,
      defaultModel: view.defaultModel,
      resolvedDefault: view.resolvedDefault,
      fallbacks: view.fallbacks,
      imageModel: view.imageModel,
      imageFallbacks: view.imageFallbacks,
      ...(view.defaultSource === "agent" || view.fallbacksSource === "agent"
        ? { modelConfig: { defaultSource: view.defaultSource, fallbacksSource: view.fallbacksSource } }
        : {}),
      aliases: view.aliases,
      allowed: view.allowed,
      defaultResolution: { ...parseModelRef(view.resolvedDefault), ...view.resolution },
    };
    printJson(io, doc);
    return 0;
  }

  const home = io.homedir;
  const aliases = Object.entries(view.aliases).map(([alias, key]) => `${alias} -> ${key}`);
  const lines = [
    `Config        : ${tildify(paths.configPath, home)}`,
    `Agent dir     : ${tildify(agent.agentDir, home)}`,
    `Default       : ${view.resolvedDefault}${describeResolution(view)}`,
    `Fallbacks (${view.fallbacks.length}) : ${list(view.fallbacks)}`,
    `Image model   : ${view.imageModel ?? "-"}`,
    `Image fallbacks (${view.imageFallbacks.length}): ${list(view.imageFallbacks)}`,
    `Aliases (${aliases.length})   : ${list(aliases)}`,
    `Configured models (${view.allowed.length}): ${view.allowed.length === 0 ? "all" : view.allowed.join(", ")}`,
  ];
  for (const line of lines) println(io.stdout, line);
  return 0;
}
