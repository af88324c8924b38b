export {
  type AgentDir,
  type AgentDirInput,
  type AgentDirSource,
  listAgentFolders,
  resolveAgentDir,
} from "./agent-dir.js";
export { AuthStoreError, type AuthStoreErrorCode } from "./errors.js";
export { type LockOptions, withFileLock } from "./file-lock.js";
export {
  type JsonFile,
  parseJsonText,
  readJsonFile,
  serializeJson,
  UNCHANGED,
  type UpdateOptions,
  updateJsonFile,
  type WriteOptions,
} from "./json-file.js";
