// `models set` and `models set-image`, as cac sees them; the work is in set.ts.
import type { CommandEntry } from "../cac-commands.js";
import { CONFIG, REF_EXAMPLE } from "../command-options.js";
import type { PathOptions } from "../state-paths.js";

export const commands: readonly CommandEntry[] = [
  {
    name: "models set <model>",
    description: "Set the default model (a provider/model ref or an alias)",
    options: [CONFIG],
    examples: [`$0 models set ${REF_EXAMPLE}`],
    run: async (io, raw: string, options: PathOptions) =>
      (await import("./set.js")).setCommand(io, "model", raw, options),
  },
  {
    name: "models set-image <model>",
    description: "Set the image model",
    options: [CONFIG],
    examples: ["$0 models set-image openai/gpt-5.2"],
    run: async (io, raw: string, options: PathOptions) =>
      (await import("./set.js")).setCommand(io, "imageModel", raw, options),
  },
];
