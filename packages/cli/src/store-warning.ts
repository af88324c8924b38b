// One warning for a credentials file that other users can open: named, with the command that fixes it.
import { type AuthStore, isExposedMode } from "@modelctl/auth-profiles";
import { type Io, println, tildify } from "./io.js";

const shellWord = (path: string) =>
  /^[\w@%+=:,./~-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;

/** Warns on stderr (and goes on) when auth-profiles.json can be read or changed by group or others. */
export function warnIfStoreExposed(io: Io, store: AuthStore): void {
  const mode = store.profilesMode;
  if (!isExposedMode(mode)) return;
  const path = store.paths.profilesPath;
  const who = mode & 0o044 ? "read" : "changed";
  println(
    io.stderr,
    `Warning: ${tildify(path, io.homedir)} holds credentials and can be ${who} by other users (mode ${(mode & 0o777).toString(8).padStart(3, "0")}); run \`chmod 600 ${shellWord(path)}\` to make it private.`,
  );
}
