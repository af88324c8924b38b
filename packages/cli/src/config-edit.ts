// The shape every config-changing command shares: edit under the lock, say what was assumed, report the write.
import {
  ModelRefError,
  type ModelsConfig,
  type ResolvedModelRef,
  resolveForConfig,
} from "@modelctl/model-ref";
import type { CatalogVerdict } from "@modelctl/model-ref/catalog";
import { editConfig } from "./config-store.js";
import { type Io, println, tildify } from "./io.js";
import { type PathOptions, resolveStatePaths, type StatePaths } from "./state-paths.js";

/**
 * Refuses a model of a provider nobody knows (neither built in, in the catalog, nor under `models.providers`),
 * before anything is written: a typo there would break the chain at run time. Says how to declare it.
 */
function refuseUnknownProvider(
  io: Io,
  paths: StatePaths,
  resolved: ResolvedModelRef,
  verdict: CatalogVerdict,
): void {
  if (verdict.status !== "unknown-provider") return;
  const { provider } = resolved.ref;
  const guess = verdict.suggestions.length > 0 ? ` Did you mean ${verdict.suggestions.join(" or ")}?` : "";
  throw new ModelRefError(
    "PROVIDER_UNKNOWN",
    `Unknown model provider "${provider}" in ${resolved.key}.${guess} To use a provider modelctl does not know, declare it under models.providers.${provider} in ${tildify(paths.configPath, io.homedir)} (its baseUrl and api), then run this again; \`${io.programName} plugins list\` shows the known ones. Config was not changed.`,
    { input: resolved.input },
  );
}

/** Notes for what the user may not have meant: a bare id read with the default provider, a model the catalog lacks. */
function noteResolution(io: Io, resolved: ResolvedModelRef, verdict: CatalogVerdict, source: string): void {
  if (resolved.via === "default-provider") {
    println(
      io.stderr,
      `Note: "${resolved.input}" has no provider and is no alias; read as ${resolved.key} (default provider).`,
    );
  }
  if (verdict.status === "unlisted") {
    const guess = verdict.suggestions.length > 0 ? ` Did you mean ${verdict.suggestions.join(" or ")}?` : "";
    println(
      io.stderr,
      `Warning: Model "${resolved.key}" is not in the local model catalog (${source}).${guess} The selection was saved.`,
    );
  } else if (verdict.status === "unchecked") {
    println(
      io.stderr,
      `Note: "${resolved.key}" could not be checked offline: the local model catalog has no ${resolved.ref.provider} models. The selection was saved.`,
    );
  }
}

/** Applies `edit` to the config on disk and prints `Updated <path>` (or `No change to <path>`). */
export async function editAndReport(
  io: Io,
  options: PathOptions,
  edit: (config: ModelsConfig) => ModelsConfig,
): Promise<ModelsConfig> {
  return (await editAndReportAt(io, resolveStatePaths(io, options), edit)).config;
}

async function editAndReportAt(
  io: Io,
  paths: StatePaths,
  edit: (config: ModelsConfig) => ModelsConfig,
): Promise<{ config: ModelsConfig }> {
  const { config, written } = await editConfig(io, paths, edit);
  println(io.stdout, `${written ? "Updated" : "No change to"} ${tildify(paths.configPath, io.homedir)}`);
  return { config };
}

/**
 * Like `editAndReport`, for edits that take a model typed by the user: it is resolved against the config as it
 * is under the lock (its aliases may have just changed), checked against the offline catalog (a provider nobody
 * knows is refused; a model the catalog lacks is saved with a warning and the nearest ids), and the edit receives
 * the canonical key.
 */
export async function editWithRef(
  io: Io,
  options: PathOptions,
  raw: string,
  edit: (config: ModelsConfig, key: string) => ModelsConfig,
): Promise<{ config: ModelsConfig; key: string }> {
  const paths = resolveStatePaths(io, options);
  const { catalogInfo, catalogVerdict } = await import("@modelctl/model-ref/catalog");
  let resolved: ResolvedModelRef | undefined;
  let verdict: CatalogVerdict | undefined;
  const { config } = await editAndReportAt(io, paths, (current) => {
    resolved = resolveForConfig(current, raw);
    verdict = catalogVerdict(current, resolved.ref.provider, resolved.ref.model);
    refuseUnknownProvider(io, paths, resolved, verdict);
    return edit(current, resolved.key);
  });
  // The edit ran (editAndReportAt throws otherwise), so the ref was resolved and judged.
  const ref = resolved as ResolvedModelRef;
  const { source } = catalogInfo();
  noteResolution(
    io,
    ref,
    verdict as CatalogVerdict,
    `${source.package} ${source.version}, ${source.publishedAt.slice(0, 10)}`,
  );
  return { config, key: ref.key };
}
