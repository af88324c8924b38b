// A cache file in an agent's folder, `{ version, providers: { <provider id>: entry } }`, read without the network and
// updated under its lock: the machinery of the model cache and the usage cache, each a `CacheKind`. A file that does
// not read as the cache is an error and is never overwritten; an entry of the wrong shape is left out of a read and
// kept by a write; keys this version does not know are kept.
import { dirname } from "node:path";
import {
  commitPrepared,
  forRewrite,
  inFolders,
  type JsonFile,
  prepareJsonText,
  readJsonFile,
  refuseStackOverflow,
  removeLeftoverTemps,
  resolveRealPath,
  SafeFileError,
  serializeJson,
  withFileLock,
} from "@modelctl/safe-file";

/** An entry left out of a read because it is malformed; the file keeps it until that provider is written again. */
export interface IgnoredEntry {
  readonly provider: string;
  readonly problem: string;
}

export interface CacheKind<Entry, Failure extends Error> {
  /** For messages: `usage cache`. */
  readonly name: string;
  readonly version: number;
  /** Checks one entry; the parsed entry, or the first problem. */
  parse(entry: unknown): { success: true; data: Entry } | { success: false; problem: string };
  /** The error for a file that cannot be used as it is. */
  fail(code: "CACHE_UNREADABLE" | "CACHE_INVALID", message: string, path: string, cause?: unknown): Failure;
}

export interface CacheRead<Entry> {
  /** By provider id, with no prototype: `providers.toString` is no entry. */
  readonly providers: Readonly<Record<string, Entry>>;
  readonly ignored: readonly IgnoredEntry[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const describe = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;

function invalid<F extends Error>(
  kind: CacheKind<unknown, F>,
  path: string,
  problem: string,
  cause?: unknown,
): F {
  return kind.fail(
    "CACHE_INVALID",
    `The ${kind.name} ${path} ${problem}. It is left as it is and not used; delete it to start a new one.`,
    path,
    cause,
  );
}

/** A read failure of safe-file as the cache's own error; anything else as it is. */
function cacheError<F extends Error>(kind: CacheKind<unknown, F>, path: string, error: unknown): unknown {
  if (!SafeFileError.isInstance(error)) return error;
  if (error.code === "FILE_READ_FAILED")
    return kind.fail("CACHE_UNREADABLE", `${error.message} The ${kind.name} is not used.`, path, error);
  if (error.code === "FILE_UNPARSEABLE")
    return invalid(
      kind,
      path,
      `is not valid JSON${error.line === undefined ? "" : ` (line ${error.line}, column ${error.column ?? 1})`}`,
      error,
    );
  if (error.code === "FILE_DUPLICATE_KEY" || error.code === "FILE_INVALID")
    return invalid(kind, path, "cannot be rewritten without losing what it holds", error);
  return error;
}

async function readCacheFile<F extends Error>(
  kind: CacheKind<unknown, F>,
  path: string,
  forWrite: boolean,
): Promise<{ file: JsonFile | undefined; exact: unknown }> {
  try {
    const file = await readJsonFile(path);
    return { file, exact: forWrite ? forRewrite(file)?.value : file?.value };
  } catch (error) {
    throw cacheError(kind, path, error);
  }
}

/** The well-formed entries of a parsed file; a top level that is not the cache's is the kind's error. */
function interpret<E, F extends Error>(kind: CacheKind<E, F>, path: string, value: unknown): CacheRead<E> {
  if (!isRecord(value)) throw invalid(kind, path, `holds ${describe(value)}, not an object`);
  if (value.version !== kind.version)
    throw invalid(
      kind,
      path,
      typeof value.version === "number"
        ? `is of version ${value.version}, which this modelctl cannot read (it reads ${kind.version}); a newer modelctl may have written it`
        : `has no "version": ${kind.version}`,
    );
  const listed = value.providers ?? {};
  if (!isRecord(listed)) throw invalid(kind, path, `has ${describe(listed)} as "providers", not an object`);
  const providers: Record<string, E> = Object.create(null);
  const ignored: IgnoredEntry[] = [];
  for (const [provider, entry] of Object.entries(listed)) {
    const parsed = kind.parse(entry);
    if (parsed.success) providers[provider] = parsed.data;
    else ignored.push({ provider, problem: parsed.problem });
  }
  return { providers, ignored };
}

/** The cache at `path`; no file is an empty cache. */
export async function readCache<E, F extends Error>(
  kind: CacheKind<E, F>,
  path: string,
): Promise<CacheRead<E>> {
  const { file } = await readCacheFile(kind, path, false);
  return file === undefined
    ? { providers: Object.create(null), ignored: [] }
    : interpret(kind, path, file.value);
}

/**
 * Puts `fresh` in place of those providers' entries, under the file's lock, atomically; nothing is written when the
 * file would not change. `written` says whether it was.
 */
export async function updateCache<E, F extends Error>(
  kind: CacheKind<E, F>,
  path: string,
  fresh: ReadonlyMap<string, E>,
  lockTimeoutMs: number | undefined,
): Promise<{ written: boolean; cache: CacheRead<E> }> {
  const real = await resolveRealPath(path);
  const lock = lockTimeoutMs === undefined ? {} : { timeoutMs: lockTimeoutMs };
  return refuseStackOverflow(path, () =>
    inFolders(
      [dirname(real)],
      0o700,
      () =>
        withFileLock(
          real,
          async () => {
            await removeLeftoverTemps(real);
            const { file, exact } = await readCacheFile(kind, path, true);
            // Judged on the values as parsed; the exact ones are what is written back.
            if (file) interpret(kind, path, file.value);
            const doc = isRecord(exact) ? exact : {};
            const providers: Record<string, unknown> = Object.create(null);
            for (const [provider, entry] of Object.entries(isRecord(doc.providers) ? doc.providers : {}))
              providers[provider] = entry;
            for (const [provider, entry] of fresh) providers[provider] = entry;
            const text = serializeJson({ ...doc, version: kind.version, providers });
            const unchanged = file ? file.text === text : fresh.size === 0;
            if (!unchanged) await commitPrepared([await prepareJsonText(real, text, file, {})], {});
            const cache =
              unchanged && !file
                ? { providers: Object.create(null), ignored: [] }
                : interpret(kind, path, JSON.parse(text));
            return { written: !unchanged, cache };
          },
          lock,
        ),
      (result) => result.written,
    ),
  );
}
