// `completion <shell>` and the hidden `__complete` its scripts call back, as cac sees them; the work is in
// completion.ts.
import type { CommandEntry } from "../cac-commands.js";

const completion = () => import("./completion.js");

/**
 * `entries` are every command's declarations, handed in by register.ts rather than imported from it: a dynamic
 * import of register.js would make esbuild wrap it, and every command module it imports, in a lazily compiled
 * function, which the bin's compile cache does not hold (~2 ms of every start, measured).
 */
export const completionCommands = (entries: () => readonly CommandEntry[]): readonly CommandEntry[] => [
  {
    name: "completion <shell>",
    description: "Print a shell completion script (bash, zsh or fish)",
    examples: [
      "$0 completion bash > ~/.local/share/bash-completion/completions/$0",
      `$0 completion zsh > "\${fpath[1]}/_$0"`,
      "$0 completion fish > ~/.config/fish/completions/$0.fish",
    ],
    run: async (io, shell: string) => (await completion()).completionCommand(io, shell),
  },
  // What the scripts run at each TAB: the words after `--`, the last one the word at the cursor. Not in help (a
  // name that starts with `__` is not listed).
  {
    name: "__complete",
    description: "Print completion candidates (used by the completion scripts)",
    examples: ["$0 __complete -- models auth logout ''"],
    run: async (io, options: { "--"?: string[] }) =>
      (await completion()).completeCommand(io, options["--"] ?? [], entries()),
  },
];
