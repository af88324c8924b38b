// `completion <shell>` prints a shell's completion script; `__complete -- <words>` is what that script runs at each
// TAB: the candidates for the last word, one per line (`value<TAB>description`), then `:0`, or `:1` for file names.
import type { CommandEntry } from "../cac-commands.js";
import { completionScript, SHELLS, type Shell } from "../completion/scripts.js";
import { usageError } from "../errors.js";
import type { Io } from "../io.js";

export async function completionCommand(io: Io, shell: string): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell))
    throw usageError(
      `Unknown shell "${shell}": completion scripts are for ${SHELLS.join(", ")}. Example: ${io.programName} completion bash`,
    );
  io.stdout.write(completionScript(shell as Shell, io.programName || "modelctl"));
  return 0;
}

/**
 * Never fails and never writes: whatever goes wrong offers nothing (the shell shows no error at a TAB). Exit 0 even
 * then, so that a shell that checks the status does not fall back to something odd.
 */
export async function completeCommand(
  io: Io,
  words: readonly string[],
  entries: readonly CommandEntry[],
): Promise<number> {
  const [{ complete }, { liveValues }] = await Promise.all([
    import("../completion/complete.js"),
    import("../completion/values.js"),
  ]);
  let lines = "";
  try {
    const found = await complete(entries, words.length === 0 ? [""] : words, liveValues(io));
    for (const candidate of found.candidates)
      lines += candidate.description
        ? `${candidate.value}\t${candidate.description}\n`
        : `${candidate.value}\n`;
    lines += found.files ? ":1\n" : ":0\n";
  } catch {
    lines = ":0\n";
  }
  io.stdout.write(lines);
  return 0;
}
