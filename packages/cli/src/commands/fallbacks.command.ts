// `models fallbacks …` and `models image-fallbacks …`, as cac sees them; the work is in fallbacks.ts.
import type { SelectionKind } from "@modelctl/model-ref";
import type { CommandEntry } from "../cac-commands.js";
import { CONFIG, OUTPUT } from "../command-options.js";
import type { PathOptions } from "../state-paths.js";

const fallbacks = () => import("./fallbacks.js");

/** The same four commands for either chain. */
const chain = (group: string, kind: SelectionKind, what: string): CommandEntry[] => [
  { group, description: `List or edit the ${what} (bare: list)`, bare: "list" },
  {
    name: `${group} list`,
    description: `List the ${what}`,
    options: [...OUTPUT, CONFIG],
    examples: [`$0 ${group} list`, `$0 ${group} list --plain`],
    run: async (io, options: PathOptions) => (await fallbacks()).fallbacksListCommand(io, kind, options),
  },
  {
    name: `${group} add <model>`,
    description: "Append a model (no duplicates, never the primary)",
    options: [CONFIG],
    examples: [`$0 ${group} add openai/gpt-5.2`],
    run: async (io, raw: string, options: PathOptions) =>
      (await fallbacks()).fallbacksAddCommand(io, kind, raw, options),
  },
  {
    name: `${group} remove <model>`,
    description: "Remove a model (by ref or alias)",
    options: [CONFIG],
    examples: [`$0 ${group} remove openai/gpt-5.2`],
    run: async (io, raw: string, options: PathOptions) =>
      (await fallbacks()).fallbacksRemoveCommand(io, kind, raw, options),
  },
  {
    name: `${group} clear`,
    description: "Remove every fallback",
    options: [CONFIG],
    examples: [`$0 ${group} clear`],
    run: async (io, options: PathOptions) => (await fallbacks()).fallbacksClearCommand(io, kind, options),
  },
];

export const commands: readonly CommandEntry[] = [
  ...chain("models fallbacks", "model", "fallback chain of the default model"),
  ...chain("models image-fallbacks", "imageModel", "fallback chain of the image model"),
];
