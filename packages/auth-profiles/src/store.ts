// The auth store of one agent: credentials in auth-profiles.json, runtime state in auth-state.json, read together
// and updated under both files' locks so that neither a credential nor a state change is ever lost.
import { dirname, join, resolve } from "node:path";
import { exposeProtoKeys, normalizeProviderId } from "@modelctl/model-ref";
import {
  cloneJson,
  commitPrepared,
  forRewrite,
  inFolders,
  type JsonFile,
  type PreparedFile,
  prepareJsonText,
  readJsonFile,
  refuseStackOverflow,
  removeLeftoverTemps,
  resolveRealPath,
  SafeFileError,
  serializeJson,
  UNCHANGED,
  type UpdateOptions,
  withFileLock,
} from "@modelctl/safe-file";
import { AuthStoreError } from "./errors.js";
import type { ProfileStore } from "./overview-schema.js";
import { readProfile, type StoredProfile } from "./profile.js";
import { checkProfileEdit } from "./profile-check.js";
import { isRecord, sameJson } from "./record.js";
import {
  type AuthProfilesFile,
  credentialsFileSchema,
  type ProfileInput,
  type UsageStats,
} from "./schema.js";
import {
  describeValue,
  type IgnoredStateField,
  readStateMaps,
  STATE_KEYS,
  type StateKey,
  type StateMaps,
} from "./state.js";

export const AUTH_PROFILES_FILE = "auth-profiles.json";
export const AUTH_STATE_FILE = "auth-state.json";
const FILE_MODE = 0o600;

export interface AuthStorePaths {
  readonly agentDir: string;
  readonly profilesPath: string;
  readonly statePath: string;
}

export function authStorePaths(agentDir: string): AuthStorePaths {
  return {
    agentDir,
    profilesPath: join(agentDir, AUTH_PROFILES_FILE),
    statePath: join(agentDir, AUTH_STATE_FILE),
  };
}

/** Runtime state, merged from auth-state.json and (older files) the state keys of auth-profiles.json. */
export interface AuthStateView {
  readonly order: Readonly<Record<string, readonly string[]>>;
  readonly lastGood: Readonly<Record<string, string>>;
  readonly usageStats: Readonly<Record<string, UsageStats>>;
}

/** Declared by its schema (`profileStoreSchema`). */
export type { ProfileStore };

export interface AuthStore {
  /** The agent's own store: where every write goes. */
  readonly paths: AuthStorePaths;
  /** Profiles in file order, read leniently; for a sub-agent, the main agent's merged beneath its own. */
  readonly profiles: readonly StoredProfile[];
  /** For a sub-agent, the main agent's state merged beneath its own (its own entry wins, key by key). */
  readonly state: AuthStateView;
  /** The agent's own state, without the main agent's: what a write starts from. */
  readonly ownState: AuthStateView;
  /** auth-profiles.json still holds state keys; they move to auth-state.json on the next write. */
  readonly hasLegacyState: boolean;
  /**
   * Permission bits of auth-profiles.json as it is now (undefined when there is none). Credentials should be
   * `0600`: see `isExposedMode`.
   */
  readonly profilesMode: number | undefined;
  /**
   * The main agent's store, read beneath this agent's own (as the reference reads it: its profiles and state are
   * the agent's too unless the agent has its own of the same id); undefined when this is the main agent's store.
   */
  readonly main: { readonly paths: AuthStorePaths; readonly profilesMode: number | undefined } | undefined;
  /** Ids of the profiles that come from the main agent's store (the agent has none of that id). */
  readonly inherited: ReadonlySet<string>;
  /** State values left out because they are malformed, in both stores' files; see `readStateMaps`. */
  readonly ignored: readonly IgnoredStateField[];
}

/** Where the loaded profile of this id comes from. */
export const profileStoreOf = (store: AuthStore, profileId: string): ProfileStore =>
  store.inherited.has(profileId) ? "main" : "agent";

/** The order override that applies to a provider (canonical id), and the store it comes from; undefined for none. */
export function orderOverrideOf(
  store: AuthStore,
  provider: string,
): { readonly order: readonly string[]; readonly store: ProfileStore } | undefined {
  const order = store.state.order[provider];
  if (order === undefined) return undefined;
  return { order, store: store.ownState.order[provider] === undefined ? "main" : "agent" };
}

