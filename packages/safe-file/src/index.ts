// The public surface of @modelctl/safe-file: what its README documents, and nothing else.
//
// Deliberately internal: the promisified fs calls (`fs-async.ts`, looked up at each call so tests can inject faults),
// the temp-file and rename primitives under `prepareJsonText` / `commitPrepared` (`atomic-file.ts`), the lock's
// record format and takeover rules (`file-lock.ts`), the one-pass JSON5 scanner and exact-number parser
// (`json-rewrite.ts`), the span edits of `editJsonText` (`json-edit.ts`), JSON5 parsing on its own, and the size and
// nesting limits. They change whenever the write path needs them to; build on the functions below instead.

export { type PreparedFile, removeLeftoverTemps } from "./atomic-file.js";
export { SafeFileError, type SafeFileErrorCode } from "./errors.js";
export { type LockOptions, withFileLock } from "./file-lock.js";
export { editJsonText } from "./json-edit.js";
export {
  commitPrepared,
  forRewrite,
  inFolders,
  type JsonFile,
  prepareJsonText,
  readJsonFile,
  serializeJson,
  UNCHANGED,
  type UpdateOptions,
  updateJsonFile,
  type WriteOptions,
} from "./json-file.js";
export { cloneJson, describeAt, refuseStackOverflow, type Segment } from "./json-rewrite.js";
export { resolveRealPath } from "./real-path.js";
