// Where a command reads and writes: the process by default, buffers in tests or in a host program.
import { homedir } from "node:os";
import { type Line, type Paint, renderLine } from "./colour.js";
import { escapeJsonText, visible } from "./terminal-text.js";

export interface Io {
  /** Where secrets are read from when it is not a terminal. */
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
  /** The program name used in hints (`Run \`modelctl models set --help\``). */
  readonly programName: string;
}

export function processIo(programName = "modelctl", overrides: Partial<Io> = {}): Io {
  const io = {
    env: process.env,
    homedir: homedir(),
    programName,
  };
  // process.stdin, stdout and stderr are each made on first access (~1-2 ms each: a stream for the terminal, pipe
  // or file), most runs read no secret and write no diagnostic, and the bin writes its output without a stream:
  // getters keep them from paying for what they do not use. The overrides are copied as descriptors, not spread:
  // spreading an io made here would make all three.
  for (const name of ["stdin", "stdout", "stderr"] as const)
    Object.defineProperty(io, name, { get: () => process[name], enumerable: true, configurable: true });
  return Object.defineProperties(io, Object.getOwnPropertyDescriptors(overrides)) as unknown as Io; // stdin: the getter
}

/**
 * One line of human output (every command writes its text this way): whatever it quotes (ids, e-mails and refs
 * from the files, provider errors, arguments) cannot drive the terminal, since every control, bidi or invisible
 * character in it, newlines included, is shown as an escape (`\x1b`, `\u202e`, `\n`).
 */
export function println(stream: Io["stdout"], text: Line = "", paint?: Paint): void {
  stream.write(`${renderLine(text, visible, paint)}\n`);
}

/**
 * Lines of human output, as `println` writes them, in one write: one system call for a whole report. With `paint`
 * (`painterFor`: a terminal, no NO_COLOR), the toned parts of `Styled` lines are coloured, after they are escaped.
 */
export function printLines(stream: Io["stdout"], lines: readonly Line[], paint?: Paint): void {
  if (lines.length > 0) stream.write(lines.map((line) => `${renderLine(line, visible, paint)}\n`).join(""));
}

/** One JSON document on stdout, nothing else there; the data exact, with nothing raw that drives a terminal. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
}

/** `~` for the home folder, as the reference prints paths in human output. */
export function tildify(path: string, home: string): string {
  if (home && (path === home || path.startsWith(`${home}/`))) return `~${path.slice(home.length)}`;
  return path;
}
