// Promise forms of the node:fs calls we use. node:fs/promises (and node:crypto) pull a dozen internal modules
// (streams, readline) into every start-up; the callback API is already loaded, and status starts faster without them.
import fs from "node:fs";
import { promisify } from "node:util";

export const readFile = promisify(fs.readFile);
export const stat = promisify(fs.stat);
export const fstat = promisify(fs.fstat);
export const readdir = promisify(fs.readdir);
export const mkdir = promisify(fs.mkdir);
export const rmdir = promisify(fs.rmdir);
export const chmod = promisify(fs.chmod);
export const fchmod = promisify(fs.fchmod);
export const link = promisify(fs.link);
export const unlink = promisify(fs.unlink);
export const readlink = promisify(fs.readlink);
export const realpath = promisify(fs.realpath.native);
export const open = promisify(fs.open);
export const close = promisify(fs.close);
export const fsync = promisify(fs.fsync);
export const fchown = promisify(fs.fchown);

/** `rename(2)`, with `fs.rename` looked up at each call (not bound at load) so that a test can inject a failure. */
export const rename = (from: string, to: string): Promise<void> =>
  new Promise((resolve, reject) => {
    fs.rename(from, to, (error) => (error ? reject(error) : resolve()));
  });

/**
 * One `write(2)` of `length` bytes of `buffer` from `offset`; resolves with how many were written, which may be
 * fewer. `fs.write` is looked up at each call (not bound at load) so that a test can inject short writes.
 */
export const writeSome = (fd: number, buffer: Buffer, offset: number, length: number): Promise<number> =>
  new Promise((resolve, reject) => {
    fs.write(fd, buffer, offset, length, null, (error, written) =>
      error ? reject(error) : resolve(written),
    );
  });

/** One `read(2)` into `buffer`; resolves with how many bytes were read (0 at the end of the file). */
export const readSome = (fd: number, buffer: Buffer, offset: number, length: number): Promise<number> =>
  new Promise((resolve, reject) => {
    fs.read(fd, buffer, offset, length, null, (error, read) => (error ? reject(error) : resolve(read)));
  });

/** The errno code of a failed fs call (`ENOENT`, `EEXIST`, …), or undefined. */
export const errnoOf = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | undefined)?.code;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
