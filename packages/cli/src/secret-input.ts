// Where secrets come from: stdin when it is not a terminal (pipes, CI), a hidden prompt when it is. Never argv.
import { MAX_SECRET_BYTES, validateSecretValue } from "@modelctl/auth-profiles";
import { CliError, usageError } from "./errors.js";

export interface InputIo {
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
}

export const isInteractive = (input: InputIo) => input.stdin.isTTY === true;

// Room for a trailing newline or CRLF, and blanks a paste may carry around the value.
const READ_LIMIT = MAX_SECRET_BYTES + 1024;

/**
 * Reads stdin up to `READ_LIMIT` bytes. Past that it stops reading (and closes the stream), so a 20 MB pipe or
 * `/dev/zero` is never buffered whole; `complete` says whether the end was reached.
 */
async function readCapped(stream: NodeJS.ReadableStream): Promise<{ text: string; complete: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    size += bytes.length;
    if (size > READ_LIMIT) return { text: Buffer.concat(chunks).toString("utf8"), complete: false };
  }
  return { text: Buffer.concat(chunks).toString("utf8"), complete: true };
}

/**
 * One secret, trimmed; refused without echoing it when empty (64), or by the store's rule (`SECRET_INVALID`, 65)
 * when it holds blanks, several lines, control or invisible characters, bytes that are not UTF-8, or is too long.
 */
export function checkSecret(raw: string, what: string, pipeHint: string, complete = true): string {
  // What was read of an endless input is over the cap: judged untrimmed, it is refused as too long.
  const value = complete ? raw.trim() : raw;
  if (value === "") throw usageError(`No ${what} given. ${pipeHint}`);
  return validateSecretValue(value, { what });
}

type Clack = typeof import("@clack/prompts");
let clack: Promise<Clack> | undefined;
export const loadPrompts = () => {
  clack ??= import("@clack/prompts");
  return clack;
};

export function cancelled(): CliError {
  return new CliError("CANCELLED", "Cancelled; nothing was saved.");
}

/** Reads a secret: all of stdin when piped, else a masked prompt on the terminal. */
export async function readSecret(
  input: InputIo,
  what: string,
  message: string,
  pipeHint: string,
): Promise<string> {
  if (!isInteractive(input)) {
    const { text, complete } = await readCapped(input.stdin);
    return checkSecret(text, what, pipeHint, complete);
  }
  const prompts = await loadPrompts();
  const value = await prompts.password({
    message,
    output: input.stderr as NodeJS.WriteStream,
    validate: (entered) => (entered?.trim() ? undefined : `Enter the ${what}, or press Ctrl+C to cancel.`),
  });
  if (prompts.isCancel(value)) throw cancelled();
  return checkSecret(value, what, pipeHint);
}
