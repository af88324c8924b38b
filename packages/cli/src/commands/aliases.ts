// `models aliases list|add|remove`: aliases live on the configured model entry.
import {
  buildAliasIndex,
  configuredModels,
  type ResolvedModelRef,
  removeAlias,
  setAlias,
} from "@modelctl/model-ref";
import { editConfig } from "../config-store.js";
import { loadConfig, type PathOptions, resolveStatePaths } from "../context.js";
import { type Io, printJson, println } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { AliasesJson } from "../schemas.js";
import { noteResolution, resolveInput } from "./resolve-input.js";
import { reportWrite } from "./set.js";

export async function aliasesListCommand(
  io: Io,
  options: PathOptions & { json?: boolean; plain?: boolean },
): Promise<number> {
  const mode = outputMode(options);
  const { config } = await loadConfig(resolveStatePaths(io, options));
  const entries = [...buildAliasIndex(configuredModels(config)).values()];
  if (mode === "json") {
    const doc: AliasesJson = {
      aliases: Object.fromEntries(entries.map((entry) => [entry.alias, entry.key])),
    };
    printJson(io, doc);
  } else if (mode === "plain") {
    for (const entry of entries) println(io.stdout, `${entry.alias} ${entry.key}`);
  } else {
    println(io.stdout, `Aliases (${entries.length}):`);
    if (entries.length === 0) println(io.stdout, "- none");
    for (const entry of entries) println(io.stdout, `- ${entry.alias} -> ${entry.key}`);
  }
  return 0;
}

export async function aliasesAddCommand(
  io: Io,
  alias: string,
  raw: string,
  options: PathOptions,
): Promise<number> {
  const paths = resolveStatePaths(io, options);
  let resolved: ResolvedModelRef | undefined;
  const { config, written } = await editConfig(io, paths, (current) => {
    resolved = resolveInput(current, raw);
    return setAlias(current, alias, resolved.key);
  });
  if (!resolved) return 1;
  noteResolution(io, config, resolved);
  reportWrite(io, paths.configPath, written);
  println(io.stdout, `Alias ${alias.trim()} -> ${resolved.key}`);
  return 0;
}

export async function aliasesRemoveCommand(io: Io, alias: string, options: PathOptions): Promise<number> {
  const paths = resolveStatePaths(io, options);
  let removed: { alias: string; key: string } | undefined;
  const { written } = await editConfig(io, paths, (current) => {
    removed = buildAliasIndex(configuredModels(current)).get(alias.trim().toLowerCase());
    return removeAlias(current, alias);
  });
  reportWrite(io, paths.configPath, written);
  if (removed) println(io.stdout, `Removed alias ${removed.alias} (was ${removed.key})`);
  return 0;
}