export interface LoadOptions {
  /**
   * The main agent's folder (see `mainAgentDir`), when the store is a sub-agent's: its store is read beneath the
   * agent's own. Ignored when it is the agent's own folder.
   */
  readonly mainAgentDir?: string | undefined;
}

/** Whether a file with these permission bits can be read (or written) by users other than its owner. */
export const isExposedMode = (mode: number | undefined): mode is number =>
  mode !== undefined && (mode & 0o077) !== 0;

/** Both files of one store as read, and the well-formed state of each. */
interface Documents {
  readonly profilesFile: JsonFile | undefined;
  readonly stateFile: JsonFile | undefined;
  /** The documents as written back (exact numbers when read for a rewrite). */
  readonly profilesDoc: AuthProfilesFile;
  readonly stateDoc: Record<string, unknown>;
  /** The well-formed state of each file. */
  readonly legacy: StateMaps;
  readonly state: StateMaps;
  readonly ignored: readonly IgnoredStateField[];
}

function invalid(file: JsonFile, where: string, message: string, example: string): AuthStoreError {
  return new AuthStoreError(
    "FILE_INVALID",
    `${file.path} is not a valid auth file (${where}: ${message}). Expected ${example}. The file was left unchanged.`,
    { path: file.path },
  );
}

function checkVersion(file: JsonFile, version: unknown): void {
  if (typeof version === "number" && version !== 1) {
    throw new AuthStoreError(
      "FILE_INVALID",
      `${file.path} has version ${version}; modelctl reads version 1. The file was left unchanged; use a newer modelctl.`,
      { path: file.path },
    );
  }
}

const PROFILES_EXAMPLE = '{ "version": 1, "profiles": { … } }';
const STATE_EXAMPLE = '{ "version": 1, "order": { … }, "usageStats": { … } }';

/** The credentials file's own keys, strictly; its state keys (an older file's) are read as leniently as auth-state.json. */
function checkCredentialsFile(file: JsonFile): void {
  const result = credentialsFileSchema().safeParse(exposeProtoKeys(file.value));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `key ${issue.path.map(String).join(".")}` : "top level";
    throw invalid(file, where, issue?.message ?? "unexpected shape", PROFILES_EXAMPLE);
  }
  checkVersion(file, result.data.version);
}

/**
 * auth-state.json as read. For a read, one that does not parse or is not an object is ignored (reported like a
 * malformed value); a rewrite refuses it, since it could not keep what the file holds.
 */
async function readStateFile(
  path: string,
  forWrite: boolean,
): Promise<{ file: JsonFile | undefined; ignored: IgnoredStateField[] }> {
  let file: JsonFile | undefined;
  try {
    file = await readJsonFile(path);
  } catch (error) {
    if (forWrite || !SafeFileError.isInstance(error) || error.code !== "FILE_UNPARSEABLE") throw error;
    const at = error.line === undefined ? "" : ` (line ${error.line}, column ${error.column ?? 1})`;
    return { file: undefined, ignored: [{ path, field: "", problem: `not valid JSON${at}` }] };
  }
  if (file === undefined || isRecord(file.value)) return { file, ignored: [] };
  if (forWrite)
    throw invalid(file, "top level", `${describeValue(file.value)}, not an object`, STATE_EXAMPLE);
  return {
    file: undefined,
    ignored: [{ path, field: "", problem: `${describeValue(file.value)}, not an object` }],
  };
}

/**
 * Reads both files; for a rewrite, also refuses what a rewrite would lose and keeps exact numbers. The shape is
 * checked on the values as parsed (an exact number is still a number to zod); the exact ones are what is written.
 */
