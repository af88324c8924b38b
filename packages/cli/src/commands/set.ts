// `models set <model-or-alias>` and `models set-image <ref>`: write a primary model.
import { type ResolvedModelRef, type SelectionKind, setPrimary } from "@modelctl/model-ref";
import { editConfig } from "../config-store.js";
import { type PathOptions, resolveStatePaths } from "../context.js";
import { type Io, println, tildify } from "../io.js";
import { noteResolution, resolveInput } from "./resolve-input.js";

export function reportWrite(io: Io, configPath: string, written: boolean): void {
  println(io.stdout, `${written ? "Updated" : "No change to"} ${tildify(configPath, io.homedir)}`);
}

export async function setCommand(
  io: Io,
  kind: SelectionKind,
  raw: string,
  options: PathOptions,
): Promise<number> {
  const paths = resolveStatePaths(io, options);
  let resolved: ResolvedModelRef | undefined;
  const { config, written } = await editConfig(io, paths, (current) => {
    resolved = resolveInput(current, raw);
    return setPrimary(current, kind, resolved.key);
  });
  if (!resolved) return 1;
  noteResolution(io, config, resolved);
  reportWrite(io, paths.configPath, written);
  println(io.stdout, `${kind === "model" ? "Default model" : "Image model"}: ${resolved.key}`);
  return 0;
}
