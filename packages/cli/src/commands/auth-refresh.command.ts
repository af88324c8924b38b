// `models auth refresh [profileIds…]`, as cac sees it; the work is in auth-refresh.ts.
import type { CommandEntry, OptionSpec } from "../cac-commands.js";
import { AGENT_STORE, OUTPUT, provider } from "../command-options.js";
import type { RefreshOptions } from "./auth-refresh.js";

const [JSON_OUTPUT] = OUTPUT as [OptionSpec];

export const commands: readonly CommandEntry[] = [
  {
    name: "models auth refresh [...profileIds]",
    description: "Refresh expired or expiring OAuth tokens (all of the agent's, or these profiles)",
    options: [
      ...AGENT_STORE,
      provider(false),
      { flags: "--force", description: "Refresh even tokens that are still valid" },
      { flags: "--timeout <ms>", description: "Time limit per provider's refresh, in ms (default 30000)" },
      JSON_OUTPUT,
    ],
    examples: ["$0 models auth refresh", "$0 models auth refresh openai-codex:default --json"],
    run: async (io, profileIds: string[], options: RefreshOptions) =>
      (await import("./auth-refresh.js")).authRefreshCommand(io, profileIds, options),
  },
];
