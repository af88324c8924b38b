// The auth store of one agent: credentials in auth-profiles.json, runtime state in auth-state.json, read together
// and updated under both files' locks so that neither a credential nor a state change is ever lost.
import { dirname, join } from "node:path";
import { exposeProtoKeys, normalizeProviderId } from "@modelctl/model-ref";
import { type PreparedFile, removeLeftoverTemps } from "./atomic-file.js";
import { AuthStoreError } from "./errors.js";
import { withFileLock } from "./file-lock.js";
import {
  commitPrepared,
  forRewrite,
  inFolders,
  type JsonFile,
  prepareJsonText,
  readJsonFile,
  serializeJson,
  UNCHANGED,
  type UpdateOptions,
} from "./json-file.js";
import { cloneJson, refuseStackOverflow } from "./json-rewrite.js";
import { readProfile, type StoredProfile } from "./profile.js";
import { resolveRealPath } from "./real-path.js";
import {
  type AuthProfilesFile,
  AuthProfilesFileSchema,
  type AuthState,
  AuthStateSchema,
  type UsageStats,
} from "./schema.js";

export const AUTH_PROFILES_FILE = "auth-profiles.json";
export const AUTH_STATE_FILE = "auth-state.json";
const STATE_KEYS = ["order", "lastGood", "usageStats"] as const;
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

export interface AuthStore {
  readonly paths: AuthStorePaths;
  /** Profiles in file order, read leniently. */
  readonly profiles: readonly StoredProfile[];
  readonly state: AuthStateView;
  /** auth-profiles.json still holds state keys; they move to auth-state.json on the next write. */
  readonly hasLegacyState: boolean;
  /**
   * Permission bits of auth-profiles.json as it is now (undefined when there is none). Credentials should be
   * `0600`: see `isExposedMode`.
   */
  readonly profilesMode: number | undefined;
}

/** Whether a file with these permission bits can be read (or written) by users other than its owner. */
export const isExposedMode = (mode: number | undefined): mode is number =>
  mode !== undefined && (mode & 0o077) !== 0;

interface Documents {
  readonly profilesFile: JsonFile | undefined;
  readonly stateFile: JsonFile | undefined;
  readonly profilesDoc: AuthProfilesFile;
  readonly stateDoc: AuthState;
}

function validate<T>(
  file: JsonFile | undefined,
  schema: {
    safeParse(
      value: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  },
  example: string,
): T | undefined {
  if (!file) return undefined;
  const result = schema.safeParse(exposeProtoKeys(file.value));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `key ${issue.path.map(String).join(".")}` : "top level";
    throw new AuthStoreError(
      "FILE_INVALID",
      `${file.path} is not a valid auth file (${where}: ${issue?.message ?? "unexpected shape"}). Expected ${example}. The file was left unchanged.`,
      { path: file.path },
    );
  }
  const version = (result.data as { version?: number }).version;
  if (version !== undefined && version !== 1) {
    throw new AuthStoreError(
      "FILE_INVALID",
      `${file.path} has version ${version}; modelctl reads version 1. The file was left unchanged; use a newer modelctl.`,
      { path: file.path },
    );
  }
  // The document itself, not zod's copy: key order and unknown keys survive a rewrite.
  return file.value as T;
}

const PROFILES_EXAMPLE = '{ "version": 1, "profiles": { … } }';
const STATE_EXAMPLE = '{ "version": 1, "order": { … }, "usageStats": { … } }';

/**
 * Reads both files; for a rewrite, also refuses what a rewrite would lose and keeps exact numbers. The shape is
 * checked on the values as parsed (an exact number is still a number to zod); the exact ones are what is written.
 */
async function readDocuments(paths: AuthStorePaths, forWrite = false): Promise<Documents> {
  const [profilesRead, stateRead] = await Promise.all([
    readJsonFile(paths.profilesPath),
    readJsonFile(paths.statePath),
  ]);
  const profilesFile = forWrite ? forRewrite(profilesRead) : profilesRead;
  const stateFile = forWrite ? forRewrite(stateRead) : stateRead;
  validate(profilesRead, AuthProfilesFileSchema, PROFILES_EXAMPLE);
  validate(stateRead, AuthStateSchema, STATE_EXAMPLE);
  return {
    profilesFile,
    stateFile,
    profilesDoc: (profilesFile?.value ?? {}) as AuthProfilesFile,
    stateDoc: (stateFile?.value ?? {}) as AuthState,
  };
}

const hasLegacy = (doc: AuthProfilesFile) => STATE_KEYS.some((key) => doc[key] !== undefined);

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

/** Per-provider maps keyed by canonical provider id (`Anthropic` → `anthropic`), so every reader can look up directly. */
const byCanonicalProvider = <T>(...records: (Readonly<Record<string, T>> | undefined)[]) =>
  idMap(records, normalizeProviderId);

