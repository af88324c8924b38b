// --json / --plain / human: one mode per run, chosen once.
import { usageError } from "./errors.js";

export type OutputMode = "human" | "plain" | "json";

export function outputMode(options: { json?: boolean; plain?: boolean }): OutputMode {
  if (options.json && options.plain) throw usageError("Choose either --json or --plain, not both.");
  return options.json ? "json" : options.plain ? "plain" : "human";
}