async function readDocuments(paths: AuthStorePaths, forWrite = false): Promise<Documents> {
  const [profilesRead, stateRead] = await Promise.all([
    readJsonFile(paths.profilesPath),
    readStateFile(paths.statePath, forWrite),
  ]);
  if (profilesRead) checkCredentialsFile(profilesRead);
  const stateFileRead = stateRead.file;
  if (stateFileRead) checkVersion(stateFileRead, (stateFileRead.value as Record<string, unknown>).version);
  const profilesFile = forWrite ? forRewrite(profilesRead) : profilesRead;
  const stateFile = forWrite ? forRewrite(stateFileRead) : stateFileRead;
  return interpret(
    paths,
    { file: profilesFile, judged: profilesRead?.value, exact: profilesFile?.value },
    { file: stateFile, judged: stateFileRead?.value, exact: stateFile?.value },
    stateRead.ignored,
  );
}

interface Read {
  readonly file: JsonFile | undefined;
  readonly judged: unknown;
  readonly exact: unknown;
}

/** The well-formed state of both files, and what was left out of it. */
function interpret(
  paths: AuthStorePaths,
  profiles: Read,
  state: Read,
  ignored: readonly IgnoredStateField[] = [],
): Documents {
  const all = [...ignored];
  const maps = (read: Read, path: string): StateMaps => {
    if (!isRecord(read.judged) || !isRecord(read.exact))
      return { order: undefined, lastGood: undefined, usageStats: undefined };
    const result = readStateMaps(read.judged, read.exact, path);
    all.push(...result.ignored);
    return result.maps;
  };
  const stateDoc = isRecord(state.exact) ? state.exact : {};
  if (isRecord(state.judged) && Object.hasOwn(state.judged, "version")) {
    const version = state.judged.version;
    if (typeof version !== "number")
      all.push({
        path: paths.statePath,
        field: "version",
        problem: `${describeValue(version)}, not a number`,
      });
  }
  return {
    profilesFile: profiles.file,
    stateFile: state.file,
    profilesDoc: (profiles.exact ?? {}) as AuthProfilesFile,
    stateDoc,
    legacy: maps(profiles, paths.profilesPath),
    state: maps(state, paths.statePath),
    ignored: all,
  };
}

const hasLegacy = (doc: AuthProfilesFile) => STATE_KEYS.some((key) => Object.hasOwn(doc, key));

/**
 * A map keyed by ids from a file, later records winning. It has no prototype: `constructor` or `__proto__` is a key
 * like any other, and a lookup never finds something the file does not hold.
 */
function idMap<T>(
  records: readonly (Readonly<Record<string, T>> | undefined)[],
  keyOf: (key: string) => string = (key) => key,
): Record<string, T> {
  const merged: Record<string, T> = Object.create(null);
  for (const record of records)
    for (const [key, value] of Object.entries(record ?? {})) merged[keyOf(key)] = value;
  return merged;
}

/** Per-provider maps are keyed by canonical provider id (`Anthropic` → `anthropic`), so every reader can look up directly. */
const keyOfState = (key: StateKey): ((id: string) => string) | undefined =>
  key === "usageStats" ? undefined : normalizeProviderId;

/** The state of one store: its auth-state.json over the state an older auth-profiles.json keeps inline. */
function stateOf(docs: Documents): AuthStateView {
  return {
    order: idMap([docs.legacy.order, docs.state.order], normalizeProviderId),
    lastGood: idMap([docs.legacy.lastGood, docs.state.lastGood], normalizeProviderId),
    usageStats: idMap([docs.legacy.usageStats, docs.state.usageStats]),
  };
}

interface LoadedStore {
  readonly paths: AuthStorePaths;
  readonly docs: Documents;
  readonly profilesMode: number | undefined;
}

/**
 * One store, or a sub-agent's over the main agent's as the reference merges them: the main agent's profiles in its
 * file order (one the agent also has, in that place, with the agent's value), then the agent's others; each state
 * map entry by entry, the agent's winning.
 */
