// `models aliases list|add|remove`: aliases live on the configured model entry.
import {
  type AliasEntry,
  buildAliasIndex,
  configuredModels,
  lookupAlias,
  removeAlias,
  setAlias,
} from "@modelctl/model-ref";
import { editAndReport, editWithRef } from "../config-edit.js";
import { type Io, printJson, println } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { AliasesJson } from "../schemas.js";
import { loadConfig, type PathOptions, resolveStatePaths } from "../state-paths.js";

export async function aliasesListCommand(
  io: Io,
  options: PathOptions & { json?: boolean; plain?: boolean },
): Promise<number> {
  const mode = outputMode(options);
  const config = await loadConfig(resolveStatePaths(io, options));
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
  const { key } = await editWithRef(io, options, raw, (config, key) => setAlias(config, alias, key));
  println(io.stdout, `Alias ${alias.trim()} -> ${key}`);
  return 0;
}

export async function aliasesRemoveCommand(io: Io, alias: string, options: PathOptions): Promise<number> {
  let removed: AliasEntry | undefined;
  await editAndReport(io, options, (config) => {
    removed = lookupAlias(buildAliasIndex(configuredModels(config)), alias);
    return removeAlias(config, alias);
  });
  if (removed) println(io.stdout, `Removed alias ${removed.alias} (was ${removed.key})`);
  return 0;
}
