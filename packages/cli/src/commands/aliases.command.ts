// `models aliases list|add|remove`, as cac sees them; the work is in aliases.ts.
import type { CommandEntry } from "../cac-commands.js";
import { CONFIG, OUTPUT, REF_EXAMPLE } from "../command-options.js";
import type { PathOptions } from "../state-paths.js";

const aliases = () => import("./aliases.js");

export const commands: readonly CommandEntry[] = [
  { group: "models aliases", description: "List or edit model aliases (bare: list)", bare: "list" },
  {
    name: "models aliases list",
    description: "List aliases",
    options: [...OUTPUT, CONFIG],
    examples: ["$0 models aliases list", "$0 models aliases list --json"],
    run: async (io, options: PathOptions) => (await aliases()).aliasesListCommand(io, options),
  },
  {
    name: "models aliases add <alias> <model>",
    description: "Point an alias at a model (re-using an alias moves it)",
    options: [CONFIG],
    examples: [`$0 models aliases add opus ${REF_EXAMPLE}`],
    run: async (io, alias: string, raw: string, options: PathOptions) =>
      (await aliases()).aliasesAddCommand(io, alias, raw, options),
  },
  {
    name: "models aliases remove <alias>",
    description: "Remove an alias (the model stays configured)",
    options: [CONFIG],
    examples: ["$0 models aliases remove opus"],
    run: async (io, alias: string, options: PathOptions) =>
      (await aliases()).aliasesRemoveCommand(io, alias, options),
  },
];
