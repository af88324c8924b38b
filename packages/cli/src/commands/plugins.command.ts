// `plugins list`, as cac sees it; the work is in plugins.ts.
import type { CommandEntry } from "../cac-commands.js";
import { OUTPUT } from "../command-options.js";

export const commands: readonly CommandEntry[] = [
  { group: "plugins", description: "List built-in provider plugins (bare: list)", bare: "list" },
  {
    name: "plugins list",
    description: "List built-in provider plugins: ids, API family, env vars",
    options: OUTPUT,
    run: async (io, options: { json?: boolean; plain?: boolean }) =>
      (await import("./plugins.js")).pluginsListCommand(io, options),
  },
];