function mergeState(docs: Documents): AuthStateView {
  const legacy = docs.profilesDoc;
  const state = docs.stateDoc;
  return {
    order: byCanonicalProvider(legacy.order, state.order),
    lastGood: byCanonicalProvider(legacy.lastGood, state.lastGood),
    usageStats: idMap([legacy.usageStats, state.usageStats]),
  };
}

function toStore(paths: AuthStorePaths, docs: Documents, profilesMode = docs.profilesFile?.mode): AuthStore {
  const raw = docs.profilesDoc.profiles ?? {};
  return {
    paths,
    profiles: Object.entries(raw).map(([id, value]) => readProfile(id, value)),
    state: mergeState(docs),
    hasLegacyState: hasLegacy(docs.profilesDoc),
    profilesMode,
  };
}

/** Reads the store of an agent folder; missing files read as an empty store. Never writes. */
export async function loadAuthStore(agentDir: string): Promise<AuthStore> {
  const paths = authStorePaths(agentDir);
  return toStore(paths, await readDocuments(paths));
}

/**
 * What an update may change: the raw profile objects (as stored, secrets as plain strings: this is what is written)
 * and the runtime state. The four maps have no prototype.
 */
export interface AuthStoreDraft {
  profiles: Record<string, unknown>;
  order: Record<string, string[]>;
  lastGood: Record<string, string>;
  usageStats: Record<string, UsageStats>;
}

export interface AuthStoreUpdate<T> {
  readonly result: T;
  /** Which files were written (nothing is written when nothing changed). */
  readonly wrote: { readonly profiles: boolean; readonly state: boolean };
  /** The store as it is after the update. */
  readonly store: AuthStore;
}

function withoutEmpty(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(
      ([, value]) => !(typeof value === "object" && value !== null && Object.keys(value).length === 0),
    ),
  );
}

/**
 * Locked read-modify-write of an agent's store. Both files are locked (credentials first, always in that order),
 * re-read, and the draft handed to `update`; each file is then written atomically (0600, folder 0700) if it
 * changed. State is written before credentials, so a crash in between leaves state in both files, never in neither.
 * Nothing is written when either file does not parse or has the wrong shape.
 */
export async function updateAuthStore<T>(
  agentDir: string,
  update: (draft: AuthStoreDraft, current: AuthStore) => T | typeof UNCHANGED,
  options: UpdateOptions = {},
): Promise<AuthStoreUpdate<T | undefined>> {
  const paths = authStorePaths(agentDir);
  return refuseStackOverflow(`${paths.profilesPath} or ${paths.statePath}`, () =>
    updateLockedStore(paths, update, options),
  );
}

async function updateLockedStore<T>(
  paths: AuthStorePaths,
  update: (draft: AuthStoreDraft, current: AuthStore) => T | typeof UNCHANGED,
  options: UpdateOptions,
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
            const docs = await readDocuments(paths, true);
            const current = toStore(paths, docs);
            // A deep copy: the update may change anything in it, and `current` must stay as read (cloneJson keeps
            // numbers a double cannot hold as they were written). Its maps have no prototype, so
            // `draft.profiles["__proto__"] = …` stores a profile and `"toString" in draft.profiles` is false.
            const copy = cloneJson({ profiles: docs.profilesDoc.profiles ?? {}, ...current.state });
            const draft: AuthStoreDraft = {
              profiles: idMap([copy.profiles]),
              order: idMap([copy.order]) as AuthStoreDraft["order"],
              lastGood: idMap([copy.lastGood]),
              usageStats: idMap([copy.usageStats]),
            };
            const result = update(draft, current);
            if (result === UNCHANGED)
              return { result: undefined, wrote: { profiles: false, state: false }, store: current };

            const { order: _o, lastGood: _l, usageStats: _u, ...profilesRest } = docs.profilesDoc;
            const profilesDoc = {
              ...profilesRest,
              version: docs.profilesDoc.version ?? 1,
              profiles: draft.profiles,
            };
            const { order: _so, lastGood: _sl, usageStats: _su, ...stateRest } = docs.stateDoc;
            const stateDoc = {
              ...stateRest,
              version: docs.stateDoc.version ?? 1,
              ...withoutEmpty({ order: draft.order, lastGood: draft.lastGood, usageStats: draft.usageStats }),
            };
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
            const after: Documents = {
              profilesFile: docs.profilesFile,
              stateFile: docs.stateFile,
              profilesDoc: profilesDoc as AuthProfilesFile,
              stateDoc: stateDoc as AuthState,
            };
            return {
              result,
              wrote: { profiles: writeProfiles, state: writeState },
              store: toStore(paths, after, writeProfiles ? FILE_MODE : docs.profilesFile?.mode),
            };
          },
          options,
        ),
      options,
    ),
  );
}
