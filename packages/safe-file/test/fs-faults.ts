// For tests of writes under faults: a nearly full disk and failing renames, injected into node:fs (which the write
// layer looks up at each call), and what a folder holds afterwards. Also used by auth-profiles' store tests.
import fs, { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { vi } from "vitest";

type WriteCallback = (error: NodeJS.ErrnoException | null, written: number, data: unknown) => void;
const realWrite = fs.write as (...args: unknown[]) => void;

/**
 * Replaces fs.write (both of its forms: a buffer slice, or a string) so that each call writes only what
 * `decide(call, length)` allows, or fails with the errno it returns: a nearly full disk, as the kernel does it.
 */
export function injectWrites(decide: (call: number, length: number) => number | string): () => number {
  let call = 0;
  vi.spyOn(fs, "write").mockImplementation(((...args: unknown[]) => {
    const callback = args.at(-1) as WriteCallback;
    const [fd, data] = args as [number, Buffer | string];
    const buffer = typeof data === "string" ? Buffer.from(data) : data;
    const offset = typeof data === "string" ? 0 : ((args[2] as number | undefined) ?? 0);
    const length =
      typeof data === "string" ? buffer.length : ((args[3] as number | undefined) ?? buffer.length);
    const verdict = decide(call++, length);
    if (typeof verdict === "string") {
      const error = Object.assign(new Error(`${verdict}: injected`), { code: verdict });
      process.nextTick(() => callback(error, 0, data));
      return;
    }
    realWrite(
      fd,
      buffer,
      offset,
      Math.min(length, verdict),
      null,
      (error: NodeJS.ErrnoException | null, n: number) => callback(error, n, data),
    );
  }) as typeof fs.write);
  return () => call;
}

type RenameCallback = (error: NodeJS.ErrnoException | null) => void;
const realRename = fs.rename as (from: string, to: string, callback: RenameCallback) => void;

/**
 * Replaces fs.rename so that `decide(from, to)` can fail a rename with an errno (an immutable file, EIO): the
 * failures `chattr +i` or a failing disk cause, on any file system.
 */
export function injectRenames(decide: (from: string, to: string) => string | undefined): void {
  vi.spyOn(fs, "rename").mockImplementation(((from: string, to: string, callback: RenameCallback) => {
    const code = decide(String(from), String(to));
    if (code !== undefined) {
      const error = Object.assign(new Error(`${code}: injected, rename '${from}' -> '${to}'`), { code });
      process.nextTick(() => callback(error));
      return;
    }
    realRename(from, to, callback);
  }) as typeof fs.rename);
}

/** Every file in `dir` with its bytes. */
export const contents = (at: string) =>
  Object.fromEntries(readdirSync(at).map((name) => [name, readFileSync(join(at, name), "utf8")]));

/** A document of `n` API-key profiles, big enough to need many writes. */
export const bigDoc = (n: number) => ({
  profiles: Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `openai:p${i}`,
      { type: "api_key", provider: "openai", key: `sk-${i}` },
    ]),
  ),
});
