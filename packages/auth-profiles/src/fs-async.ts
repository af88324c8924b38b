// Promise forms of the node:fs calls we use. node:fs/promises (and node:crypto) pull a dozen internal modules
// (streams, readline) into every start-up; the callback API is already loaded, and status starts faster without them.
import fs from "node:fs";
import { promisify } from "node:util";

export const readFile = promisify(fs.readFile);
export const stat = promisify(fs.stat);
export const readdir = promisify(fs.readdir);
export const mkdir = promisify(fs.mkdir);
export const chmod = promisify(fs.chmod);
export const rename = promisify(fs.rename);
export const link = promisify(fs.link);
export const unlink = promisify(fs.unlink);
export const open = promisify(fs.open);
export const close = promisify(fs.close);
export const write = promisify(fs.write) as (fd: number, text: string) => Promise<unknown>;
export const fsync = promisify(fs.fsync);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
