// `models list`, as cac sees it; the work is in list.ts.
import type { CommandEntry } from "../cac-commands.js";
import { CONFIG, OUTPUT } from "../command-options.js";
import type { ListOptions } from "./list.js";

export const commands: readonly CommandEntry[] = [
  {
    name: "models list",
    description: "List the configured models, or every model the offline catalog knows (--all)",
    options: [
      ...OUTPUT,
      CONFIG,
      {
        flags: "--all",
        description: "Every model of the catalog and of models.providers, not only the configured",
      },
      { flags: "--provider <id>", description: "Only this provider's models (an id, e.g. moonshot)" },
      { flags: "--local", description: "Only models served from this machine or the local network" },
      { flags: "--agent <id>", description: "Use a configured agent's own default model" },
      {
        flags: "--refresh",
        description: "Ask each provider with a usable credential for its live model list first (network)",
      },
    ],
    examples: [
      "$0 models list",
      "$0 models list --all --provider anthropic --json",
      "$0 models list --all --local --plain",
    ],
    run: async (io, options: ListOptions) => (await import("./list.js")).listCommand(io, options),
  },
];
