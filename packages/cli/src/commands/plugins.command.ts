// `plugins list`, as cac sees it; the work is in plugins.ts.
import type { CommandEntry } from "../cac-commands.js";
import { CONFIG, OUTPUT } from "../command-options.js";
import type { PluginsOptions } from "./plugins.js";

export const commands: readonly CommandEntry[] = [
  { group: "plugins", description: "List built-in provider plugins (bare: list)", bare: "list" },
  {
    name: "plugins list",
    description:
      "List built-in provider plugins: ids, API family, auth methods, env vars, catalog size, credentials",
    options: [
      ...OUTPUT,
      CONFIG,
      {
        flags: "--agent <id>",
        description: "Say whether this configured agent has credentials (default: the default agent)",
      },
    ],
    examples: ["$0 plugins list", "$0 plugins list --json | jq -r '.plugins[] | select(.credentials) | .id'"],
    run: async (io, options: PluginsOptions) =>
      (await import("./plugins.js")).pluginsListCommand(io, options),
  },
];
