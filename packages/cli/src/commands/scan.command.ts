// `models scan`, as cac sees it; the work is in scan.ts.
import type { CommandEntry } from "../cac-commands.js";
import { CONFIG } from "../command-options.js";
import type { ScanOptions } from "./scan.js";

export const commands: readonly CommandEntry[] = [
  {
    name: "models scan",
    description: "Find OpenRouter's free models that call tools, probe them, and pick fallbacks",
    options: [
      { flags: "--json", description: "Print one JSON document on stdout" },
      CONFIG,
      {
        flags: "--provider <id>",
        description: "Only models of this maker (the part of the id before the first /)",
      },
      {
        flags: "--min-params <b>",
        description: "Only models of at least this many billion parameters (e.g. 70)",
      },
      { flags: "--max-age-days <d>", description: "Only models published in the last d days (0: any)" },
      { flags: "--max-candidates <n>", description: "Picks at most (default 6)" },
      { flags: "--timeout <ms>", description: "Hard time limit per request, in ms (default 12000)" },
      { flags: "--concurrency <n>", description: "Candidates probed at once (default 3)" },
      { flags: "--no-probe", description: "Read the model list only; probe nothing (no credential needed)" },
      { flags: "--set-default", description: "Also make the first pick the default model" },
      { flags: "--set-image", description: "Also make the first image pick the image model" },
      { flags: "--yes", description: "Apply the picks without asking" },
      { flags: "--no-input", description: "Never ask; apply the picks (as --yes)" },
      { flags: "--agent <id>", description: "Use this configured agent's OpenRouter credential" },
    ],
    examples: [
      "$0 models scan --no-probe",
      "$0 models scan --min-params 30 --max-candidates 3 --yes",
      "$0 models scan --json --set-default --yes | jq .selected",
    ],
    run: async (io, options: ScanOptions) => (await import("./scan.js")).scanCommand(io, options),
  },
];
