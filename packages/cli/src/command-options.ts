// Options many commands take, declared once: a command lists the ones it takes, in the order its help shows them.
import type { OptionSpec } from "./cac-commands.js";

export const CONFIG: OptionSpec = {
  flags: "--config <path>",
  description: "Config file (default: $MODELCTL_CONFIG, else $MODELCTL_HOME/modelctl.json)",
};

/** `--json` and `--plain`: a command with three output forms (see output-mode.ts). */
export const OUTPUT: readonly OptionSpec[] = [
  { flags: "--json", description: "Print one JSON document on stdout" },
  { flags: "--plain", description: "Print one value per line, for scripts" },
];

/** `--config` and `--agent`: the store an auth command acts on. */
export const AGENT_STORE: readonly OptionSpec[] = [
  CONFIG,
  { flags: "--agent <id>", description: "Act on this configured agent's store (default: the default agent)" },
];

export const provider = (required: boolean): OptionSpec => ({
  flags: "--provider <id>",
  description: `Provider id, e.g. anthropic${required ? " (required)" : ""}`,
});

/** `--profile-id`, whose default name (`manual`, `default`) depends on the command. */
export const profileId = (defaultName: string): OptionSpec => ({
  flags: "--profile-id <id>",
  description: `Profile id (default: <provider>:${defaultName})`,
});

/** OpenClaw's commands ask before they act and take `--yes`; ours ask nothing. */
export const YES: OptionSpec = {
  flags: "--yes",
  description: "Accepted for compatibility; nothing is asked",
};

/** The model ref examples use. */
export const REF_EXAMPLE = "anthropic/claude-opus-4-6";
