// The one name of a file: symlinks followed, also for a file (or folders) that do not exist yet.
import { basename, dirname, join, resolve } from "node:path";
import { errnoOf, readlink, realpath } from "./fs-async.js";

const MAX_LINKS = 40;

/**
 * Where writes to `path` must go so that every way of naming the file shares one lock and a symlinked dotfile stays
 * a symlink: `realpath` of the file; for a dangling symlink, its target resolved the same way; for a file not
 * created yet, the real path of its folder plus its name. Other failures (a loop, a file used as a folder) return
 * the path as given, and the write reports them.
 */
export async function resolveRealPath(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    try {
      return await realpath(current);
    } catch (error) {
      if (errnoOf(error) !== "ENOENT") return current;
    }
    let target: string | undefined;
    try {
      target = await readlink(current);
    } catch (error) {
      // EINVAL: not a link (the file does not exist); ENOENT: a folder on the way does not exist either.
      if (errnoOf(error) !== "EINVAL" && errnoOf(error) !== "ENOENT") return current;
    }
    if (target !== undefined) {
      current = resolve(dirname(current), target);
      continue;
    }
    const dir = dirname(current);
    if (dir === current) return current;
    return join(await resolveRealPath(dir), basename(current));
  }
  return current;
}
