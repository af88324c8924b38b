// `models set <model-or-alias>` and `models set-image <ref>`: write a primary model.
import { type SelectionKind, setPrimary } from "@modelctl/model-ref";
import { editWithRef } from "../config-edit.js";
import { type Io, println } from "../io.js";
import type { PathOptions } from "../state-paths.js";

export async function setCommand(
  io: Io,
  kind: SelectionKind,
  raw: string,
  options: PathOptions,
): Promise<number> {
  const { key } = await editWithRef(io, options, raw, (config, key) => setPrimary(config, kind, key));
  println(io.stdout, `${kind === "model" ? "Default model" : "Image model"}: ${key}`);
  return 0;
}
