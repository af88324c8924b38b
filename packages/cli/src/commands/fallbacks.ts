// `models fallbacks …` and `models image-fallbacks …`: the two chains share every operation.
import {
  addFallback,
  clearFallbacks,
  ModelRefError,
  type ModelsConfig,
  readDefaultsSelection,
  removeFallback,
  resolveForConfig,
  type SelectionKind,
} from "@modelctl/model-ref";
import { editAndReport, editWithRef } from "../config-edit.js";
import { type Io, printJson, println } from "../io.js";
import { outputMode } from "../output-mode.js";
import type { FallbacksJson } from "../schemas.js";
import { loadConfig, type PathOptions, resolveStatePaths } from "../state-paths.js";

const title = (kind: SelectionKind) => (kind === "model" ? "Fallbacks" : "Image fallbacks");

function printChain(io: Io, kind: SelectionKind, fallbacks: readonly string[]): void {
  println(io.stdout, `${title(kind)}: ${fallbacks.length === 0 ? "-" : fallbacks.join(", ")}`);
}

export async function fallbacksListCommand(
  io: Io,
  kind: SelectionKind,
  options: PathOptions & { json?: boolean; plain?: boolean },
): Promise<number> {
  const mode = outputMode(options);
  const config = await loadConfig(resolveStatePaths(io, options));
  const fallbacks = readDefaultsSelection(config, kind).fallbacks;
  if (mode === "json") {
    const doc: FallbacksJson = { fallbacks };
    printJson(io, doc);
  } else if (mode === "plain") {
    for (const entry of fallbacks) println(io.stdout, entry);
  } else {
    println(io.stdout, `${title(kind)} (${fallbacks.length}):`);
    if (fallbacks.length === 0) println(io.stdout, "- none");
    for (const entry of fallbacks) println(io.stdout, `- ${entry}`);
  }
  return 0;
}

export async function fallbacksAddCommand(
  io: Io,
  kind: SelectionKind,
  raw: string,
  options: PathOptions,
): Promise<number> {
  const { config } = await editWithRef(io, options, raw, (current, key) => addFallback(current, kind, key));
  printChain(io, kind, readDefaultsSelection(config, kind).fallbacks);
  return 0;
}

/** The canonical key of what to remove; a string that is no valid ref still removes a hand-written entry equal to it. */
function keyToRemove(config: ModelsConfig, raw: string): string {
  try {
    return resolveForConfig(config, raw).key;
  } catch (error) {
    if (ModelRefError.isInstance(error)) return raw.trim();
    throw error;
  }
}

export async function fallbacksRemoveCommand(
  io: Io,
  kind: SelectionKind,
  raw: string,
  options: PathOptions,
): Promise<number> {
  const config = await editAndReport(io, options, (current) =>
    removeFallback(current, kind, keyToRemove(current, raw), raw),
  );
  printChain(io, kind, readDefaultsSelection(config, kind).fallbacks);
  return 0;
}

export async function fallbacksClearCommand(
  io: Io,
  kind: SelectionKind,
  options: PathOptions,
): Promise<number> {
  await editAndReport(io, options, (current) => clearFallbacks(current, kind));
  println(io.stdout, kind === "model" ? "Fallback list cleared." : "Image fallback list cleared.");
  return 0;
}