function toStore(own: LoadedStore, main: LoadedStore | undefined): AuthStore {
  const ownRaw = own.docs.profilesDoc.profiles ?? {};
  const mainRaw = main?.docs.profilesDoc.profiles ?? {};
  const inherited = new Set<string>();
  const profiles: StoredProfile[] = [];
  for (const [id, value] of Object.entries(mainRaw)) {
    if (Object.hasOwn(ownRaw, id)) profiles.push(readProfile(id, ownRaw[id]));
    else {
      inherited.add(id);
      profiles.push(readProfile(id, value));
    }
  }
  for (const [id, value] of Object.entries(ownRaw))
    if (!Object.hasOwn(mainRaw, id)) profiles.push(readProfile(id, value));
  const ownState = stateOf(own.docs);
  const mainState = main ? stateOf(main.docs) : undefined;
  return {
    paths: own.paths,
    profiles,
    state: mainState
      ? {
          order: idMap([mainState.order, ownState.order]),
          lastGood: idMap([mainState.lastGood, ownState.lastGood]),
          usageStats: idMap([mainState.usageStats, ownState.usageStats]),
        }
      : ownState,
    ownState,
    hasLegacyState: hasLegacy(own.docs.profilesDoc),
    profilesMode: own.profilesMode,
    main: main ? { paths: main.paths, profilesMode: main.profilesMode } : undefined,
    inherited,
    ignored: [...own.docs.ignored, ...(main?.docs.ignored ?? [])],
  };
}

/** The main agent's store beneath `paths`, read (never written); undefined when `paths` is the main agent's own. */
async function loadMain(paths: AuthStorePaths, options: LoadOptions): Promise<LoadedStore | undefined> {
  const mainDir = options.mainAgentDir;
  if (mainDir === undefined || resolve(mainDir) === resolve(paths.agentDir)) return undefined;
  const mainPaths = authStorePaths(mainDir);
  const docs = await readDocuments(mainPaths);
  return { paths: mainPaths, docs, profilesMode: docs.profilesFile?.mode };
}

/**
 * Reads the store of an agent folder (for a sub-agent, over the main agent's: see `LoadOptions`); missing files read
 * as an empty store. Never writes: the reference copies the main agent's store into a sub-agent's folder, modelctl
 * reads the two together instead.
 */
export async function loadAuthStore(agentDir: string, options: LoadOptions = {}): Promise<AuthStore> {
  const paths = authStorePaths(agentDir);
  const [docs, main] = await Promise.all([readDocuments(paths), loadMain(paths, options)]);
  return toStore({ paths, docs, profilesMode: docs.profilesFile?.mode }, main);
}

/**
 * What an update may change: the raw profile objects (as stored, secrets as plain strings: this is what is written)
 * and the runtime state. The four maps have no prototype. Prefer the edits (`putProfile`, `removeProfile`,
 * `setOrder`, `clearOrder`, `recordOutcome`) to writing the maps by hand: they keep the file format's rules.
 */
export interface AuthStoreDraft {
  /**
   * Typed as what may be written: every profile the update adds or changes is checked before anything is written
   * (`PROFILE_INVALID`). One it leaves alone is written back as read, even of a type modelctl does not write.
   */
  profiles: Record<string, ProfileInput>;
  order: Record<string, string[]>;
  lastGood: Record<string, string>;
  usageStats: Record<string, UsageStats>;
}

export interface AuthStoreUpdate<T> {
  readonly result: T;
  /** Which files were written (nothing is written when nothing changed). */
  readonly wrote: { readonly profiles: boolean; readonly state: boolean };
  /** The store as it is after the update (worked out when first read). */
  readonly store: AuthStore;
}

/**
 * The state keys as written back. Entries the update changed (set, replaced or removed) are written as the draft has
 * them; every other entry is written as it was in the files, a malformed one included: ignored on read, it is never
 * dropped by a write that does not replace it. Legacy state moves from auth-profiles.json to auth-state.json, except
 * a key that is not an object (or whose auth-state.json counterpart is not), which stays where it is unless the
 * update changes that key. Returns the state keys to write and the legacy keys to keep.
 */
