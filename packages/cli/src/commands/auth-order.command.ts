// `models auth order get|set|clear`, as cac sees them; the work is in auth-order.ts.
import type { CommandEntry } from "../cac-commands.js";
import { AGENT_STORE, OUTPUT, provider } from "../command-options.js";
import type { OrderOptions } from "./auth-order.js";

const authOrder = () => import("./auth-order.js");

export const commands: readonly CommandEntry[] = [
  // Not echoed: a mistyped command may be a pasted secret.
  {
    group: "models auth order",
    description: "Per-agent profile order (bare: get)",
    bare: "get",
    hideUnknown: true,
  },
  {
    name: "models auth order get",
    description: "Show the agent's profile order for a provider",
    options: [...AGENT_STORE, provider(true), ...OUTPUT],
    examples: [
      "$0 models auth order get --provider anthropic",
      "$0 models auth order --provider openai --json",
    ],
    run: async (io, options: OrderOptions) => (await authOrder()).authOrderGetCommand(io, options),
  },
  {
    name: "models auth order set <...profileIds>",
    description: "Try these profiles, in this order, and no others",
    options: [...AGENT_STORE, provider(true)],
    examples: ["$0 models auth order set --provider anthropic anthropic:work anthropic:manual"],
    run: async (io, profileIds: string[], options: OrderOptions) =>
      (await authOrder()).authOrderSetCommand(io, profileIds, options),
  },
  {
    name: "models auth order clear",
    description: "Remove the override: every profile is used, in store order",
    options: [...AGENT_STORE, provider(true)],
    examples: ["$0 models auth order clear --provider anthropic"],
    run: async (io, options: OrderOptions) => (await authOrder()).authOrderClearCommand(io, options),
  },
];
