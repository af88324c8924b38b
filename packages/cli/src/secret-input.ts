// Where secrets come from: stdin when it is not a terminal (pipes, CI), a hidden prompt when it is. Never argv.
import { CliError, EXIT, usageError } from "./errors.js";

export interface InputIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
}

export const isInteractive = (input: InputIo) => input.stdin.isTTY === true;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** One secret, trimmed; refused (without echoing it) when empty or when it holds blanks or several lines. */
export function checkSecret(raw: string, what: string, pipeHint: string): string {
  const value = raw.trim();
  if (value === "") throw usageError(`No ${what} given. ${pipeHint}`);
  if (/\s/.test(value)) {
    throw new CliError(
      "USAGE",
      `The ${what} contains blanks or line breaks (not shown). Give only the ${what} itself, on one line. ${pipeHint}`,
      EXIT.dataError,
    );
  }
  return value;
}

type Clack = typeof import("@clack/prompts");
let clack: Promise<Clack> | undefined;
export const loadPrompts = () => {
  clack ??= import("@clack/prompts");
  return clack;
};

export function cancelled(): CliError {
  return new CliError("USAGE", "Cancelled; nothing was saved.", EXIT.failure);
}

/** Reads a secret: all of stdin when piped, else a masked prompt on the terminal. */
export async function readSecret(
  input: InputIo,
  what: string,
  message: string,
  pipeHint: string,
): Promise<string> {
  if (!isInteractive(input)) return checkSecret(await readAll(input.stdin), what, pipeHint);
  const prompts = await loadPrompts();
  const value = await prompts.password({
    message,
    output: input.stderr as NodeJS.WriteStream,
    validate: (entered) => (entered?.trim() ? undefined : `Enter the ${what}, or press Ctrl+C to cancel.`),
  });
  if (prompts.isCancel(value)) throw cancelled();
  return checkSecret(value, what, pipeHint);
}
