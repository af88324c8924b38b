// Warnings about a loaded store, on stderr: a credentials file other users can open (with the command that fixes it),
// and each state value that was ignored because it is malformed.
import { type AuthStore, isExposedMode } from "@modelctl/auth-profiles";
import { type Io, println, tildify } from "./io.js";

/** Human output's mark on a profile (or order) an agent inherits from the main agent's store. */
export const MAIN_MARK = " (main)";

const shellWord = (path: string) =>
  /^[\w@%+=:,./~-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;

function warnIfExposed(io: Io, path: string, mode: number | undefined): void {
  if (!isExposedMode(mode)) return;
  const who = mode & 0o044 ? "read" : "changed";
  println(
    io.stderr,
    `Warning: ${tildify(path, io.homedir)} holds credentials and can be ${who} by other users (mode ${(mode & 0o777).toString(8).padStart(3, "0")}); run \`chmod 600 ${shellWord(path)}\` to make it private.`,
  );
}

/** Warns on stderr (and goes on) when auth-profiles.json (the main agent's too, when read) can be opened by others. */
export function warnIfStoreExposed(io: Io, store: AuthStore): void {
  warnIfExposed(io, store.paths.profilesPath, store.profilesMode);
  if (store.main) warnIfExposed(io, store.main.paths.profilesPath, store.main.profilesMode);
}

/** One line per state value the store ignored: which file, where in it, and what is wrong with it. */
export function warnIgnoredState(io: Io, store: AuthStore): void {
  for (const { path, field, problem } of store.ignored) {
    const where = tildify(path, io.homedir);
    println(
      io.stderr,
      field === ""
        ? `Warning: ignoring ${where}: ${problem}. It is read as empty and left as it is.`
        : `Warning: ignoring ${field} in ${where}: ${problem}. It is left in the file as it is.`,
    );
  }
}

/** Every warning about a store that was just read. */
export function warnAboutStore(io: Io, store: AuthStore): void {
  warnIfStoreExposed(io, store);
  warnIgnoredState(io, store);
}
