// The shape every config-changing command shares: edit under the lock, say what was assumed, report the write.
import { type ModelsConfig, type ResolvedModelRef, resolveForConfig } from "@modelctl/model-ref";
import { editConfig } from "./config-store.js";
import { type Io, println, tildify } from "./io.js";
import { warnIfUnknownProvider } from "./provider-warning.js";
import { type PathOptions, resolveStatePaths } from "./state-paths.js";

/** Notes for what the user may not have meant: a bare id read with the default provider, an unknown provider. */
function noteResolution(io: Io, config: ModelsConfig, resolved: ResolvedModelRef): void {
  if (resolved.via === "default-provider") {
    println(
      io.stderr,
      `Note: "${resolved.input}" has no provider and is no alias; read as ${resolved.key} (default provider).`,
    );
  }
  warnIfUnknownProvider(io, config, resolved.ref.provider);
}

/** Applies `edit` to the config on disk and prints `Updated <path>` (or `No change to <path>`). */
export async function editAndReport(
  io: Io,
  options: PathOptions,
  edit: (config: ModelsConfig) => ModelsConfig,
): Promise<ModelsConfig> {
  const paths = resolveStatePaths(io, options);
  const { config, written } = await editConfig(io, paths, edit);
  println(io.stdout, `${written ? "Updated" : "No change to"} ${tildify(paths.configPath, io.homedir)}`);
  return config;
}

/**
 * Like `editAndReport`, for edits that take a model typed by the user: it is resolved against the config as it
 * is under the lock (its aliases may have just changed), and the edit receives the canonical key.
 */
export async function editWithRef(
  io: Io,
  options: PathOptions,
  raw: string,
  edit: (config: ModelsConfig, key: string) => ModelsConfig,
): Promise<{ config: ModelsConfig; key: string }> {
  let resolved: ResolvedModelRef | undefined;
  const config = await editAndReport(io, options, (current) => {
    resolved = resolveForConfig(current, raw);
    return edit(current, resolved.key);
  });
  // The edit ran (editAndReport throws otherwise), so the ref was resolved.
  const ref = resolved as ResolvedModelRef;
  noteResolution(io, config, ref);
  return { config, key: ref.key };
}