function stateToWrite(
  docs: Documents,
  before: AuthStateView,
  draft: AuthStoreDraft,
): { state: Partial<Record<StateKey, unknown>>; keepLegacy: Set<StateKey> } {
  const state: Partial<Record<StateKey, unknown>> = {};
  const keepLegacy = new Set<StateKey>();
  for (const key of STATE_KEYS) {
    const was = before[key] as Readonly<Record<string, unknown>>;
    const now = draft[key] as Record<string, unknown>;
    const changed = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter(
      (id) => !sameJson(was[id], now[id]),
    );
    const legacy = Object.hasOwn(docs.profilesDoc, key) ? docs.profilesDoc[key] : undefined;
    const inState = Object.hasOwn(docs.stateDoc, key) ? docs.stateDoc[key] : undefined;
    const opaqueLegacy = legacy !== undefined && !isRecord(legacy);
    const opaqueState = inState !== undefined && !isRecord(inState);
    if (changed.length === 0 && opaqueState) {
      state[key] = inState;
      if (legacy !== undefined) keepLegacy.add(key);
      continue;
    }
    if (changed.length === 0 && opaqueLegacy) keepLegacy.add(key);
    const written = idMap(
      [isRecord(legacy) ? legacy : undefined, isRecord(inState) ? inState : undefined],
      keyOfState(key),
    );
    for (const id of changed) {
      if (now[id] === undefined) delete written[id];
      else written[id] = now[id];
    }
    // An empty map is left out, as the reference writes state.
    if (Object.keys(written).length > 0) state[key] = written;
  }
  return { state, keepLegacy };
}

/**
 * Refuses (`PROFILE_INVALID`) a profile the update added or changed that is malformed; see `checkProfileEdit`. A
 * profile left as read is not judged, so a store that can be read can always be written.
 */
function checkProfileEdits(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  path: string,
): void {
  for (const [id, profile] of Object.entries(after)) {
    // `undefined` is left out of the file: the profile is removed, not written.
    if (profile === undefined) continue;
    const was = Object.hasOwn(before, id) ? before[id] : undefined;
    let changed = true;
    try {
      changed = !sameJson(was, profile);
    } catch {
      // JSON cannot write it (a bigint, a cycle): judged, and refused, below.
    }
    if (changed) checkProfileEdit(id, was, profile, path);
  }
}

/**
 * Locked read-modify-write of an agent's own store. Both files are locked (credentials first, always in that order),
 * re-read, and the draft handed to `update`; each file is then written atomically (0600, folder 0700) if it
 * changed. State is written before credentials, so a crash in between leaves state in both files, never in neither.
 * Nothing is written when either file does not parse or has the wrong shape. With `mainAgentDir`, `current` and the
 * store returned are the agent's store over the main agent's (read, never written); the draft is the agent's own.
 */
export async function updateAuthStore<T>(
  agentDir: string,
  update: (draft: AuthStoreDraft, current: AuthStore) => T | typeof UNCHANGED,
  options: UpdateOptions & LoadOptions = {},
): Promise<AuthStoreUpdate<T | undefined>> {
  const paths = authStorePaths(agentDir);
  return refuseStackOverflow(`${paths.profilesPath} or ${paths.statePath}`, () =>
    updateLockedStore(paths, update, options),
  );
}

