// `models` (bare: status) and `models status`, as cac sees them; the work is in status.ts.
import type { CommandEntry, OptionSpec } from "../cac-commands.js";
import { CONFIG, OUTPUT } from "../command-options.js";
import type { StatusOptions } from "./status.js";

const STATUS_OPTIONS: readonly OptionSpec[] = [
  ...OUTPUT,
  CONFIG,
  { flags: "--agent <id>", description: "Inspect a configured agent's model and auth state" },
  {
    flags: "--check",
    description:
      "Exit 1 if a credential in use is expired or missing, 2 if one expires within 24 h (any output form)",
  },
  {
    flags: "--usage",
    description:
      "Fetch the usage windows of subscription logins (Codex, Copilot, Gemini, Claude) and cache them",
  },
  {
    flags: "--probe",
    description: "Send a small real request per profile and show what each returns (uses tokens)",
  },
  { flags: "--probe-provider <name>", description: "Probe only this provider" },
  {
    flags: "--probe-profile <ids>",
    description: "Probe only these profiles (repeat or comma-separate)",
    repeatable: true,
  },
  { flags: "--probe-timeout <ms>", description: "Hard time limit per probe, in ms (default 8000)" },
  { flags: "--probe-concurrency <n>", description: "Probes in flight at once (default 2)" },
  {
    flags: "--probe-max-tokens <n>",
    description: "Answer tokens per probe, raised to an API's minimum (default 8)",
  },
  {
    flags: "--probe-model <ref>",
    description: "Probe this model with the credential it would use (repeatable)",
    repeatable: true,
  },
  {
    flags: "--probe-chain",
    description: "Probe the default model and every fallback with the credential each would use",
  },
  {
    flags: "--probe-refresh",
    description:
      "Refresh expired or expiring OAuth tokens before probing them (instead of reporting expired)",
  },
  {
    flags: "--probe-record",
    description: "Record probe outcomes in auth-state.json usage stats (cooldowns)",
  },
];

export const commands: readonly CommandEntry[] = [
  // Bare `models` is `models status`, as in the reference.
  {
    group: "models",
    description: "Choose models and check their credentials (bare: models status)",
    bare: "status",
  },
  {
    name: "models status",
    description: "Show the default model, fallbacks, image model and aliases",
    options: STATUS_OPTIONS,
    examples: [
      "$0 models status --json",
      "$0 models status --usage",
      "$0 models status --probe --probe-refresh",
    ],
    run: async (io, options: StatusOptions) => (await import("./status.js")).statusCommand(io, options),
  },
];