async function updateLockedStore<T>(
  paths: AuthStorePaths,
  update: (draft: AuthStoreDraft, current: AuthStore) => T | typeof UNCHANGED,
  options: UpdateOptions & LoadOptions,
): Promise<AuthStoreUpdate<T | undefined>> {
  // The files' real paths: a symlinked store shares its lock with every other way of naming it, and stays a link.
  const [profilesPath, statePath] = await Promise.all([
    resolveRealPath(paths.profilesPath),
    resolveRealPath(paths.statePath),
  ]);
  const inStoreFolders = (write: () => Promise<AuthStoreUpdate<T | undefined>>) =>
    inFolders(
      [dirname(profilesPath), dirname(statePath)],
      0o700,
      write,
      ({ wrote }) => wrote.profiles || wrote.state,
    );
  return inStoreFolders(() =>
    withFileLock(
      profilesPath,
      () =>
        withFileLock(
          statePath,
          async () => {
            // Temp files a killed writer left: they may hold every credential.
            await removeLeftoverTemps(profilesPath, statePath);
            // Read through the paths as given (errors name them); locked and written at the real paths.
            const [docs, main] = await Promise.all([readDocuments(paths, true), loadMain(paths, options)]);
            const own: LoadedStore = { paths, docs, profilesMode: docs.profilesFile?.mode };
            const current = toStore(own, main);
            const ownState = stateOf(docs);
            // A deep copy of the agent's own store: the update may change anything in it, and `ownState` must stay
            // as read (cloneJson keeps numbers a double cannot hold as they were written). Its maps have no
            // prototype, so `draft.profiles["__proto__"] = …` stores a profile and `"toString" in draft.profiles` is
            // false.
            const copy = cloneJson({ profiles: docs.profilesDoc.profiles ?? {}, ...ownState });
            const draft: AuthStoreDraft = {
              profiles: idMap([copy.profiles]) as AuthStoreDraft["profiles"],
              order: idMap([copy.order]) as AuthStoreDraft["order"],
              lastGood: idMap([copy.lastGood]),
              usageStats: idMap([copy.usageStats]),
            };
            const result = update(draft, current);
            if (result === UNCHANGED)
              return { result: undefined, wrote: { profiles: false, state: false }, store: current };
            // Judged against the profiles as read (`docs`, which the update never sees): a profile changed in place
            // is a changed profile too.
            checkProfileEdits(docs.profilesDoc.profiles ?? {}, draft.profiles, paths.profilesPath);

            const { state: stateMaps, keepLegacy } = stateToWrite(docs, ownState, draft);
            const profilesRest = Object.fromEntries(
              Object.entries(docs.profilesDoc).filter(
                ([key]) =>
                  !(STATE_KEYS as readonly string[]).includes(key) || keepLegacy.has(key as StateKey),
              ),
            );
            const profilesDoc = {
              ...profilesRest,
              version: docs.profilesDoc.version ?? 1,
              profiles: draft.profiles,
            };
            const stateRest = Object.fromEntries(
              Object.entries(docs.stateDoc).filter(
                ([key]) => !(STATE_KEYS as readonly string[]).includes(key),
              ),
            );
            const stateDoc = { ...stateRest, version: docs.stateDoc.version ?? 1, ...stateMaps };
            const profilesText = serializeJson(profilesDoc);
            const stateText = serializeJson(stateDoc);
            const stateEmpty = Object.keys(stateDoc).length === 1;
            const profilesEmpty =
              Object.keys(draft.profiles).length === 0 &&
              Object.keys(profilesRest).every((key) => key === "version" || key === "profiles");
            const writeState = docs.stateFile ? docs.stateFile.text !== stateText : !stateEmpty;
            const writeProfiles = docs.profilesFile
              ? docs.profilesFile.text !== profilesText
              : !profilesEmpty;
            const writeOptions = { mode: FILE_MODE, dirMode: 0o700 };
            // Both new files are complete on disk before either is renamed into place: a full disk changes nothing.
            const state = writeState
              ? await prepareJsonText(statePath, stateText, docs.stateFile, writeOptions)
              : undefined;
            let profiles: PreparedFile | undefined;
            try {
              profiles = writeProfiles
                ? await prepareJsonText(profilesPath, profilesText, docs.profilesFile, writeOptions)
                : undefined;
            } catch (error) {
              await state?.abort();
              throw error;
            }
            // State first, then credentials; a failed rename puts back what was renamed before it.
            const prepared = [state, profiles].filter((file) => file !== undefined);
            if (prepared.length > 0) await commitPrepared(prepared, writeOptions);
            // The store as now on disk, judged as a fresh read would judge it (what was kept malformed still is);
            // worked out only when asked for: most callers never look, and it costs a parse of both files.
            let after: AuthStore | undefined;
            const afterWrite = () =>
              toStore(
                {
                  paths,
                  docs: interpret(
                    paths,
                    { file: docs.profilesFile, judged: JSON.parse(profilesText), exact: profilesDoc },
                    { file: docs.stateFile, judged: JSON.parse(stateText), exact: stateDoc },
                  ),
                  profilesMode: writeProfiles ? FILE_MODE : docs.profilesFile?.mode,
                },
                main,
              );
            return {
              result,
              wrote: { profiles: writeProfiles, state: writeState },
              get store() {
                after ??= afterWrite();
                return after;
              },
            };
          },
          options,
        ),
      options,
    ),
  );
}
